import { Clock } from '../apps/ledger/src/clock/clock';
import { LedgerTestApp, startLedger } from './ledger-test-app';

/**
 * The agenda published (issue 19): clear working days counted to the meeting, a late publication marked,
 * and a late item taken only with its reason. Every refusal names its rule and writes nothing.
 */
const source = { title: 'Place committee agenda', illustrative: true };
const M = '/meetings/place-2027-03';
const item = (itemId: string, extra: object = {}) => ({ itemId, title: itemId, text: itemId, functions: [], areas: [], source, ...extra });

describe('agenda publication', () => {
  let ledger: LedgerTestApp;
  let today: jest.SpyInstance;
  const post = (path: string, body: object) => ledger.http().post(path).set('Authorization', ledger.keys.admin).send(body);
  const refused = (path: string, body: object, status: number, rule: string) =>
    ledger.expectNothingWritten(async () => {
      const answer = await post(path, body);
      expect({ status: answer.status, rule: answer.body.rule }).toEqual({ status, rule });
    });

  beforeAll(async () => {
    ledger = await startLedger();
    today = jest.spyOn(ledger.app.get(Clock), 'today').mockReturnValue('2027-03-05');
    await post('/bodies', { bodyId: 'place', kind: 'ccg', name: 'Place', areas: ['vale-royal'], effective: '2020-04-01', source }).expect(
      201,
    );
    // Wednesday 10 March 2027.
    await post('/meetings', { meetingId: 'place-2027-03', date: '2027-03-10', bodies: [{ bodyId: 'place', quorum: 1 }], source }).expect(
      201,
    );
    await post(`${M}/items`, item('budget')).expect(201);
  });
  afterAll(async () => {
    today.mockRestore();
    await ledger.close();
  });

  it('refuses a publication after the meeting, still to come, or not a date', async () => {
    await refused(`${M}/agenda-publications`, { publishedOn: '2027-03-11', source }, 422, 'published-after-meeting');
    await refused(`${M}/agenda-publications`, { publishedOn: '2027-03-08', source }, 422, 'publication-in-future');
    await refused(`${M}/agenda-publications`, { publishedOn: '4 March', source }, 400, 'invalid-field');
    await refused('/meetings/nowhere/agenda-publications', { publishedOn: '2027-03-04', source }, 404, 'unknown-reference');
  });

  it('records a late publication (3 clear days), and shows it late', async () => {
    await post(`${M}/agenda-publications`, { publishedOn: '2027-03-04', source }).expect(201);
    await refused(`${M}/agenda-publications`, { publishedOn: '2027-03-05', source }, 409, 'already-recorded');
    const meeting = (await ledger.http().get(M).expect(200)).body;
    expect(meeting.agenda).toEqual({ publishedOn: '2027-03-04', clearDays: 3, late: true });
  });

  it('takes an item added now only with its reason of urgency, and shows the reason', async () => {
    await refused(`${M}/items`, item('lease'), 422, 'late-item-without-reason');
    await refused(`${M}/items`, item('lease', { lateReason: '' }), 400, 'invalid-field');
    await post(`${M}/items`, item('lease', { lateReason: 'the lease must be signed this month' })).expect(201);
    const meeting = (await ledger.http().get(M).expect(200)).body;
    expect(meeting.items.map((added: { id: string; lateReason?: string }) => [added.id, added.lateReason])).toEqual([
      ['budget', undefined],
      ['lease', 'the lease must be signed this month'],
    ]);
  });

  it("records a key decision's forward plan entry and shows it on the item", async () => {
    await refused(`${M}/items/budget/forward-plan-entries`, { publishedOn: '2027-03-11', source }, 422, 'published-after-meeting');
    await refused(`${M}/items/nothing/forward-plan-entries`, { publishedOn: '2027-02-01', source }, 404, 'unknown-reference');
    await post(`${M}/items/budget/forward-plan-entries`, { publishedOn: '2027-02-01', source }).expect(201);
    await refused(`${M}/items/budget/forward-plan-entries`, { publishedOn: '2027-02-02', source }, 409, 'already-recorded');
    const [budget] = (await ledger.http().get(M).expect(200)).body.items;
    expect(budget.forwardPlan).toEqual({ publishedOn: '2027-02-01', clearDays: 36, late: false });
  });
});
