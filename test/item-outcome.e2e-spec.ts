import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { LedgerTestApp, startLedger } from './ledger-test-app';

const source = { title: 'NHS Wirral CCG governing body minutes, 9 May 2019', reference: 'illustrative', illustrative: true };
const bodyId = 'nhs-wirral-ccg';
const MEMBERS = ['chair', 'vice-chair', 'gp-1', 'gp-2', 'gp-3', 'nurse', 'lay-1', 'lay-2', 'cfo', 'secondary-care-doctor'];

type Vote = 'for' | 'against' | 'abstain';
interface Item {
  itemId: string;
  title: string;
  declarations?: { membershipId: string; interest: string; action: 'noted' | 'remained-no-vote' | 'withdrew' }[];
  /** Votes in MEMBERS order, for the members free to vote; none: agreed without a vote. */
  votes?: Vote[];
  outcome: 'carried' | 'defeated' | 'agreed-without-vote';
  castingVote?: 'for' | 'against';
}

// Ten members, eight items: named votes, a declaration barring a vote, a tie broken by the chair, one item without a vote.
const ITEMS: Item[] = [
  { itemId: 'minutes', title: 'Minutes of the last meeting', outcome: 'agreed-without-vote' },
  {
    itemId: 'budget',
    title: 'Budget 2019/20',
    votes: ['for', 'for', 'for', 'for', 'for', 'for', 'for', 'against', 'for', 'abstain'],
    outcome: 'carried',
  },
  {
    itemId: 'community-services',
    title: 'Community services contract',
    declarations: [{ membershipId: 'gp-1', interest: 'partner in a bidding practice', action: 'withdrew' }],
    votes: ['for', 'against', 'for', 'for', 'against', 'for', 'for', 'for', 'for'],
    outcome: 'carried',
  },
  {
    itemId: 'walk-in-centre',
    title: 'Walk-in centre closure',
    votes: ['against', 'against', 'for', 'for', 'against', 'against', 'against', 'against', 'for', 'against'],
    outcome: 'defeated',
  },
  {
    itemId: 'estates',
    title: 'Estates strategy',
    votes: ['for', 'for', 'for', 'against', 'against', 'for', 'against', 'against', 'abstain', 'abstain'],
    outcome: 'carried',
    castingVote: 'for',
  },
  {
    itemId: 'dental',
    title: 'Dental access',
    declarations: [{ membershipId: 'nurse', interest: 'spouse is a dentist', action: 'noted' }],
    votes: ['for', 'for', 'for', 'for', 'for', 'for', 'for', 'for', 'for', 'for'],
    outcome: 'carried',
  },
  {
    itemId: 'prescribing',
    title: 'Prescribing policy',
    votes: ['for', 'for', 'against', 'for', 'for', 'for', 'abstain', 'for', 'for', 'for'],
    outcome: 'carried',
  },
  {
    itemId: 'risk-register',
    title: 'Risk register',
    votes: ['against', 'for', 'against', 'against', 'for', 'against', 'against', 'for', 'against', 'against'],
    outcome: 'defeated',
  },
];

const meetingData = (meetingId: string) => ({
  meetingId,
  date: '2019-05-09',
  bodies: [{ bodyId, quorum: 6 }],
  location: 'Old Market House',
  source,
});
const itemData = ({ itemId, title }: Item) => ({
  itemId,
  title,
  text: `Report on ${title.toLowerCase()}`,
  functions: ['community-health-services'],
  areas: ['wirral'],
  source,
});
const voters = (item: Item) =>
  MEMBERS.filter((member) => !item.declarations?.some((d) => d.membershipId === member && d.action !== 'noted'));
const votesOf = (item: Item) => (item.votes ?? []).map((vote, index) => ({ membershipId: voters(item)[index], vote }));
const motionOf = (item: Item) => ({
  motionId: `${item.itemId}-motion`,
  wording: `That the ${item.title.toLowerCase()} be approved`,
  mover: 'chair',
  seconder: 'vice-chair',
});
const decisionOf = (item: Item) => ({
  outcome: item.outcome,
  resolution: `Resolved on ${item.title.toLowerCase()}`,
  ...(item.castingVote ? { castingVote: { membershipId: 'chair', vote: item.castingVote } } : {}),
});

