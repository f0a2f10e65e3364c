import fc from 'fast-check';
import { LedgerTestApp, startLedger } from './ledger-test-app';

const source = { title: 'Illustrative minutes', illustrative: true };
const FIELDS = ['text', 'wording', 'resolution', 'interest', 'callin'] as const;

/** What happens to one item after it is recorded, in this order. */
interface ItemPlan {
  confidential: boolean;
  lift: 'none' | 'past' | 'future';
  impose: boolean;
  erase: boolean;
}

const itemPlan: fc.Arbitrary<ItemPlan> = fc.record({
  confidential: fc.boolean(),
  lift: fc.constantFrom('none' as const, 'past' as const, 'future' as const),
  impose: fc.boolean(),
  erase: fc.boolean(),
});

type ReaderName = 'public' | 'otherOfficer' | 'cabinetOfficer' | 'councilOfficer' | 'auditor';
const ENTITLED: Record<ReaderName, boolean> = {
  public: false,
  otherOfficer: false,
  cabinetOfficer: true,
  councilOfficer: true,
  auditor: true,
};

/** The item as it stands after its plan: is its content everyone's today? (The rule, written out again as the oracle.) */
function publicToday(plan: ItemPlan): boolean {
  let confidential = plan.confidential;
  let lifted: 'past' | 'future' | undefined;
  if (confidential && plan.lift !== 'none') lifted = plan.lift;
  if (plan.impose && (!confidential || lifted)) [confidential, lifted] = [true, undefined];
  return !confidential || lifted === 'past';
}

/**
 * Random meetings of Part 2 and public items, lifts from past and future dates, impositions and
 * erasures: a marker planted in every content field reaches a reader on any route and at any basis
 * exactly when the item is public today or the reader is entitled, and never once it is erased.
 */
