import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { LedgerTestApp, startLedger } from './ledger-test-app';

const source = { title: 'Cabinet minutes, approved subject to amendments', illustrative: true };
const amended = { title: 'Cabinet minutes of 14 March 2019, as amended on approval', illustrative: true };
const bodyId = 'wirral-cabinet';
const meetingId = 'cabinet-2019-02';
const item = `/meetings/${meetingId}/items/budget`;

/**
 * A vote that flips an outcome, corrected in one request: the member voted against, not for, and the
 * chair's casting vote carried the tie. Either correction alone leaves a history the rules refuse.
 */
describe('corrections of several facts at once: POST /corrections with facts', () => {
  let ledger: LedgerTestApp;
  let vote: string;
  let decision: string;
  const stream = `meeting-${meetingId}`;
  const post = (path: string, data: object, key = ledger.keys.admin) => ledger.http().post(path).set('Authorization', key).send(data);
  const given = async (path: string, data: object) => {
    const answer = await post(path, { source, ...data });
    expect([path, answer.status, answer.body.message]).toEqual([path, 201, undefined]);
    return answer.body;
  };
  const flipped = () => ({ correctedEventId: vote, changes: { vote: 'against' } });
  const casting = () => ({ correctedEventId: decision, changes: { castingVote: { membershipId: 'cabinet-chair', vote: 'for' } } });
  const correction = (facts: unknown[]) => ({ stream, facts, reason: 'the minutes were amended on approval', source: amended });
  const refused = (body: object, status: number, rule: string, field?: string) =>
    ledger.expectNothingWritten(async () => {
      const answer = await post('/corrections', body);
      expect({ status: answer.status, rule: answer.body.rule, field: answer.body.field }).toEqual({ status, rule, field });
    });

  beforeEach(async () => {
    ledger = await startLedger();
    await given('/bodies', {
      bodyId: 'wirral-council',
      kind: 'local-authority',
      name: 'Wirral Council',
      areas: [],
      effective: '2013-04-01',
    });
    await given('/bodies', {
      bodyId,
      kind: 'committee',
      name: 'Wirral Cabinet',
      areas: [],
      effective: '2013-04-01',
      parentBodyId: 'wirral-council',
    });
    for (const membershipId of ['cabinet-chair', 'cabinet-member']) {
      await given(`/bodies/${bodyId}/memberships`, {
        membershipId,
        member: { seat: membershipId },
        role: 'member',
        voting: true,
        from: '2013-04-01',
      });
    }
    await given('/meetings', { meetingId, date: '2019-03-14', bodies: [{ bodyId, quorum: 2 }] });
    await given(`/meetings/${meetingId}/items`, { itemId: 'budget', title: 'Budget', text: 'Set the budget', functions: [], areas: [] });
    await given(`/meetings/${meetingId}/attendance`, { present: ['cabinet-chair', 'cabinet-member'] });
    await given(`${item}/votes`, { membershipId: 'cabinet-chair', vote: 'for' });
    vote = (await given(`${item}/votes`, { membershipId: 'cabinet-member', vote: 'for' })).events[0].id;
    decision = (await given(`${item}/decisions`, { outcome: 'carried', resolution: 'The budget was set' })).events[0].id;
  });
  afterEach(() => ledger.close());

  it('corrects a vote and gives the decision its casting vote in one request, judged as one history', async () => {
    const answer = await post('/corrections', correction([flipped(), casting()])).expect(201);
    expect(answer.body).toMatchObject({ stream, events: [{ type: 'FactCorrected' }, { type: 'FactCorrected' }] });
    const stored = await (ledger.app.get(EVENT_STORE) as EventStore).readStream(stream);
    expect(stored.slice(-2).map((event) => event.data)).toEqual([
      { correctedEventId: vote, changes: { vote: 'against' }, reason: 'the minutes were amended on approval', source: amended },
      expect.objectContaining({ correctedEventId: decision, reason: 'the minutes were amended on approval', source: amended }),
    ]);
    await ledger.settled();
    const view = (await ledger.http().get(`/decisions/${meetingId}/budget/${bodyId}`).expect(200)).body;
    expect(view).toMatchObject({ outcome: 'carried', counts: { for: 1, against: 1 }, castingVote: { vote: 'for' } });
  });

  it('still refuses either correction alone, in either form', async () => {
    await refused({ ...correction([]), facts: undefined, ...flipped() }, 422, 'outcome-contradicts-votes');
    await refused(correction([flipped()]), 422, 'outcome-contradicts-votes', 'facts');
    await refused({ ...correction([]), facts: undefined, ...casting() }, 422, 'casting-vote-without-tie');
    await refused(correction([casting()]), 422, 'casting-vote-without-tie', 'facts[0]');
  });

  describe('refuses a list of facts naming the fact at fault, writing nothing', () => {
    it('404 for an event the stream does not hold', () =>
      refused(
        correction([flipped(), { correctedEventId: 'no-such-event', withdrawn: true }]),
        404,
        'unknown-reference',
        'facts[1].correctedEventId',
      ));
    it('422 for a fact listed twice', () => refused(correction([flipped(), flipped()]), 422, 'fact-listed-twice', 'facts[1]'));
    it('422 for a change of what the fact is about', () =>
      refused(
        correction([flipped(), { correctedEventId: decision, changes: { bodyId: 'other' } }]),
        422,
        'identity-fields-immutable',
        'facts[1].changes',
      ));
    it('400 for a value its command refuses', () =>
      refused(
        correction([{ correctedEventId: vote, changes: { vote: 'maybe' } }, casting()]),
        400,
        'invalid-field',
        'facts[0].changes.vote',
      ));
    it('422 for a derived field changed', () =>
      refused(
        correction([flipped(), { ...casting(), changes: { ...casting().changes, quorum: { required: 1, present: 2, quorate: true } } }]),
        422,
        'derived-field',
        'facts[1]',
      ));
    it('422 for facts beside a fact given alone', () =>
      refused({ ...correction([flipped()]), correctedEventId: decision }, 422, 'correction-shape'));
    it('400 for an empty list, or one of no facts', async () => {
      await refused(correction([]), 400, 'invalid-field', 'facts');
      await refused(correction(['vote']), 400, 'invalid-field', 'facts.0');
    });
    it('400 for neither a fact nor a list', () =>
      refused({ ...correction([]), facts: undefined }, 400, 'invalid-field', 'correctedEventId'));
    it('403 for an officer of another body', () =>
      ledger.expectNothingWritten(async () => {
        const refusal = await post('/corrections', correction([flipped(), casting()]), ledger.keys.officerFor('nhs-other-ccg'));
        expect([refusal.status, refusal.body.rule]).toEqual([403, 'body-not-served']);
      }));
  });
});
