import { LedgerTestApp, startLedger } from './ledger-test-app';

/**
 * Attendance as it happens (issue 19), through the API: apologies, substitutes, others in attendance,
 * arrivals and departures, presence judged per item, and every refusal writing nothing.
 */
const source = { title: 'Place committee minutes', illustrative: true };
const M = '/meetings/place-2021-06';

describe('attendance as it happens', () => {
  let ledger: LedgerTestApp;
  const post = (path: string, body: object) =>
    ledger
      .http()
      .post(path)
      .set('Authorization', ledger.keys.admin)
      .send({ source, ...body });
  const refused = (path: string, body: object, status: number, rule: string) =>
    ledger.expectNothingWritten(async () => {
      const answer = await post(path, body);
      expect({ status: answer.status, rule: answer.body.rule }).toEqual({ status, rule });
    });

  beforeAll(async () => {
    ledger = await startLedger();
    await post('/bodies', { bodyId: 'ccg', kind: 'ccg', name: 'A CCG', areas: ['vale-royal'], effective: '2020-04-01' }).expect(201);
    await post('/bodies', {
      bodyId: 'place',
      kind: 'committee',
      name: 'Place',
      parentBodyId: 'ccg',
      areas: ['vale-royal'],
      effective: '2020-04-01',
    }).expect(201);
    for (const [id, voting] of [
      ['chair', true],
      ['gp', true],
      ['nurse', true],
      ['sub', false],
    ] as const) {
      await post('/bodies/place/memberships', {
        membershipId: id,
        member: { person: id },
        role: 'member',
        voting,
        from: '2020-04-01',
      }).expect(201);
    }
    await post('/meetings', { meetingId: 'place-2021-06', date: '2021-06-10', bodies: [{ bodyId: 'place', quorum: 3 }] }).expect(201);
    for (const itemId of ['first', 'second']) {
      await post(`${M}/items`, { itemId, title: itemId, text: itemId, functions: [], areas: [] }).expect(201);
    }
  });
  afterAll(() => ledger.close());

  it('records attendance with apologies, a substitute and officers in attendance, then adds to it', async () => {
    await post(`${M}/attendance`, {
      present: ['chair'],
      apologies: ['nurse'],
      substitutes: [{ membershipId: 'sub', substituteFor: 'nurse' }],
      inAttendance: [{ name: 'A. Officer', role: 'Director of Commissioning' }],
    }).expect(201);
    await refused(`${M}/attendance`, { present: ['nurse'] }, 409, 'attendance-contradicts');
    await refused(
      `${M}/attendance`,
      { present: [], substitutes: [{ membershipId: 'gp', substituteFor: 'gp' }] },
      422,
      'substitute-of-another-body',
    );
    await refused(`${M}/attendance`, { present: [] }, 422, 'attendance-empty');
    await refused(`${M}/attendance`, { present: [], inAttendance: [{ name: 'X' }] }, 400, 'invalid-field');
    await refused(`${M}/attendance`, { present: [], substitutes: [{ membershipId: 'sub' }] }, 400, 'invalid-field');
  });

  it('records a late arrival and an early departure, and judges votes and quorum per item', async () => {
    await post(`${M}/arrivals`, { membershipId: 'gp', beforeItem: 'second' }).expect(201);
    await refused(`${M}/arrivals`, { membershipId: 'gp', beforeItem: 'first' }, 409, 'already-arrived');
    await refused(`${M}/arrivals`, { membershipId: 'nurse', beforeItem: 'second' }, 409, 'attendance-contradicts');
    await refused(`${M}/arrivals`, { membershipId: 'gp', beforeItem: 'nothing' }, 404, 'unknown-reference');
    await refused(`${M}/items/first/votes`, { membershipId: 'gp', vote: 'for' }, 422, 'not-present');
    await post(`${M}/items/second/votes`, { membershipId: 'gp', vote: 'for' }).expect(201);
    // The substitute votes in place of the nurse, though its own membership has no vote.
    await post(`${M}/items/first/votes`, { membershipId: 'sub', vote: 'for' }).expect(201);
    await post(`${M}/departures`, { membershipId: 'sub', afterItem: 'first' }).expect(201);
    await refused(`${M}/departures`, { membershipId: 'sub', afterItem: 'second' }, 409, 'already-departed');
    await refused(`${M}/departures`, { membershipId: 'nurse', afterItem: 'first' }, 422, 'not-present');
    await refused(`${M}/items/second/votes`, { membershipId: 'sub', vote: 'for' }, 422, 'not-present');
    await post(`${M}/items/first/votes`, { membershipId: 'chair', vote: 'for' }).expect(201);
    await post(`${M}/items/first/decisions`, { outcome: 'carried', resolution: 'first agreed' }).expect(201);
    await post(`${M}/items/second/votes`, { membershipId: 'chair', vote: 'for' }).expect(201);
    await post(`${M}/items/second/decisions`, { outcome: 'carried', resolution: 'second agreed' }).expect(201);

    const meeting = (await ledger.http().get(M).expect(200)).body;
    expect(meeting.attendance).toMatchObject({
      present: [{ membershipId: 'chair' }, { membershipId: 'sub', substituteFor: 'nurse' }],
      apologies: [{ membershipId: 'nurse' }],
      inAttendance: [{ name: 'A. Officer', role: 'Director of Commissioning' }],
      arrivals: [{ membershipId: 'gp', beforeItem: 'second' }],
      departures: [{ membershipId: 'sub', afterItem: 'first' }],
    });
    // first: chair and the substitute (the gp had not arrived); second: chair and the gp (the substitute had left).
    expect(meeting.items.map((item: { decisions: { quorum: { counted: string[] } }[] }) => item.decisions[0].quorum.counted)).toEqual([
      ['chair', 'sub'],
      ['chair', 'gp'],
    ]);
  });
});
