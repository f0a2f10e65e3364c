import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
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
 * exactly when the item is public today or the reader is entitled, and never once it is erased; and a
 * copy answering without the read cache (LEDGER_READ_CACHE=off) gives every reader the same answers.
 */
describe('confidential content, property: every marker reaches exactly the readers entitled to it', () => {
  let ledger: LedgerTestApp;
  let keys: Record<ReaderName, string | undefined>;
  /** A copy of the ledger answering without its read cache (LEDGER_READ_CACHE=off): it must answer every reader alike. */
  let plain: LedgerTestApp;
  let plainKeys: Record<ReaderName, string | undefined>;
  /** How far the copy holds the ledger's events. */
  let copied = 0;
  let run = 0;
  const post = (path: string, data: object) =>
    ledger
      .http()
      .post(path)
      .set('Authorization', ledger.keys.admin)
      .send({ source, ...data })
      .expect(201);
  const getBody = async (path: string, key: string | undefined, from = ledger) => {
    const request = from.http().get(path);
    const response = await (key ? request.set('Authorization', key) : request);
    expect(response.status).toBeLessThan(500);
    return response.body;
  };
  const get = async (path: string, key: string | undefined, from = ledger) => JSON.stringify(await getBody(path, key, from));
  const readers = (app: LedgerTestApp): Record<ReaderName, string | undefined> => ({
    public: undefined,
    otherOfficer: app.keys.officerFor('nhs-other-ccg'),
    cabinetOfficer: app.keys.officerFor('wirral-cabinet'),
    councilOfficer: app.keys.officerFor('wirral-council'),
    auditor: app.keys.auditor,
  });
  /** The copy given the ledger's events since the last copy, and its content keys (one master key for both). */
  const copyIntoPlain = async () => {
    const events = await (ledger.app.get(EVENT_STORE) as EventStore).readAll(copied + 1);
    const store = plain.app.get(EVENT_STORE) as EventStore;
    for (const event of events) {
      await store.append(event.stream, [{ id: event.id, type: event.type, data: event.data, metadata: event.metadata }], 'any');
      copied = event.globalPosition;
    }
    const source = new Database(join(ledger.dataDir, 'ledger-keys.sqlite'), { readonly: true });
    const target = new Database(join(plain.dataDir, 'ledger-keys.sqlite'));
    const insert = target.prepare('INSERT OR IGNORE INTO data_keys (ref, wrapped) VALUES (?, ?)');
    for (const { ref, wrapped } of source.prepare('SELECT ref, wrapped FROM data_keys').all() as { ref: string; wrapped: Buffer }[]) {
      insert.run(ref, wrapped);
    }
    source.close();
    target.close();
    await plain.settled();
  };
  /** Transaction times are each ledger's own: the copy's differ. */
  const withoutTimes = (answer: string) => answer.replace(/"recordedAt":"[^"]*"/g, '"recordedAt":"…"');

  beforeAll(async () => {
    process.env.LEDGER_MASTER_KEY_FILE = join(mkdtempSync(join(tmpdir(), 'ledger-master-')), 'ledger-master.key');
    ledger = await startLedger();
    process.env.LEDGER_READ_CACHE = 'off';
    plain = await startLedger();
    delete process.env.LEDGER_READ_CACHE;
    delete process.env.LEDGER_MASTER_KEY_FILE;
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
    keys = readers(ledger);
    plainKeys = readers(plain);
  });
  afterAll(async () => {
    await ledger.close();
    await plain.close();
  });

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
        await copyIntoPlain();
        const head = (await ledger.head()).position;
        // The head, the moment all content was known, and one basis in between.
        const last = recordedAt[recordedAt.length - 1];
        const bases = [head, last, last + (seed % Math.max(1, head - last + 1))];

        for (const [name, key] of Object.entries(keys) as [ReaderName, string | undefined][]) {
          for (const basis of bases) {
            const evidence = await getBody(`/decisions/${meetingId}/item-0/wirral-cabinet/evidence?asKnownAt=${basis}`, key);
            // The evidence's events are as stored, sealed for everyone; its subject is an answer like any other.
            expect(JSON.stringify(evidence.events ?? [])).not.toMatch(new RegExp(`MARK${run}X\\d+X[a-z]+Z`));
            const answersFrom = async (from: LedgerTestApp, as: string | undefined, subject: unknown) => [
              JSON.stringify(subject ?? null),
              await get(`/decisions?body=wirral-cabinet&limit=200&asKnownAt=${basis}`, as, from),
              ...(await Promise.all(
                plans.map((_, index) => get(`/decisions/${meetingId}/item-${index}/wirral-cabinet?asKnownAt=${basis}`, as, from)),
              )),
            ];
            const answers = await answersFrom(ledger, key, evidence.subject);
            const plainEvidence = await getBody(
              `/decisions/${meetingId}/item-0/wirral-cabinet/evidence?asKnownAt=${basis}`,
              plainKeys[name],
              plain,
            );
            const plainly = await answersFrom(plain, plainKeys[name], plainEvidence.subject);
            expect(plainly.map(withoutTimes)).toEqual(answers.map(withoutTimes));
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
    // Two ledgers answer every route for every reader at every basis: a bound, not a measure.
  }, 240_000);
});
