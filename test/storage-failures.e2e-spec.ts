import { Logger } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import Database from 'better-sqlite3';
import { ReadModelDatabase } from '../apps/ledger/src/read-models/read-model-database';
import { LedgerTestApp, startLedger } from './ledger-test-app';

/**
 * A full disk, injected where it strikes: the store's append (the command is refused 507 `storage-full`, writes
 * nothing, and is logged once, not per request) and the read models' write (they retry from their checkpoint,
 * /health is 503 naming which, and once space is back every acknowledged event is read).
 */
const source = { title: 'Storage failure test' };
const bodyNamed = (bodyId: string) => ({
  bodyId,
  kind: 'ccg',
  name: `NHS ${bodyId}`,
  areas: ['vale-royal'],
  effective: '2013-04-01',
  source,
});
const diskFull = () => new Database.SqliteError('database or disk is full', 'SQLITE_FULL');

/** Polls `probe` until it holds (at most `seconds`); returns whether it did. */
async function eventually(probe: () => Promise<boolean>, seconds = 10): Promise<boolean> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (await probe()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe('a full disk (SQLite)', () => {
  let ledger: LedgerTestApp;
  beforeAll(async () => {
    ledger = await startLedger();
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await ledger.close();
  });

  it("refuses a command 507 storage-full while the store's disk is full, logged once, then records it", async () => {
    const store = ledger.app.get<EventStore>(EVENT_STORE);
    const append = store.append.bind(store);
    let full = true;
    jest.spyOn(store, 'append').mockImplementation((...args) => (full ? Promise.reject(diskFull()) : append(...args)));
    const logged = jest.spyOn(Logger.prototype, 'error');
    const post = () => ledger.http().post('/bodies').set('Authorization', ledger.keys.admin).send(bodyNamed('nhs-full-disk-ccg'));
    for (let attempt = 0; attempt < 3; attempt++) {
      await ledger.expectNothingWritten(async () => {
        const answer = await post();
        expect(answer.status).toBe(507);
        expect(answer.body).toEqual({ statusCode: 507, error: 'InsufficientStorage', rule: 'storage-full', message: expect.any(String) });
      });
    }
    const reports = logged.mock.calls.filter(([message]) => String(message).startsWith('storage full'));
    expect(reports).toHaveLength(1);
    expect(logged.mock.calls.some(([message]) => String(message).includes('    at '))).toBe(false);
    full = false;
    expect((await post()).status).toBe(201);
    await ledger.settled();
    await ledger.http().get('/bodies/nhs-full-disk-ccg').expect(200);
  });

  it('retries the read models from their checkpoint while their disk is full: /health 503 naming which, then 200 and every event read', async () => {
    const database = ledger.app.get(ReadModelDatabase);
    const save = database.saveCheckpoint.bind(database);
    let full = true;
    jest.spyOn(database, 'saveCheckpoint').mockImplementation((projection, position) => {
      if (full) throw diskFull();
      save(projection, position);
    });
    const acknowledged: string[] = [];
    for (const bodyId of ['nhs-during-a-ccg', 'nhs-during-b-ccg', 'nhs-during-c-ccg']) {
      await ledger.http().post('/bodies').set('Authorization', ledger.keys.admin).send(bodyNamed(bodyId)).expect(201);
      acknowledged.push(bodyId);
    }
    let health: { error?: { readModels?: Record<string, unknown> & { attempts?: number; behind?: Record<string, number> } } } = {};
    const unhealthy = await eventually(async () => {
      const answer = await ledger.http().get('/health');
      health = answer.body;
      return answer.status === 503 && (answer.body.error?.readModels?.attempts ?? 0) >= 2;
    });
    expect(unhealthy).toBe(true);
    expect(health.error?.readModels).toMatchObject({
      status: 'down',
      state: 'retrying',
      projection: expect.any(String),
      error: 'database or disk is full',
      nextRetryMs: expect.any(Number),
    });
    expect(Object.values(health.error?.readModels?.behind ?? {}).some((behind) => behind >= acknowledged.length)).toBe(true);
    // Not answered from a model that stopped: the bodies recorded are not there yet.
    await ledger.http().get(`/bodies/${acknowledged[0]}`).expect(404);

    full = false;
    const healthy = await eventually(async () => (await ledger.http().get('/health')).status === 200);
    expect(healthy).toBe(true);
    const after = (await ledger.http().get('/health').expect(200)).body.info.readModels;
    expect(after.state).toBe('following');
    expect(Object.values(after.behind)).toEqual(Object.values(after.behind).map(() => 0));
    for (const bodyId of acknowledged) await ledger.http().get(`/bodies/${bodyId}`).expect(200);
    // And it follows live again.
    await ledger.http().post('/bodies').set('Authorization', ledger.keys.admin).send(bodyNamed('nhs-after-ccg')).expect(201);
    expect(await eventually(async () => (await ledger.http().get('/bodies/nhs-after-ccg')).status === 200)).toBe(true);
  });
});
