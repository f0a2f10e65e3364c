import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerViews } from '../apps/ledger/src/read-models/ledger-views';
import { FactLogProjection } from '../apps/ledger/src/read-models/fact-log.projection';
import { FACT_LOGS, ProjectionRunner } from '../apps/ledger/src/read-models/projection-runner';
import { ReadModelDatabase } from '../apps/ledger/src/read-models/read-model-database';
import { LedgerTestApp, startLedger } from './ledger-test-app';

const source = { title: 'Wirral report 9 Nov 2020', reference: '§3.2.2' };
const ccg = (bodyId: string, odsCode: string, area: string) => ({ bodyId, kind: 'ccg', name: `NHS ${bodyId}`, odsCode, areas: [area], effective: '2013-04-01', source });

async function recordSome(ledger: LedgerTestApp, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await ledger.http().post('/bodies').set('Authorization', ledger.keys.admin).send(ccg(`ccg-${i}`, `0${i}X`, 'wirral')).expect(201);
  }
}

const factsOf = (ledger: LedgerTestApp, projection: string) =>
  ledger.app.get(ReadModelDatabase).db.prepare(`SELECT position, id, stream, type, data, recorded_at FROM facts_${projection} ORDER BY position`).all();

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
    const events = [1, 2, 3].map((i) => ({ id: `e${i}`, stream: `body-x${i}`, streamRevision: 0, globalPosition: 100 + i, type: 'BodyEstablished', data: {}, metadata: {}, recordedAt: '2026-01-01T00:00:00.000000Z' }));
    expect(() => projection.apply(events, 103)).toThrow('disk full');
    expect(factsOf(ledger, 'authority')).toEqual(rowsBefore);
    expect(database.checkpoint('authority')).toBe(checkpointBefore);
    await ledger.close();
  });

  it('rebuilds every projection by replay from position 0 to the same rows', async () => {
    const ledger = await startLedger(dataDir);
    await recordSome(ledger, 5);
    const runner = ledger.app.get(ProjectionRunner);
    await runner.caughtUpTo(5);
    const incremental = { authority: factsOf(ledger, 'authority'), register: factsOf(ledger, 'register') };
    const report = await runner.rebuild();
    expect(report.events).toBe(5);
    expect(report.eventsPerSec).toBeGreaterThan(0);
    expect({ authority: factsOf(ledger, 'authority'), register: factsOf(ledger, 'register') }).toEqual(incremental);
    expect(runner.checkpoint()).toBe(5);
    await ledger.close();
  });
});
