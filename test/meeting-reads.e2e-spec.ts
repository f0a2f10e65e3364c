import { Clock } from '../apps/ledger/src/clock/clock';
import { LedgerTestApp, startLedger } from './ledger-test-app';

/**
 * Meetings read back (issue 19): listed with their status, and one meeting whole, from the one meeting
 * fold, disclosed as every other answer is, at any basis.
 */
const source = { title: 'Place committee minutes', illustrative: true };
const members = ['chair', 'gp', 'nurse'];
const HELD = '/meetings/place-2026-06';
const part2 = { paragraph: 3, publicInterestReason: 'commercial terms', publicSummary: 'Award of a lease' };

describe('meeting reads', () => {
  let ledger: LedgerTestApp;
  let today: jest.SpyInstance;
  let officer: string;
  let beforeVotes: number;
  const post = (path: string, body: object) => ledger.http().post(path).set('Authorization', ledger.keys.admin).send(body).expect(201);
  const get = (path: string, key?: string) => {
    const request = ledger.http().get(path);
    return key ? request.set('Authorization', key) : request;
  };
  const meeting = (meetingId: string, date: string, extra: object = {}) =>
    post('/meetings', { meetingId, date, bodies: [{ bodyId: 'place', quorum: 2 }], source, ...extra });

  beforeAll(async () => {
    ledger = await startLedger();
    today = jest.spyOn(ledger.app.get(Clock), 'today').mockReturnValue('2026-06-10');
    officer = ledger.keys.officerFor('place');
    await post('/bodies', { bodyId: 'ccg', kind: 'ccg', name: 'A CCG', areas: ['vale-royal'], effective: '2020-04-01', source });
    await post('/bodies', {
      bodyId: 'place',
      kind: 'committee',
      name: 'Place Committee',
      parentBodyId: 'ccg',
      areas: ['vale-royal'],
      effective: '2020-04-01',
      source,
    });
    for (const id of members) {
      await post('/bodies/place/memberships', {
        membershipId: id,
        member: { person: id },
        role: 'member',
        voting: true,
        from: '2020-04-01',
        source,
      });
    }
    await meeting('place-2026-06', '2026-06-10', { time: '14:00', location: 'Winsford' });
    await post(`${HELD}/items`, { itemId: 'minutes', title: 'Apologies', text: 'Apologies were noted', functions: [], areas: [], source });
    await post(`${HELD}/items`, {
      itemId: 'lease',
      title: 'Lease',
      text: 'Lease the day centre for £40,000',
      functions: [],
      areas: [],
      confidential: part2,
      source,
    });
    await post(`${HELD}/attendance`, { present: members, source });
    await post(`${HELD}/items/lease/declarations`, { membershipId: 'nurse', interest: 'lives next door', action: 'withdrew', source });
    await post(`${HELD}/items/lease/motions`, { motionId: 'm1', wording: 'Approve the lease', mover: 'chair', seconder: 'gp', source });
    beforeVotes = (await ledger.head()).position;
    await post(`${HELD}/items/lease/votes`, { membershipId: 'chair', vote: 'for', motionId: 'm1', source });
    await post(`${HELD}/items/lease/votes`, { membershipId: 'gp', vote: 'for', motionId: 'm1', source });
    await post(`${HELD}/items/lease/decisions`, { outcome: 'carried', resolution: 'Recommend the lease', motionId: 'm1', source });
    await meeting('place-2026-09', '2026-09-09');
    await meeting('place-2026-07', '2026-07-08');
    await post('/meetings/place-2026-07/reschedulings', { date: '2026-07-15', time: '10:00', reason: 'the chair is away', source });
    await meeting('place-2026-08', '2026-08-12');
    await post('/meetings/place-2026-08/cancellation', { reason: 'no business', source });
    await ledger.settled();
  });
  afterAll(async () => {
    today.mockRestore();
    await ledger.close();
  });

  it('lists the meetings of a body, upcoming and past, each with its status, in date order', async () => {
    const answer = (await get('/meetings?body=place').expect(200)).body;
    expect(answer.meetings.map(({ id, date, status }: { id: string; date: string; status: string }) => [id, date, status])).toEqual([
      ['place-2026-06', '2026-06-10', 'held'],
      ['place-2026-07', '2026-07-15', 'rescheduled'],
      ['place-2026-08', '2026-08-12', 'cancelled'],
      ['place-2026-09', '2026-09-09', 'scheduled'],
    ]);
    expect(answer.meetings[0]).toMatchObject({
      time: '14:00',
      location: 'Winsford',
      bodies: [{ bodyId: 'place', name: 'Place Committee' }],
    });
    expect(answer.meetings[1]).toMatchObject({ time: '10:00', rescheduledFrom: ['2026-07-08'] });
    expect((await get('/bodies/place/meetings').expect(200)).body.meetings).toEqual(answer.meetings);
  });

  it('filters by dates (closed-open), on the date as it stands after a move', async () => {
    const ids = async (query: string) =>
      (await get(`/meetings?${query}`).expect(200)).body.meetings.map((found: { id: string }) => found.id);
    expect(await ids('from=2026-07-09&to=2026-08-12')).toEqual(['place-2026-07']);
    expect(await ids('from=2026-07-08&to=2026-07-09')).toEqual([]);
    expect(await ids('body=ccg')).toEqual([]);
  });

  it('judges status on `at`: once their dates have passed, meetings not cancelled are held', async () => {
    const answer = (await get('/meetings?at=2026-09-10').expect(200)).body;
    expect(answer.at).toBe('2026-09-10');
    expect(answer.meetings.map(({ status }: { status: string }) => status)).toEqual(['held', 'held', 'cancelled', 'held']);
  });

  it('reads a meeting whole: items in order, Part 2 withheld from the public, attendance, declarations, motions, votes, decisions', async () => {
    const answer = (await get(HELD).expect(200)).body;
    expect(answer).toMatchObject({
      id: 'place-2026-06',
      date: '2026-06-10',
      time: '14:00',
      status: 'held',
      cancelled: null,
      rescheduled: [],
    });
    expect(answer.items.map((item: { id: string }) => item.id)).toEqual(['minutes', 'lease']);
    expect(answer.attendance.present.map((present: { membershipId: string }) => present.membershipId)).toEqual(members);
    const [minutes, lease] = answer.items;
    expect(minutes).toMatchObject({ text: 'Apologies were noted', redacted: false, decisions: [] });
    expect(lease).toMatchObject({ redacted: true, confidential: part2 });
    expect(lease.text).toBeUndefined();
    expect(lease.declarations).toEqual([expect.objectContaining({ membershipId: 'nurse', action: 'withdrew' })]);
    expect(lease.declarations[0].interest).toBeUndefined();
    expect(lease.motions).toEqual([{ motionId: 'm1', mover: 'chair', seconder: 'gp' }]);
    expect(lease.votes.map((vote: { membershipId: string; vote: string }) => [vote.membershipId, vote.vote])).toEqual([
      ['chair', 'for'],
      ['gp', 'for'],
    ]);
    expect(JSON.stringify(answer)).not.toMatch(/£40,000|lives next door|Recommend the lease|sealed:v1/);
  });

  it("opens Part 2 content for the body's officer", async () => {
    const lease = (await get(HELD, officer).expect(200)).body.items[1];
    expect(lease).toMatchObject({ text: 'Lease the day centre for £40,000', redacted: false });
    expect(lease.declarations[0].interest).toBe('lives next door');
    expect(lease.decisions[0].resolution).toBe('Recommend the lease');
  });

  it('gives each decision the verdict its own answer gives', async () => {
    const [decision] = (await get(HELD, officer).expect(200)).body.items[1].decisions;
    const own = (await get('/decisions/place-2026-06/lease/place', officer).expect(200)).body;
    expect(own.meeting).toMatchObject({ date: '2026-06-10', time: '14:00' });
    expect(decision).toMatchObject({
      decisionId: own.decisionId,
      outcome: own.outcome,
      counts: own.counts,
      quorum: own.quorum,
      verdict: own.verdict,
    });
  });

  it('shows a rescheduled meeting with where it moved from, and a cancelled one with why', async () => {
    expect((await get('/meetings/place-2026-07').expect(200)).body).toMatchObject({
      status: 'rescheduled',
      date: '2026-07-15',
      time: '10:00',
      rescheduled: [{ from: '2026-07-08', date: '2026-07-15', time: '10:00', reason: 'the chair is away' }],
    });
    expect((await get('/meetings/place-2026-08').expect(200)).body).toMatchObject({
      status: 'cancelled',
      cancelled: { reason: 'no business' },
    });
  });

  it('reads a meeting as known at an earlier position', async () => {
    const answer = (await get(`${HELD}?asKnownAt=${beforeVotes}`).expect(200)).body;
    expect(answer.items[1].votes).toEqual([]);
    expect(answer.items[1].decisions).toEqual([]);
    expect(answer.asKnownAt.position).toBe(beforeVotes);
  });

  it('answers 404 in the one error shape for an unknown meeting or body, 400 for a bad parameter', async () => {
    for (const path of ['/meetings/nowhere', '/meetings?body=nobody', '/bodies/nobody/meetings']) {
      const answer = (await get(path).expect(404)).body;
      expect(answer).toMatchObject({ statusCode: 404, rule: expect.any(String), message: expect.any(String) });
    }
    for (const path of [
      '/meetings?from=2026-02-30',
      '/meetings?to=soon',
      `${HELD}?at=yesterday`,
      `${HELD}?asKnownAt=banana`,
      '/meetings?body=Not%20An%20Id',
    ]) {
      const answer = (await get(path).expect(400)).body;
      expect(answer).toMatchObject({ statusCode: 400, rule: expect.any(String), field: expect.any(String) });
    }
  });
});
