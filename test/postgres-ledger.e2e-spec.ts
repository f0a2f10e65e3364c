import Database from 'better-sqlite3';
import { Client } from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { ApiKeys } from '../apps/ledger/src/access/api-keys';
import { ReadModelDatabase } from '../apps/ledger/src/read-models/read-model-database';
import { PublicProjection } from '../apps/ledger/src/public-projection/public-projection';
import { CheckpointSigner } from '../apps/ledger/src/transparency/checkpoint-signer';
import { TreeIntegrity } from '../apps/ledger/src/transparency/tree-integrity';
import { createDatabase, postgresForTests } from '../libs/event-store/test/postgres/throwaway-postgres';
import { LedgerTestApp, startLedger } from './ledger-test-app';

/**
 * The ledger application on PostgreSQL (LEDGER_STORE=postgres): commands recorded over HTTP land in the
 * database's event table, are read back through the read models, and survive a restart. On the server at
 * LEDGER_TEST_POSTGRES_URL, else a throwaway cluster, else skipped with one line saying why.
 */
const target = postgresForTests();
const source = { title: 'Wirral report 9 Nov 2020', reference: '§3.2.2' };
const body = (bodyId: string, name: string, odsCode: string) => ({
  bodyId,
  kind: 'ccg',
  name,
  odsCode,
  areas: [bodyId.replace(/^nhs-|-ccg$/g, '')],
  effective: '2013-04-01',
  source,
});

