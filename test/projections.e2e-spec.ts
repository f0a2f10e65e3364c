import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerViews } from '../apps/ledger/src/read-models/ledger-views';
import { MeetingCalendar } from '../apps/ledger/src/read-models/meeting-calendar.projection';
import { FactLogProjection } from '../apps/ledger/src/read-models/fact-log.projection';
import { FACT_LOGS, ProjectionRunner } from '../apps/ledger/src/read-models/projection-runner';
import { ReadModelDatabase } from '../apps/ledger/src/read-models/read-model-database';
import { LedgerTestApp, startLedger } from './ledger-test-app';

const source = { title: 'Wirral report 9 Nov 2020', reference: '§3.2.2' };
const ccg = (bodyId: string, odsCode: string, area: string) => ({
  bodyId,
  kind: 'ccg',
  name: `NHS ${bodyId}`,
  odsCode,
  areas: [area],
  effective: '2013-04-01',
  source,
});

async function recordSome(ledger: LedgerTestApp, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await ledger
      .http()
      .post('/bodies')
      .set('Authorization', ledger.keys.admin)
      .send(ccg(`ccg-${i}`, `0${i}X`, 'wirral'))
      .expect(201);
  }
}

const factsOf = (ledger: LedgerTestApp, projection: string) =>
  ledger.app
    .get(ReadModelDatabase)
    .db.prepare(`SELECT position, id, stream, type, data, recorded_at FROM facts_${projection} ORDER BY position`)
    .all();

const tableOf = (ledger: LedgerTestApp, table: string) =>
  ledger.app.get(ReadModelDatabase).db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();

