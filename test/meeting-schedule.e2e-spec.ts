import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { Clock } from '../apps/ledger/src/clock/clock';
import { LedgerTestApp, startLedger } from './ledger-test-app';

/**
 * A meeting scheduled ahead (issue 19): convened for a date to come, its agenda built before it, nothing
 * that happens at it recorded before its date, and moved or cancelled until it is held. Every refusal names
 * its rule and writes nothing.
 */
const source = { title: 'Place committee forward plan', illustrative: true };
const members = ['chair', 'gp', 'nurse'];
const M = '/meetings/place-2027-03';
const scheduled = { meetingId: 'place-2027-03', date: '2027-03-10', time: '14:00', bodies: [{ bodyId: 'place', quorum: 2 }], source };
const item = { itemId: 'budget', title: 'Budget', text: 'Set the budget', functions: [], areas: [], source };

describe('scheduled meetings', () => {
  let ledger: LedgerTestApp;
  let today: jest.SpyInstance;
  const post = (path: string, body: object) => ledger.http().post(path).set('Authorization', ledger.keys.admin).send(body);
  const refused = (path: string, body: object, status: number, rule: string) =>
    ledger.expectNothingWritten(async () => {
      const answer = await post(path, body);
      expect({ status: answer.status, rule: answer.body.rule }).toEqual({ status, rule });
    });

  beforeEach(async () => {
    ledger = await startLedger();
    today = jest.spyOn(ledger.app.get(Clock), 'today').mockReturnValue('2027-02-01');
    await post('/bodies', { bodyId: 'ccg', kind: 'ccg', name: 'A CCG', areas: ['vale-royal'], effective: '2020-04-01', source }).expect(
      201,
    );
    await post('/bodies', {
      bodyId: 'place',
      kind: 'committee',
      name: 'Place',
      parentBodyId: 'ccg',
      areas: ['vale-royal'],
      effective: '2020-04-01',
      source,
    }).expect(201);
    for (const id of members) {
      await post('/bodies/place/memberships', {
        membershipId: id,
        member: { person: id },
        role: 'member',
        voting: true,
        from: '2020-04-01',
        source,
      }).expect(201);
    }
    await post('/meetings', scheduled).expect(201);
  });
  afterEach(async () => {
    today.mockRestore();
    await ledger.close();
  });

  it('takes a meeting dated after today, and its agenda items, before the date', async () => {
    await post(`${M}/items`, item).expect(201);
  });

  it('refuses what happens at the meeting before its date (422 meeting-not-yet-held), and takes it on the day', async () => {
    await post(`${M}/items`, item).expect(201);
    await refused(`${M}/attendance`, { present: members, source }, 422, 'meeting-not-yet-held');
    await refused(
      `${M}/items/budget/decisions`,
      { outcome: 'agreed-without-vote', resolution: 'Agreed', source },
      422,
      'meeting-not-yet-held',
    );
    today.mockReturnValue('2027-03-10');
    await post(`${M}/attendance`, { present: members, source }).expect(201);
  });

  it('moves a meeting not yet held, and then waits for the new date', async () => {
    await post(`${M}/reschedulings`, { date: '2027-03-17', time: '10:00', reason: 'the chair is unavailable', source }).expect(201);
    today.mockReturnValue('2027-03-10');
    await refused(`${M}/attendance`, { present: members, source }, 422, 'meeting-not-yet-held');
  });

  it('refuses a move that changes nothing, a bad time, and one without a reason', async () => {
    await refused(`${M}/reschedulings`, { date: '2027-03-10', time: '14:00', reason: 'none', source }, 422, 'reschedule-unchanged');
    await refused(`${M}/reschedulings`, { date: '2027-03-17', time: '2pm', reason: 'late', source }, 400, 'invalid-field');
    await refused(`${M}/reschedulings`, { date: '2027-03-17', source }, 400, 'invalid-field');
  });

  it('refuses to move or cancel a meeting once held (409 meeting-already-held)', async () => {
    today.mockReturnValue('2027-03-11');
    await refused(`${M}/reschedulings`, { date: '2027-03-17', reason: 'too late', source }, 409, 'meeting-already-held');
    await refused(`${M}/cancellation`, { reason: 'too late', source }, 409, 'meeting-already-held');
  });

  it('cancels a meeting not yet held; it then takes nothing more (409 meeting-cancelled)', async () => {
    await post(`${M}/cancellation`, { reason: 'no business to transact', source }).expect(201);
    await refused(`${M}/cancellation`, { reason: 'again', source }, 409, 'meeting-cancelled');
    await refused(`${M}/reschedulings`, { date: '2027-03-17', reason: 'revived', source }, 409, 'meeting-cancelled');
    await refused(`${M}/items`, item, 409, 'meeting-cancelled');
  });

  it('refuses a time that is not HH:MM, and an unknown meeting (404)', async () => {
    await refused('/meetings', { ...scheduled, meetingId: 'place-x', time: '24:00' }, 400, 'invalid-field');
    await refused('/meetings/nowhere/cancellation', { reason: 'r', source }, 404, 'unknown-reference');
  });

  it('keeps a move made in time when a correction judges it again after the meeting date (as on the day it was recorded)', async () => {
    await post(`${M}/reschedulings`, { date: '2027-03-17', reason: 'the chair is unavailable', source }).expect(201);
    const moved = (await (ledger.app.get(EVENT_STORE) as EventStore).readStream('meeting-place-2027-03')).find(
      (event) => event.type === 'MeetingRescheduled',
    )!;
    today.mockReturnValue('2027-03-20');
    await post('/corrections', {
      stream: moved.stream,
      correctedEventId: moved.id,
      changes: { reason: 'the chair is ill' },
      reason: 'misrecorded',
      source,
    }).expect(201);
    // Still judged as today for a new move: the meeting has been held.
    await refused(`${M}/reschedulings`, { date: '2027-03-24', reason: 'again', source }, 409, 'meeting-already-held');
  });
});