if ('skip' in target) {
  process.stdout.write(`ledger on PostgreSQL skipped: ${target.skip}\n`);
  describe.skip('ledger on PostgreSQL', () => undefined);
} else {
  describe('the ledger on PostgreSQL', () => {
    let url: string;
    let ledger: LedgerTestApp | undefined;
    afterAll(() => target.stop());
    // Every node of one ledger holds the same master and signing keys (LEDGER_KEYS_DIR), as a deployment must.
    let keysDir: string;
    beforeEach(async () => {
      url = await createDatabase(target.url);
      keysDir = mkdtempSync(join(tmpdir(), 'ledger-pg-keys-'));
      process.env.LEDGER_KEYS_DIR = keysDir;
    });
    afterEach(async () => {
      await ledger?.close();
      ledger = undefined;
      delete process.env.LEDGER_KEYS_DIR;
      rmSync(keysDir, { recursive: true, force: true });
    });

    const eventRows = async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        return (
          await client.query<{ position: string; stream: string; type: string }>(
            'SELECT position, stream, type FROM events ORDER BY position',
          )
        ).rows;
      } finally {
        await client.end();
      }
    };

    it('records commands in the database, reads them back, refuses a repeat writing nothing, and keeps them across a restart', async () => {
      ledger = await startLedger(undefined, { postgresUrl: url });
      const admin = ledger.keys.admin;
      const first = await ledger
        .http()
        .post('/bodies')
        .set('Authorization', admin)
        .send(body('nhs-vale-royal-ccg', 'NHS Vale Royal CCG', '02D'));
      expect([first.status, first.body]).toEqual([201, expect.anything()]);
      const second = await ledger
        .http()
        .post('/bodies')
        .set('Authorization', admin)
        .set('Idempotency-Key', 'west-cheshire')
        .send(body('nhs-west-cheshire-ccg', 'NHS West Cheshire CCG', '02F'))
        .expect(201);
      expect(second.body).toMatchObject({ stream: 'body-nhs-west-cheshire-ccg', revision: 0, position: 2 });
      await ledger
        .http()
        .post('/bodies/nhs-vale-royal-ccg/renamings')
        .set('Authorization', admin)
        .send({ name: 'NHS Vale Royal Clinical Commissioning Group', effective: '2014-01-01', source })
        .expect(201);
      await ledger.expectNothingWritten(async () => {
        const refused = await ledger!
          .http()
          .post('/bodies')
          .set('Authorization', admin)
          .send(body('nhs-vale-royal-ccg', 'again', '02D'))
          .expect(409);
        expect(refused.body.rule).toBe('already-recorded');
      });

      expect(await eventRows()).toEqual([
        { position: '1', stream: 'body-nhs-vale-royal-ccg', type: 'BodyEstablished' },
        { position: '2', stream: 'body-nhs-west-cheshire-ccg', type: 'BodyEstablished' },
        { position: '3', stream: 'body-nhs-vale-royal-ccg', type: 'BodyRenamed' },
      ]);
      await ledger.settled();
      const read = await ledger.http().get('/bodies/nhs-vale-royal-ccg').set('Authorization', admin).expect(200);
      expect(read.body).toMatchObject({ id: 'nhs-vale-royal-ccg', asKnownAt: { position: 3 } });
      expect(read.body.names.map((name: { name: string }) => name.name)).toEqual([
        'NHS Vale Royal CCG',
        'NHS Vale Royal Clinical Commissioning Group',
      ]);

      // Another process on the same database and folder: the history is there, and writing goes on after it.
      const dataDir = ledger.dataDir;
      await ledger.app.close();
      ledger = await startLedger(dataDir, { postgresUrl: url });
      const again = ledger.keys.admin;
      expect(await ledger.head()).toMatchObject({ position: 3, eventCount: 3 });
      const retried = await ledger
        .http()
        .post('/bodies')
        .set('Authorization', admin)
        .set('Idempotency-Key', 'west-cheshire')
        .send(body('nhs-west-cheshire-ccg', 'NHS West Cheshire CCG', '02F'));
      // The same key's retry reaching the new process is answered with its first answer, writing nothing.
      expect([retried.status, retried.body]).toEqual([second.status, second.body]);
      await ledger
        .http()
        .post('/bodies/nhs-west-cheshire-ccg/dissolution')
        .set('Authorization', again)
        .send({ effective: '2020-03-31', source })
        .expect(201);
      expect((await eventRows()).map((row) => row.position)).toEqual(['1', '2', '3', '4']);
      await ledger.settled();
      const renamed = await ledger.http().get('/bodies/nhs-vale-royal-ccg').set('Authorization', again).expect(200);
      expect(renamed.body.names).toHaveLength(2);
      const dissolved = await ledger.http().get('/bodies/nhs-west-cheshire-ccg').set('Authorization', again).expect(200);
      expect(dissolved.body).toMatchObject({ dissolved: '2020-03-31', asKnownAt: { position: 4 } });
    });

    it('keeps the API keys beside the events, hashed: a key issued on one node is accepted on another', async () => {
      ledger = await startLedger(undefined, { postgresUrl: url });
      const issued = ledger.app.get(ApiKeys).create('admin', [], { person: 'Ada Admin', label: 'issued on the first node' });
      await issued.stored;
      const other = await startLedger(undefined, { postgresUrl: url });
      try {
        await other
          .http()
          .post('/bodies')
          .set('Authorization', `Bearer ${issued.token}`)
          .send(body('nhs-vale-royal-ccg', 'NHS Vale Royal CCG', '02D'))
          .expect(201);
        await other.expectNothingWritten(async () => {
          const refused = await other
            .http()
            .post('/bodies')
            .set('Authorization', `Bearer ldg_${issued.keyId}_not-the-secret`)
            .send(body('nhs-west-cheshire-ccg', 'NHS West Cheshire CCG', '02F'))
            .expect(401);
          expect(refused.body.rule).toBe('key-invalid');
        });
        const client = new Client({ connectionString: url });
        await client.connect();
        const { rows } = await client.query('SELECT key_id, token_hash, role, label FROM api_keys WHERE key_id = $1', [issued.keyId]);
        await client.end();
        expect(rows).toEqual([
          { key_id: issued.keyId, token_hash: expect.stringMatching(/^[0-9a-f]{64}$/), role: 'admin', label: 'issued on the first node' },
        ]);
        expect(JSON.stringify(rows)).not.toContain(issued.token.slice(`ldg_${issued.keyId}_`.length));
      } finally {
        await other.close();
      }
    });

    it('given a key accepted on two nodes, when it is revoked on one, then the other refuses it at the next request, writing nothing', async () => {
      ledger = await startLedger(undefined, { postgresUrl: url });
      const issued = ledger.app.get(ApiKeys).create('admin', [], { person: 'Rita Revoked' });
      await issued.stored;
      const other = await startLedger(undefined, { postgresUrl: url });
      try {
        const bearer = `Bearer ${issued.token}`;
        await other
          .http()
          .post('/bodies')
          .set('Authorization', bearer)
          .send(body('nhs-vale-royal-ccg', 'NHS Vale Royal CCG', '02D'))
          .expect(201);
        expect(await other.app.get(ApiKeys).holderOf(issued.keyId)).toMatchObject({ keyId: issued.keyId, person: 'Rita Revoked' });

        expect(await ledger.app.get(ApiKeys).revoke(issued.keyId)).toBe('revoked');

        await other.expectNothingWritten(async () => {
          const refused = await other
            .http()
            .post('/bodies')
            .set('Authorization', bearer)
            .send(body('nhs-west-cheshire-ccg', 'NHS West Cheshire CCG', '02F'))
            .expect(401);
          expect(refused.body.rule).toBe('key-invalid');
        });
        expect(await other.app.get(ApiKeys).holderOf(issued.keyId)).toBeUndefined();
        expect(await other.app.get(ApiKeys).revoke(issued.keyId)).toBe('already-revoked');
        const listed = (await other.app.get(ApiKeys).list()).find((key) => key.keyId === issued.keyId);
        expect(listed).toMatchObject({ person: 'Rita Revoked', revokedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
      } finally {
        await other.close();
      }
    });

    it('keeps one checkpoint history in the database: a checkpoint signed on one node is the one every node serves', async () => {
      ledger = await startLedger(undefined, { postgresUrl: url });
      const admin = ledger.app.get(ApiKeys).create('admin', []);
      await admin.stored;
      for (const [id, name, ods] of [
        ['nhs-vale-royal-ccg', 'NHS Vale Royal CCG', '02D'],
        ['nhs-west-cheshire-ccg', 'NHS West Cheshire CCG', '02F'],
      ])
        await ledger
          .http()
          .post('/bodies')
          .set('Authorization', `Bearer ${admin.token}`)
          .send(body(id, name, ods))
          .expect(201);
      await ledger.settled();
      const signed = await ledger.app.get(CheckpointSigner).signLatest();
      expect(signed.treeSize).toBe(2);

      const other = await startLedger(undefined, { postgresUrl: url });
      try {
        const served = await other.http().get('/ledger/checkpoints/2').expect(200);
        expect(served.body.checkpoint).toBe(signed.note);
        expect((await other.http().get('/ledger/checkpoints').expect(200)).body.treeSizes).toEqual([0, 2]);
        // The other node signs the same size again: the first signature stands, on both.
        const again = await other.app.get(CheckpointSigner).signLatest();
        expect(again.note).toBe(signed.note);
        expect((await ledger.http().get('/ledger/checkpoint').expect(200)).body).toMatchObject({ treeSize: 2, checkpoint: signed.note });
      } finally {
        await other.close();
      }
    });

    it("refuses writes on a new node whose tree, built from the database's events, contradicts a signed checkpoint", async () => {
      ledger = await startLedger(undefined, { postgresUrl: url });
      const admin = ledger.app.get(ApiKeys).create('admin', []);
      await admin.stored;
      await ledger
        .http()
        .post('/bodies')
        .set('Authorization', `Bearer ${admin.token}`)
        .send(body('nhs-vale-royal-ccg', 'NHS Vale Royal CCG', '02D'))
        .expect(201);
      await ledger.settled();
      await ledger.app.get(CheckpointSigner).signLatest();
      // Someone with the database owner's rights gets past the triggers and rewrites the signed event.
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query('ALTER TABLE events DISABLE TRIGGER USER');
      await client.query(`UPDATE events SET data = replace(data, 'NHS Vale Royal CCG', 'Someone Else') WHERE position = 1`);
      await client.query('ALTER TABLE events ENABLE TRIGGER USER');
      await client.end();

      const other = await startLedger(undefined, { postgresUrl: url });
      try {
        expect(await other.app.get(TreeIntegrity).settled()).toMatchObject({ status: 'failed', rule: 'checkpoint-contradicted' });
        await other.expectNothingWritten(() =>
          other
            .http()
            .post('/bodies')
            .set('Authorization', `Bearer ${admin.token}`)
            .send(body('nhs-west-cheshire-ccg', 'NHS West Cheshire CCG', '02F'))
            .expect(503),
        );
      } finally {
        await other.close();
      }
    });

    it('opens a Part 2 text sealed on one node for an entitled key on another, and for nobody else; an erasure destroys the shared key', async () => {
      const MEETING = 'cabinet-2024-01';
      const mark = (itemId: string, field: string) => `MARK-${itemId}-${field}`;
      ledger = await startLedger(undefined, { postgresUrl: url });
      const admin = ledger.app.get(ApiKeys).create('admin', []);
      await admin.stored;
      const given = async (...steps: [string, object][]) => {
        for (const [path, data] of steps) {
          const response = await ledger!
            .http()
            .post(path)
            .set('Authorization', `Bearer ${admin.token}`)
            .send({ source: { title: 'Illustrative minutes', illustrative: true }, ...data });
          expect({ path, status: response.status }).toEqual({ path, status: 201 });
        }
      };
      const item = (itemId: string, confidential: boolean): [string, object][] => [
        [
          `/meetings/${MEETING}/items`,
          {
            itemId,
            title: `Title of ${itemId}`,
            text: mark(itemId, 'text'),
            functions: ['adult-social-care'],
            areas: ['wirral'],
            ...(confidential ? { confidential: { paragraph: 3, publicInterestReason: 'a contract', publicSummary: 'A contract' } } : {}),
          },
        ],
        [
          `/meetings/${MEETING}/items/${itemId}/motions`,
          { motionId: `${itemId}-motion`, wording: mark(itemId, 'wording'), mover: 'cab-1', seconder: 'cab-2' },
        ],
        [`/meetings/${MEETING}/items/${itemId}/votes`, { membershipId: 'cab-1', vote: 'for' }],
        [`/meetings/${MEETING}/items/${itemId}/votes`, { membershipId: 'cab-2', vote: 'for' }],
        [`/meetings/${MEETING}/items/${itemId}/decisions`, { outcome: 'carried', resolution: mark(itemId, 'resolution') }],
      ];
      await given(
        [
          '/bodies',
          { bodyId: 'wirral-council', kind: 'local-authority', name: 'Wirral Council', areas: ['wirral'], effective: '2013-04-01' },
        ],
        [
          '/bodies/wirral-council/statutory-functions',
          { functions: ['adult-social-care'], areas: ['wirral'], from: '2013-04-01', act: 'Care Act 2014' },
        ],
        [
          '/bodies',
          {
            bodyId: 'wirral-cabinet',
            kind: 'committee',
            name: 'Cabinet',
            parentBodyId: 'wirral-council',
            areas: ['wirral'],
            effective: '2013-04-01',
          },
        ],
        ...['cab-1', 'cab-2'].map((membershipId): [string, object] => [
          '/bodies/wirral-cabinet/memberships',
          { membershipId, member: { seat: membershipId }, role: 'member', voting: true, from: '2013-04-01' },
        ]),
        ['/meetings', { meetingId: MEETING, date: '2024-01-15', bodies: [{ bodyId: 'wirral-cabinet', quorum: 2 }] }],
        [`/meetings/${MEETING}/attendance`, { present: ['cab-1', 'cab-2'] }],
        ...item('part2', true),
        ...item('erased', false),
      );

      const other = await startLedger(undefined, { postgresUrl: url });
      try {
        await other.settled();
        const read = async (itemId: string, key?: string) => {
          const request = other.http().get(`/decisions/${MEETING}/${itemId}/wirral-cabinet`);
          return (await (key ? request.set('Authorization', key) : request).expect(200)).body;
        };
        const officer = other.keys.officerFor('wirral-council');
        expect((await read('part2', officer)).item.text).toBe(mark('part2', 'text'));
        expect((await read('part2', officer)).resolution).toBe(mark('part2', 'resolution'));
        const publicView = await read('part2');
        expect(publicView.item).toMatchObject({ redacted: true });
        expect(JSON.stringify(publicView)).not.toContain('MARK-part2');
        expect(JSON.stringify(await read('part2', other.keys.officerFor('wirral-cabinet')))).toMatch(/MARK-part2/);
        expect((await read('erased')).item.text).toBe(mark('erased', 'text'));

        // Erased on the first node: the key goes from the shared tables, and the second node shows it erased.
        await given([`/meetings/${MEETING}/items/erased/erasures`, { reason: 'personal data published in error' }]);
        await other.settled();
        const erased = await read('erased', other.keys.auditor);
        expect([erased.item.text, erased.resolution]).toEqual(['[erased]', '[erased]']);
        const client = new Client({ connectionString: url });
        await client.connect();
        const held = (await client.query<{ ref: string }>('SELECT ref FROM content_keys ORDER BY ref')).rows.map((row) => row.ref);
        const destroyed = (await client.query<{ ref: string }>('SELECT ref FROM destroyed_content_keys')).rows.map((row) => row.ref);
        await client.end();
        expect(destroyed).toEqual([`meeting/${MEETING}/item/erased/0`]);
        expect(held).toContain(`meeting/${MEETING}/item/part2/0`);
        expect(held).not.toContain(`meeting/${MEETING}/item/erased/0`);
      } finally {
        await other.close();
      }
    });

    it('lets one node at a time sign on the schedule, and another take over within seconds when it stops', async () => {
      ledger = await startLedger(undefined, { postgresUrl: url });
      const second = await startLedger(undefined, { postgresUrl: url });
      let third: LedgerTestApp | undefined;
      try {
        expect([ledger.app.get(CheckpointSigner).scheduled, second.app.get(CheckpointSigner).scheduled]).toEqual([true, false]);
        // /health names the store, the node and whether it signs.
        const health = async (node: LedgerTestApp) => (await node.http().get('/health').expect(200)).body.info.eventStore;
        expect(await health(ledger)).toMatchObject({ store: 'postgres', signer: true, readModelsBehind: 0 });
        expect(await health(second)).toMatchObject({ store: 'postgres', signer: false });
        third = await startLedger(undefined, { postgresUrl: url });
        expect(third.app.get(CheckpointSigner).scheduled).toBe(false);
        await ledger.close();
        ledger = undefined;
        const deadline = Date.now() + 10_000;
        const holders = () => [second, third!].filter((node) => node.app.get(CheckpointSigner).scheduled).length;
        while (holders() === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        expect(holders()).toBe(1);
      } finally {
        await third?.close();
        await second.close();
      }
    });

    it('lets one node at a time write the public projection, and another take over when it stops', async () => {
      ledger = await startLedger(undefined, { postgresUrl: url });
      const second = await startLedger(undefined, { postgresUrl: url });
      const publicBodies = (node: LedgerTestApp) => {
        const db = new Database(join(node.dataDir, 'public.sqlite'), { readonly: true });
        try {
          return db.prepare('SELECT id FROM public_bodies ORDER BY id').pluck().all();
        } finally {
          db.close();
        }
      };
      const health = async (node: LedgerTestApp) => (await node.http().get('/health').expect(200)).body.info.eventStore;
      try {
        const recorded = await ledger
          .http()
          .post('/bodies')
          .set('Authorization', ledger.keys.admin)
          .send(body('nhs-wirral-ccg', 'NHS Wirral CCG', '12F'))
          .expect(201);
        const { position } = recorded.body as { position: number };
        await second.http().get(`/bodies/nhs-wirral-ccg?minPosition=${position}`).expect(200);
        await ledger.app.get(PublicProjection).caughtUpTo(position);
        expect(await health(ledger)).toMatchObject({ publicWriter: true });
        expect(await health(second)).toMatchObject({ publicWriter: false });
        // Both nodes have the event in their read models; only the writer has it in public.sqlite.
        expect({ writer: publicBodies(ledger), other: publicBodies(second) }).toEqual({ writer: ['nhs-wirral-ccg'], other: [] });
        expect(second.app.get(PublicProjection).checkpoint()).toBe(0);

        await ledger.close();
        ledger = undefined;
        const deadline = Date.now() + 10_000;
        while (second.app.get(PublicProjection).checkpoint() < position && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 100));
        expect(await health(second)).toMatchObject({ publicWriter: true });
        expect(publicBodies(second)).toEqual(['nhs-wirral-ccg']);
      } finally {
        await second.close();
      }
    });

    it('answers a read on another node with minPosition once that node has the write', async () => {
      ledger = await startLedger(undefined, { postgresUrl: url });
      const other = await startLedger(undefined, { postgresUrl: url });
      try {
        const recorded = await ledger
          .http()
          .post('/bodies')
          .set('Authorization', ledger.keys.admin)
          .send(body('nhs-vale-royal-ccg', 'NHS Vale Royal CCG', '02D'))
          .expect(201);
        const { position } = recorded.body as { position: number };
        await other.http().get(`/bodies/nhs-vale-royal-ccg?minPosition=${position}`).expect(200);
        const beyond = await other.http().get(`/bodies?minPosition=${position + 1000}`);
        expect({ status: beyond.status, rule: beyond.body.rule, retryAfter: beyond.headers['retry-after'] }).toEqual({
          status: 503,
          rule: 'not-caught-up',
          retryAfter: '1',
        });
      } finally {
        await other.close();
      }
    });

    it("keeps its read models following when the database drops the ledger's connections", async () => {
      ledger = await startLedger(undefined, { postgresUrl: url });
      const node = ledger;
      const post = (bodyId: string, name: string, odsCode: string) =>
        node
          .http()
          .post('/bodies')
          .set('Authorization', node.keys.admin)
          .send(body(bodyId, name, odsCode));
      await post('nhs-vale-royal-ccg', 'NHS Vale Royal CCG', '02D').expect(201);
      await node.settled();
      const admin = new Client({ connectionString: url });
      await admin.connect();
      try {
        const { rows } = await admin.query<{ terminated: boolean }>(
          'SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        );
        expect(rows.length).toBeGreaterThan(0);
      } finally {
        await admin.end();
      }
      // Writes after the drop may meet a dead connection once; the read models must not stop for good.
      const deadline = Date.now() + 15_000;
      let recorded = 0;
      while (recorded !== 201 && Date.now() < deadline) {
        recorded = (await post('nhs-west-cheshire-ccg', 'NHS West Cheshire CCG', '02F')).status;
        if (recorded !== 201) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(recorded).toBe(201);
      let read = 0;
      while (read !== 200 && Date.now() < deadline) {
        read = (await node.http().get('/bodies/nhs-west-cheshire-ccg')).status;
        if (read !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(read).toBe(200);
      let health = 0;
      while (health !== 200 && Date.now() < deadline) {
        health = (await node.http().get('/health')).status;
        if (health !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(health).toBe(200);
    });

    it('retries its read models from their checkpoint while their connection is lost, then catches up', async () => {
      ledger = await startLedger(undefined, { postgresUrl: url });
      const node = ledger;
      const store = node.app.get<EventStore>(EVENT_STORE);
      const readAll = store.readAll.bind(store);
      let lost = true;
      const spy = jest
        .spyOn(store, 'readAll')
        .mockImplementation((...args) => (lost ? Promise.reject(new Error('Connection terminated unexpectedly')) : readAll(...args)));
      // A lost connection as the ledger meets it: the read models' write fails first (mid-apply), then every retry's
      // catch-up read (store.readAll) fails too, until the connection is back.
      const database = node.app.get(ReadModelDatabase);
      const save = database.saveCheckpoint.bind(database);
      const saving = jest.spyOn(database, 'saveCheckpoint').mockImplementation((projection, position) => {
        if (lost) throw new Error('Connection terminated unexpectedly');
        save(projection, position);
      });
      try {
        await node
          .http()
          .post('/bodies')
          .set('Authorization', node.keys.admin)
          .send(body('nhs-vale-royal-ccg', 'NHS Vale Royal CCG', '02D'))
          .expect(201);
        const deadline = Date.now() + 10_000;
        let down: { status: number; body: { error?: { readModels?: { state?: string } } } } = { status: 0, body: {} };
        while (down.status !== 503 && Date.now() < deadline) {
          down = await node.http().get('/health');
          if (down.status !== 503) await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(down.body.error?.readModels).toMatchObject({ state: 'retrying', error: 'Connection terminated unexpectedly' });
        lost = false;
        let read = 0;
        while (read !== 200 && Date.now() < deadline) {
          read = (await node.http().get('/bodies/nhs-vale-royal-ccg')).status;
          if (read !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(read).toBe(200);
        await node.http().get('/health').expect(200);
      } finally {
        spy.mockRestore();
        saving.mockRestore();
      }
    });
  });
}