describe('projections: fed by the store, checkpoint with their rows, rebuilt by replay', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-projections-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('follows the ledger live and keeps its checkpoint at the head', async () => {
    const ledger = await startLedger(dataDir);
    await recordSome(ledger, 3);
    const runner = ledger.app.get(ProjectionRunner);
    await runner.caughtUpTo(3);
    expect(runner.checkpoint()).toBe(3);
    expect(factsOf(ledger, 'authority')).toHaveLength(3);
    expect(ledger.app.get(LedgerViews).position).toBe(3);
    await ledger.close();
  });

  it('starts again from its checkpoint without replaying what it holds', async () => {
    const first = await startLedger(dataDir);
    await recordSome(first, 2);
    await first.app.get(ProjectionRunner).caughtUpTo(2);
    await first.close();

    const second = await startLedger(dataDir);
    const runner = second.app.get(ProjectionRunner);
    expect(runner.checkpoint()).toBe(2);
    expect(await runner.catchUp()).toBe(0);
    expect(factsOf(second, 'authority')).toHaveLength(2);
    await second.close();
  });

  it('replays into the current shape read models written by an earlier version', async () => {
    const first = await startLedger(dataDir);
    await recordSome(first, 2);
    await first.app.get(ProjectionRunner).caughtUpTo(2);
    // As an earlier version left it: another shape, and a row no projection of this version writes.
    first.app.get(ReadModelDatabase).db.pragma('user_version = 1');
    first.app
      .get(ReadModelDatabase)
      .db.prepare(
        "INSERT INTO facts_register (position, id, stream, type, data, recorded_at) VALUES (99, 'old', 'meeting-x', 'MeetingConvened', '{}', 'x')",
      )
      .run();
    await first.close();

    const second = await startLedger(dataDir);
    expect(factsOf(second, 'register').map((row) => (row as { id: string }).id)).not.toContain('old');
    expect(factsOf(second, 'register')).toHaveLength(2);
    expect(second.app.get(ProjectionRunner).checkpoint()).toBe(2);
    await second.close();
  });

  it('never leaves rows ahead of or behind the checkpoint when applying fails midway', async () => {
    const ledger = await startLedger(dataDir);
    const database = ledger.app.get(ReadModelDatabase);
    await recordSome(ledger, 1);
    await ledger.app.get(ProjectionRunner).caughtUpTo(1);
    const rowsBefore = factsOf(ledger, 'authority');
    const checkpointBefore = database.checkpoint('authority');
    const projection = new FactLogProjection('authority', FACT_LOGS.authority, database);
    // The second row insert fails, as a crash or a full disk would.
    const insert = (projection as unknown as { insert: { run: (...args: unknown[]) => unknown } }).insert;
    let calls = 0;
    const run = insert.run.bind(insert);
    insert.run = (...args: unknown[]) => {
      if (++calls === 2) throw new Error('disk full');
      return run(...args);
    };
    const events = [1, 2, 3].map((i) => ({
      id: `e${i}`,
      stream: `body-x${i}`,
      streamRevision: 0,
      globalPosition: 100 + i,
      type: 'BodyEstablished',
      data: {},
      metadata: {},
      recordedAt: '2026-01-01T00:00:00.000000Z',
    }));
    expect(() => projection.apply(events, 103)).toThrow('disk full');
    expect(factsOf(ledger, 'authority')).toEqual(rowsBefore);
    expect(database.checkpoint('authority')).toBe(checkpointBefore);

    // The same for the meeting calendar: a meeting of two bodies is two rows, and the second fails.
    const calendar = new MeetingCalendar(database);
    const calendarInsert = (calendar as unknown as { statements: { insert: { run: (...args: unknown[]) => unknown } } }).statements.insert;
    const insertRow = calendarInsert.run.bind(calendarInsert);
    calendarInsert.run = (...args: unknown[]) => {
      if (args[1] === 'ccg-b') throw new Error('disk full');
      return insertRow(...args);
    };
    const convened = {
      ...events[0],
      stream: 'meeting-m1',
      type: 'MeetingConvened',
      data: {
        meetingId: 'm1',
        date: '2019-01-08',
        bodies: [
          { bodyId: 'ccg-a', quorum: 1 },
          { bodyId: 'ccg-b', quorum: 1 },
        ],
      },
    };
    const calendarCheckpoint = database.checkpoint(calendar.name);
    expect(() => calendar.apply([convened], 101)).toThrow('disk full');
    expect(tableOf(ledger, 'meeting_calendar')).toEqual([]);
    expect(database.checkpoint(calendar.name)).toBe(calendarCheckpoint);
    await ledger.close();
  });

  it('rebuilds every projection by replay from position 0 to the same rows, reading only the events they ask for', async () => {
    const ledger = await startLedger(dataDir);
    await recordSome(ledger, 3);
    const admin = (path: string, body: object) =>
      ledger
        .http()
        .post(path)
        .set('Authorization', ledger.keys.admin)
        .send({ source, ...body })
        .expect(201);
    await admin('/meetings', { meetingId: 'gb-1', date: '2019-01-08', bodies: [{ bodyId: 'ccg-0', quorum: 1 }] });
    await admin('/meetings/gb-1/items', { itemId: 'i1', title: 'Budget', text: 'Set the budget', functions: [], areas: ['wirral'] });
    await admin('/meetings/gb-1/items/i1/decisions', { outcome: 'agreed-without-vote', resolution: 'Set' });
    await admin('/meetings', { meetingId: 'gb-2', date: '2019-02-05', bodies: [{ bodyId: 'ccg-0', quorum: 1 }] });
    await admin('/meetings/gb-2/minutes-approvals', { minutesOfMeetingId: 'gb-1', approval: 'as-correct-record' });
    const runner = ledger.app.get(ProjectionRunner);
    await runner.caughtUpTo(8);
    const rows = () => ({
      authority: factsOf(ledger, 'authority'),
      register: factsOf(ledger, 'register'),
      calendar: tableOf(ledger, 'meeting_calendar'),
      minutes: tableOf(ledger, 'minutes_approvals'),
    });
    const incremental = rows();
    expect(incremental.calendar).toEqual([
      { meeting_id: 'gb-1', body_id: 'ccg-0', date: '2019-01-08', position: 4 },
      { meeting_id: 'gb-2', body_id: 'ccg-0', date: '2019-02-05', position: 7 },
    ]);
    expect(incremental.minutes).toEqual([{ minutes_of_meeting_id: 'gb-1', at_meeting_id: 'gb-2', position: 8 }]);

    const report = await runner.rebuild();
    expect(report).toMatchObject({ events: 8, read: 3 + 3 + 3 });
    expect(report.eventsPerSec).toBeGreaterThan(0);
    expect(rows()).toEqual(incremental);
    expect(runner.checkpoint()).toBe(8);
    await ledger.close();
  });
});
