import Database from 'better-sqlite3';
import { ReadModelDatabase } from '../apps/ledger/src/read-models/read-model-database';
import { LedgerTestApp, startLedger } from './ledger-test-app';

/**
 * `minPosition=P` on any read: answered once this node's read models have reached P, or 503 `not-caught-up`
 * with Retry-After after LEDGER_MIN_POSITION_WAIT_MS; a malformed P is 400 `invalid-field`.
 */
const WAIT_MS = 1500;
const source = { title: 'minPosition test' };
const bodyNamed = (bodyId: string) => ({
  bodyId,
  kind: 'ccg',
  name: `NHS ${bodyId}`,
  areas: ['vale-royal'],
  effective: '2013-04-01',
  source,
});

describe('minPosition on reads (SQLite)', () => {
  let ledger: LedgerTestApp;
  beforeAll(async () => {
    process.env.LEDGER_MIN_POSITION_WAIT_MS = String(WAIT_MS);
    ledger = await startLedger();
  });
  afterAll(async () => {
    delete process.env.LEDGER_MIN_POSITION_WAIT_MS;
    jest.restoreAllMocks();
    await ledger.close();
  });

  it('answers at once for a position the read models have reached, on reads with and without their own query', async () => {
    const recorded = await ledger
      .http()
      .post('/bodies')
      .set('Authorization', ledger.keys.admin)
      .send(bodyNamed('nhs-min-a-ccg'))
      .expect(201);
    const { position } = recorded.body as { position: number };
    await ledger.http().get(`/bodies/nhs-min-a-ccg?minPosition=${position}`).expect(200);
    const listed = await ledger.http().get(`/bodies?at=2021-06-01&minPosition=${position}`).expect(200);
    expect(JSON.stringify(listed.body)).toContain('nhs-min-a-ccg');
    await ledger.http().get('/ledger/head?minPosition=0').expect(200);
  });

  it('is 503 not-caught-up with Retry-After for a position beyond the head, after the wait', async () => {
    const { position } = await ledger.head();
    const answer = await ledger.http().get(`/bodies?minPosition=${position + 1000}`);
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('1');
    expect(answer.body).toEqual({
      statusCode: 503,
      error: 'NotCaughtUp',
      rule: 'not-caught-up',
      field: 'minPosition',
      message: expect.any(String),
    });
    expect(answer.body.message).toContain(String(position + 1000));
  });

  it.each(['abc', '-1', '1.5', '1e3', '9999999999999999'])('refuses minPosition=%s 400 invalid-field', async (value) => {
    const answer = await ledger.http().get(`/bodies?minPosition=${encodeURIComponent(value)}`);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, rule: 'invalid-field', field: 'minPosition' });
  });

  it('refuses minPosition given twice', async () => {
    const answer = await ledger.http().get('/bodies?minPosition=1&minPosition=2');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ rule: 'invalid-field', field: 'minPosition' });
  });

  it('waits for a write the read models have not applied yet, and answers once they do', async () => {
    const database = ledger.app.get(ReadModelDatabase);
    const save = database.saveCheckpoint.bind(database);
    let held = true;
    const spy = jest.spyOn(database, 'saveCheckpoint').mockImplementation((projection, position) => {
      if (held) throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
      save(projection, position);
    });
    const recorded = await ledger
      .http()
      .post('/bodies')
      .set('Authorization', ledger.keys.admin)
      .send(bodyNamed('nhs-min-b-ccg'))
      .expect(201);
    const { position } = recorded.body as { position: number };
    // Without minPosition the node answers from where its read models are: the write is not there.
    await ledger.http().get('/bodies/nhs-min-b-ccg').expect(404);
    const asked = ledger
      .http()
      .get(`/bodies/nhs-min-b-ccg?minPosition=${position}`)
      .then((answer) => answer);
    // Released soon, while the retries' back-off is still short (it grows to 5 s, beyond the wait).
    setTimeout(() => (held = false), 100);
    expect((await asked).status).toBe(200);
    spy.mockRestore();
  });
});