describe('confidential content, property: every marker reaches exactly the readers entitled to it', () => {
  let ledger: LedgerTestApp;
  let keys: Record<ReaderName, string | undefined>;
  let run = 0;
  const post = (path: string, data: object) =>
    ledger
      .http()
      .post(path)
      .set('Authorization', ledger.keys.admin)
      .send({ source, ...data })
      .expect(201);
  const getBody = async (path: string, key: string | undefined) => {
    const request = ledger.http().get(path);
    const response = await (key ? request.set('Authorization', key) : request);
    expect(response.status).toBeLessThan(500);
    return response.body;
  };
  const get = async (path: string, key: string | undefined) => JSON.stringify(await getBody(path, key));

  beforeAll(async () => {
    ledger = await startLedger();
    for (const body of [
      { bodyId: 'wirral-council', kind: 'local-authority', name: 'Wirral Council', areas: ['wirral'], effective: '2013-04-01' },
      {
        bodyId: 'wirral-cabinet',
        kind: 'committee',
        name: 'Cabinet',
        parentBodyId: 'wirral-council',
        areas: ['wirral'],
        effective: '2013-04-01',
      },
      { bodyId: 'nhs-other-ccg', kind: 'ccg', name: 'NHS Other CCG', areas: ['halton'], effective: '2013-04-01' },
    ])
      await post('/bodies', body);
    for (const membershipId of ['cab-1', 'cab-2', 'cab-3']) {
      await post('/bodies/wirral-cabinet/memberships', {
        membershipId,
        member: { seat: membershipId },
        role: 'member',
        voting: true,
        from: '2013-04-01',
      });
    }
    keys = {
      public: undefined,
      otherOfficer: ledger.keys.officerFor('nhs-other-ccg'),
      cabinetOfficer: ledger.keys.officerFor('wirral-cabinet'),
      councilOfficer: ledger.keys.officerFor('wirral-council'),
      auditor: ledger.keys.auditor,
    };
  });
  afterAll(() => ledger.close());

  it('holds for random plans', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(itemPlan, { minLength: 1, maxLength: 3 }), fc.nat(), async (plans, seed) => {
        const meetingId = `m-${++run}`;
        const marker = (item: number, field: string) => `MARK${run}X${item}X${field}Z`;
        const at = `/meetings/${meetingId}`;
        await post('/meetings', { meetingId, date: '2024-01-15', bodies: [{ bodyId: 'wirral-cabinet', quorum: 2 }] });
        await post(`${at}/attendance`, { present: ['cab-1', 'cab-2', 'cab-3'] });
        const recordedAt: number[] = [];
        for (const [index, plan] of plans.entries()) {
          const itemId = `item-${index}`;
          const confidential = { paragraph: 3, publicInterestReason: 'commercial', publicSummary: `Summary ${index}` };
          await post(`${at}/items`, {
            itemId,
            title: `Item ${index}`,
            text: marker(index, 'text'),
            functions: ['adult-social-care'],
            areas: ['wirral'],
            ...(plan.confidential ? { confidential } : {}),
          });
          await post(`${at}/items/${itemId}/declarations`, {
            membershipId: 'cab-3',
            interest: marker(index, 'interest'),
            action: 'withdrew',
          });
          await post(`${at}/items/${itemId}/motions`, {
            motionId: `mo-${index}`,
            wording: marker(index, 'wording'),
            mover: 'cab-1',
            seconder: 'cab-2',
          });
          await post(`${at}/items/${itemId}/decisions`, { outcome: 'agreed-without-vote', resolution: marker(index, 'resolution') });
          await post(`${at}/items/${itemId}/call-ins`, { effective: '2024-01-20', reason: marker(index, 'callin') });
          recordedAt.push((await ledger.head()).position);
        }
        for (const [index, plan] of plans.entries()) {
          const item = `${at}/items/item-${index}`;
          if (plan.confidential && plan.lift !== 'none') {
            await post(`${item}/confidentiality-lifted`, {
              effective: plan.lift === 'past' ? '2024-02-01' : '2099-01-01',
              reason: 'lifted',
            });
          }
          if (plan.impose && publicToday({ ...plan, impose: false })) {
            await post(`${item}/confidentiality-imposed`, { paragraph: 1, publicInterestReason: 'staff', publicSummary: 'Staffing' });
          } else if (plan.impose) {
            // Already in Part 2 today: the ledger refuses, so the plan is as if it had not asked.
            plan.impose = false;
          }
          if (plan.erase) await post(`${item}/erasures`, { reason: 'published in error' });
        }
        await ledger.settled();
        const head = (await ledger.head()).position;
        // The head, the moment all content was known, and one basis in between.
        const last = recordedAt[recordedAt.length - 1];
        const bases = [head, last, last + (seed % Math.max(1, head - last + 1))];

        for (const [name, key] of Object.entries(keys) as [ReaderName, string | undefined][]) {
          for (const basis of bases) {
            const evidence = await getBody(`/decisions/${meetingId}/item-0/wirral-cabinet/evidence?asKnownAt=${basis}`, key);
            // The evidence's events are as stored, sealed for everyone; its subject is an answer like any other.
            expect(JSON.stringify(evidence.events ?? [])).not.toMatch(new RegExp(`MARK${run}X\\d+X[a-z]+Z`));
            const answers = [
              JSON.stringify(evidence.subject ?? null),
              await get(`/decisions?body=wirral-cabinet&limit=200&asKnownAt=${basis}`, key),
              ...(await Promise.all(
                plans.map((_, index) => get(`/decisions/${meetingId}/item-${index}/wirral-cabinet?asKnownAt=${basis}`, key)),
              )),
            ];
            for (const [index, plan] of plans.entries()) {
              const visible = !plan.erase && (publicToday(plan) || ENTITLED[name]);
              for (const field of FIELDS) {
                const shown = answers.some((answer) => answer.includes(marker(index, field)));
                expect({ run, name, basis, index, field, plan, shown }).toEqual({ run, name, basis, index, field, plan, shown: visible });
              }
            }
          }
          // The raw log is as stored: sealed for everyone.
          expect(await get(`/streams/meeting-${meetingId}`, key)).not.toMatch(new RegExp(`MARK${run}X\\d+X[a-z]+Z`));
        }
      }),
      { numRuns: 12 },
    );
  });
});