describe('one request per item: POST /meetings/:meetingId/items/:itemId/outcome', () => {
  let ledger: LedgerTestApp;
  let requests = 0;
  let bytes = 0;
  /** A write, counted with the bytes of its JSON body. */
  const post = (path: string, data: object, key = ledger.keys.admin) => {
    requests += 1;
    bytes += Buffer.byteLength(JSON.stringify(data));
    return ledger.http().post(path).set('Authorization', key).send(data);
  };
  const given = async (path: string, data: object) => {
    const answer = await post(path, data);
    expect(answer.status).toBe(201);
    return answer.body;
  };
  const counted = async (record: () => Promise<void>) => {
    [requests, bytes] = [0, 0];
    await record();
    return { requests, bytes };
  };

  /** The meeting as it was recorded before: one request per fact. */
  const perCommand = (meetingId: string) =>
    counted(async () => {
      await given('/meetings', meetingData(meetingId));
      await given(`/meetings/${meetingId}/attendance`, { present: MEMBERS, source });
      for (const item of ITEMS) await given(`/meetings/${meetingId}/items`, itemData(item));
      for (const item of ITEMS) {
        const path = `/meetings/${meetingId}/items/${item.itemId}`;
        for (const declaration of item.declarations ?? []) await given(`${path}/declarations`, { ...declaration, source });
        const motion = item.votes ? { motionId: motionOf(item).motionId } : {};
        if (item.votes) await given(`${path}/motions`, { ...motionOf(item), source });
        for (const vote of votesOf(item)) await given(`${path}/votes`, { ...vote, ...motion, source });
        await given(`${path}/decisions`, { ...decisionOf(item), ...motion, source });
      }
    });

  /** The same meeting, one request per item for what happened at it. */
  const perItem = (meetingId: string) =>
    counted(async () => {
      await given('/meetings', meetingData(meetingId));
      await given(`/meetings/${meetingId}/attendance`, { present: MEMBERS, source });
      for (const item of ITEMS) await given(`/meetings/${meetingId}/items`, itemData(item));
      for (const item of ITEMS) {
        await given(`/meetings/${meetingId}/items/${item.itemId}/outcome`, {
          ...(item.declarations ? { declarations: item.declarations } : {}),
          ...(item.votes ? { motion: motionOf(item), votes: votesOf(item) } : {}),
          decision: decisionOf(item),
          source,
        });
      }
    });

  /**
   * Each item's decision as the register answers it, all but where it lies in the log: the events it cites
   * (their ids and positions, the basis of the answer) and the meeting's id differ between the two meetings.
   */
  const decisionsOf = async (meetingId: string) => {
    await ledger.settled();
    const read = async (itemId: string) => (await ledger.http().get(`/decisions/${meetingId}/${itemId}/${bodyId}`).expect(200)).body;
    const views = await Promise.all(ITEMS.map(({ itemId }) => read(itemId)));
    const where = new Set(['citedEvents', 'event', 'position', 'recordedAt']);
    return JSON.parse(
      JSON.stringify(views, (key, value) =>
        where.has(key) ? undefined : typeof value === 'string' ? value.replaceAll(meetingId, 'M') : value,
      ),
    );
  };

  beforeAll(async () => {
    ledger = await startLedger();
    await given('/bodies', { bodyId, kind: 'ccg', name: 'NHS Wirral CCG', areas: ['wirral'], effective: '2013-04-01', source });
    for (const membershipId of MEMBERS) {
      await given(`/bodies/${bodyId}/memberships`, {
        membershipId,
        member: { seat: membershipId },
        role: 'member',
        voting: true,
        from: '2013-04-01',
        source,
      });
    }
  });
  afterAll(() => ledger.close());

  it('records a 10-member, 8-item meeting in at most 18 requests, deciding as the per-command routes do', async () => {
    const before = await perCommand('wirral-2019-05-a');
    const after = await perItem('wirral-2019-05-b');
    expect(after.requests).toBeLessThanOrEqual(18);
    expect(after.requests).toBe(2 + 2 * ITEMS.length);
    console.log(
      `10 members × 8 items: per-command routes ${before.requests} requests, ${before.bytes} bytes of JSON; ` +
        `outcome route ${after.requests} requests, ${after.bytes} bytes of JSON`,
    );
    const separately = await decisionsOf('wirral-2019-05-a');
    const together = await decisionsOf('wirral-2019-05-b');
    expect(together).toEqual(separately);
    expect(together.map((view: { outcome: string }) => view.outcome)).toEqual(ITEMS.map((item) => item.outcome));
    expect(together[4]).toMatchObject({ counts: { for: 4, against: 4 }, castingVote: { vote: 'for' } });
    expect(together[2]).toMatchObject({ counts: { for: 7, against: 2 }, quorum: { present: 9 } });
    expect(together[1].verdict.findings.map((finding: { rule: string }) => finding.rule)).toContain('quorum');

    // Read back whole, one request per meeting: the same record either way, and each decision as its own answer gives it.
    const whole = async (meetingId: string) => {
      const answer = (await ledger.http().get(`/meetings/${meetingId}`).expect(200)).body;
      return JSON.parse(
        JSON.stringify(answer, (key, value) =>
          ['citedEvents', 'event', 'position', 'recordedAt', 'provenance'].includes(key)
            ? undefined
            : typeof value === 'string'
              ? value.replaceAll(meetingId, 'M')
              : value,
        ),
      );
    };
    const meetingSeparately = await whole('wirral-2019-05-a');
    const meetingTogether = await whole('wirral-2019-05-b');
    expect(meetingTogether).toEqual(meetingSeparately);
    expect(meetingTogether).toMatchObject({ status: 'held', date: '2019-05-09' });
    expect(meetingTogether.attendance.present).toHaveLength(MEMBERS.length);
    expect(meetingTogether.items.map((item: { id: string }) => item.id)).toEqual(ITEMS.map((item) => item.itemId));
    expect(meetingTogether.items[2].declarations).toEqual([expect.objectContaining({ membershipId: 'gp-1', action: 'withdrew' })]);
    expect(meetingTogether.items.map((item: { votes: unknown[] }) => item.votes.length)).toEqual(
      ITEMS.map((item) => item.votes?.length ?? 0),
    );
    // The meeting's answer carries no provenance; the rest of each decision is the decision's own answer.
    const pick = ({ outcome, counts, castingVote, quorum, verdict }: Record<string, unknown>) =>
      JSON.parse(
        JSON.stringify({ outcome, counts, castingVote, quorum, verdict }, (key, value) => (key === 'provenance' ? undefined : value)),
      );
    expect(meetingTogether.items.map((item: { decisions: Record<string, unknown>[] }) => pick(item.decisions[0]))).toEqual(
      together.map(pick),
    );
  });

  describe('refusals: the failing part named, nothing written', () => {
    const meetingId = 'wirral-2019-06';
    const path = (itemId = 'budget') => `/meetings/${meetingId}/items/${itemId}/outcome`;
    const votes = (...cast: [string, Vote][]) => cast.map(([membershipId, vote]) => ({ membershipId, vote }));
    const valid = () => ({
      declarations: [{ membershipId: 'gp-1', interest: 'partner in a bidding practice', action: 'withdrew' }],
      motion: { motionId: 'budget-motion', wording: 'That the budget be set', mover: 'chair', seconder: 'vice-chair' },
      votes: votes(['chair', 'for'], ['vice-chair', 'for'], ['gp-2', 'against']),
      decision: { outcome: 'carried', resolution: 'The budget was set' },
      source,
    });
    const refused = (body: object, status: number, rule: string, field?: string, key?: string, itemId?: string) =>
      ledger.expectNothingWritten(async () => {
        const answer = await post(path(itemId), body, key);
        expect({ status: answer.status, rule: answer.body.rule, field: answer.body.field }).toEqual({ status, rule, field });
      });

    beforeAll(async () => {
      await given('/meetings', { ...meetingData(meetingId), date: '2019-06-13' });
      await given(`/meetings/${meetingId}/attendance`, { present: MEMBERS.filter((member) => member !== 'cfo'), source });
      await given(`/meetings/${meetingId}/items`, itemData({ itemId: 'budget', title: 'Budget', outcome: 'carried' }));
    });

    it('404 for an item not on the agenda (no part at fault)', () =>
      refused(valid(), 404, 'unknown-reference', undefined, undefined, 'nothing'));
    it('404 for a declaration by an unknown membership: declarations[0].membershipId', () =>
      refused(
        { ...valid(), declarations: [{ membershipId: 'stranger', interest: 'x', action: 'noted' }] },
        404,
        'unknown-reference',
        'declarations[0].membershipId',
      ));
    it('422 for a motion seconded by its mover: motion.seconder', () =>
      refused({ ...valid(), motion: { ...valid().motion, seconder: 'chair' } }, 422, 'seconder-is-mover', 'motion.seconder'));
    it('422 for the vote of a member its own declaration bars: votes[3]', () =>
      refused({ ...valid(), votes: [...valid().votes, { membershipId: 'gp-1', vote: 'for' }] }, 422, 'conflicted-member', 'votes[3]'));
    it('422 for the vote of a member not present: votes[1]', () =>
      refused({ ...valid(), votes: votes(['chair', 'for'], ['cfo', 'for']) }, 422, 'not-present', 'votes[1]'));
    it('409 for a second vote of one member: votes[1]', () =>
      refused({ ...valid(), votes: votes(['chair', 'for'], ['chair', 'against']) }, 409, 'already-voted', 'votes[1]'));
    it('422 for a decision the votes contradict: decision.outcome', () =>
      refused(
        { ...valid(), decision: { outcome: 'defeated', resolution: 'Not set' } },
        422,
        'outcome-contradicts-votes',
        'decision.outcome',
      ));
    it('422 for a casting vote without a tie: decision.castingVote', () =>
      refused(
        { ...valid(), decision: { ...valid().decision, castingVote: { membershipId: 'chair', vote: 'for' } } },
        422,
        'casting-vote-without-tie',
        'decision.castingVote',
      ));
    it('400 for a vote that is no vote option, naming it', () =>
      refused({ ...valid(), votes: [{ membershipId: 'chair', vote: 'maybe' }] }, 400, 'invalid-field', 'votes.0.vote'));
    it('400 for a part given its own motion or source (the outcome gives them)', async () => {
      await refused(
        { ...valid(), votes: [{ membershipId: 'chair', vote: 'for', motionId: 'other' }] },
        400,
        'invalid-field',
        'votes.0.motionId',
      );
      await refused({ ...valid(), motion: { ...valid().motion, source } }, 400, 'invalid-field', 'motion.source');
    });
    it('400 without a decision', () => refused({ ...valid(), decision: undefined }, 400, 'invalid-field', 'decision'));
    it('400 for votes that are not a list of votes', () => refused({ ...valid(), votes: ['chair'] }, 400, 'invalid-field', 'votes.0'));
    it('403 for an officer of another body', () =>
      refused(valid(), 403, 'body-not-served', undefined, ledger.keys.officerFor('nhs-other-ccg')));

    it('records the valid outcome once, its content texts sealed as the separate commands’ are', async () => {
      const answer = await given(path(), valid());
      expect(answer.events.map((event: { type: string }) => event.type)).toEqual([
        'InterestDeclared',
        'MotionProposed',
        'VoteCast',
        'VoteCast',
        'VoteCast',
        'DecisionRecorded',
      ]);
      const stored = await (ledger.app.get(EVENT_STORE) as EventStore).readStream(`meeting-${meetingId}`);
      const data = (type: string) => stored.find((event) => event.type === type)?.data as Record<string, string>;
      expect([data('InterestDeclared').interest, data('MotionProposed').wording, data('DecisionRecorded').resolution]).toEqual([
        expect.stringMatching(/^sealed:v1:/),
        expect.stringMatching(/^sealed:v1:/),
        expect.stringMatching(/^sealed:v1:/),
      ]);
      await ledger.settled();
      const view = (await ledger.http().get(`/decisions/${meetingId}/budget/${bodyId}`).expect(200)).body;
      expect(view).toMatchObject({ outcome: 'carried', resolution: 'The budget was set', counts: { for: 2, against: 1 } });
      await refused(valid(), 409, 'item-decided', 'declarations[0]');
    });
  });
});
