import { ConfigModule } from '@nestjs/config';
import { Test, TestingModule } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeys } from '../apps/ledger/src/access/api-keys';
import { ContentKeys } from '../apps/ledger/src/confidentiality/content-keys';
import { ledgerConfig } from '../apps/ledger/src/config/ledger.config';
import { contentKeysProvider } from '../apps/ledger/src/disclosure/confidentiality.module';
import { LocalDatabaseModule } from '../apps/ledger/src/local-database/local-database.module';
import { PUBLIC_WRITER_LOCK, publicWriterLockProvider } from '../apps/ledger/src/public-projection/public-writer-lock';
import { apiKeyStoreProvider } from '../apps/ledger/src/recording/recording.module';
import { EventStoreModule } from '../apps/ledger/src/store/event-store.module';
import { LedgerTree } from '../apps/ledger/src/transparency/ledger-tree';
import { SIGNER_LOCK, SignerLock } from '../apps/ledger/src/transparency/signer-lock';
import { ledgerTreeProvider, signerLockProvider } from '../apps/ledger/src/transparency/transparency.module';
import { createDatabase, postgresForTests } from '../libs/event-store/test/postgres/throwaway-postgres';

/**
 * Issue 24, item 7: a KurrentDB deployment runs several nodes when LEDGER_SHARED_POSTGRES_URL names a PostgreSQL
 * for the pieces every node shares. Each "node" here is the ledger's own providers of those pieces (the ones
 * the application modules use), on LEDGER_STORE=kurrentdb with its own data folder and the deployment's one
 * keys folder. No KurrentDB server is needed: choosing and building these pieces never calls it (its client
 * connects on first use), and none can be had here; the PostgreSQL is a throwaway cluster.
 */
const target = postgresForTests();
const KURRENTDB_URL = 'kurrentdb://127.0.0.1:1?tls=false';
const SETTINGS = [
  'LEDGER_STORE',
  'KURRENTDB_URL',
  'LEDGER_SHARED_POSTGRES_URL',
  'LEDGER_DATA_DIR',
  'LEDGER_KEYS_DIR',
  'LEDGER_POSTGRES_URL',
];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every 50 ms for `ms` at most; whether it came true. */
async function within(ms: number, condition: () => boolean): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(50)) if (condition()) return true;
  return condition();
}

if ('skip' in target) {
  process.stdout.write(`shared PostgreSQL test skipped: ${target.skip}\n`);
  describe.skip('KurrentDB nodes sharing a PostgreSQL', () => undefined);
} else {
  jest.setTimeout(60_000);
  describe('KurrentDB nodes sharing a PostgreSQL', () => {
    const root = mkdtempSync(join(tmpdir(), 'ledger-shared-pg-'));
    const saved = Object.fromEntries(SETTINGS.map((name) => [name, process.env[name]]));
    const open: TestingModule[] = [];
    let nodes = 0;

    /** A node's shared pieces on KurrentDB, with `shared` as LEDGER_SHARED_POSTGRES_URL (or none). */
    const node = async (shared: string | undefined, keysDir: string): Promise<TestingModule> => {
      process.env.LEDGER_STORE = 'kurrentdb';
      process.env.KURRENTDB_URL = KURRENTDB_URL;
      process.env.LEDGER_DATA_DIR = join(root, `node-${nodes++}`);
      process.env.LEDGER_KEYS_DIR = keysDir;
      delete process.env.LEDGER_POSTGRES_URL;
      if (shared) process.env.LEDGER_SHARED_POSTGRES_URL = shared;
      else delete process.env.LEDGER_SHARED_POSTGRES_URL;
      const moduleRef = await Test.createTestingModule({
        imports: [ConfigModule.forRoot({ isGlobal: true, load: [ledgerConfig] }), EventStoreModule, LocalDatabaseModule],
        providers: [apiKeyStoreProvider, ApiKeys, contentKeysProvider, ledgerTreeProvider, signerLockProvider, publicWriterLockProvider],
      }).compile();
      await moduleRef.init();
      open.push(moduleRef);
      return moduleRef;
    };
    const stop = async (moduleRef: TestingModule) => {
      open.splice(open.indexOf(moduleRef), 1);
      await moduleRef.get<SignerLock>(SIGNER_LOCK).close();
      await moduleRef.get<SignerLock>(PUBLIC_WRITER_LOCK).close();
      await moduleRef.get(ContentKeys).close();
      await moduleRef.get(LedgerTree).close();
      await moduleRef.close();
    };

    afterEach(async () => {
      for (const moduleRef of [...open]) await stop(moduleRef);
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    });
    afterAll(async () => {
      await target.stop();
      rmSync(root, { recursive: true, force: true });
    });

    it('takes the API keys, content keys, checkpoints and both locks from the shared PostgreSQL: what one node does, another sees', async () => {
      const url = await createDatabase(target.url);
      const keysDir = join(root, 'keys-shared');
      const [a, b] = [await node(url, keysDir), await node(url, keysDir)];

      // A key issued on one node is accepted on the other.
      const key = a.get(ApiKeys).create('admin', [], { label: 'shared test' });
      await key.stored;
      expect(await b.get(ApiKeys).authenticate(key.token)).toMatchObject({ keyId: key.keyId, role: 'admin' });

      // A content key made on one node opens what it sealed on the other (the same master key from the keys folder).
      await a.get(ContentKeys).prepareToSeal(['item-part2-1']);
      const sealing = a.get(ContentKeys).keyToSeal('item-part2-1');
      expect(await within(5_000, () => 'key' in b.get(ContentKeys).keyOf('item-part2-1'))).toBe(true);
      expect(b.get(ContentKeys).keyOf('item-part2-1')).toEqual({ key: sealing });

      // One checkpoint history: signed on one node, read on the other.
      const checkpoint = { treeSize: 7, rootHash: Buffer.alloc(32, 7), note: 'a signed note\n', signedAt: new Date().toISOString() };
      expect([a, b].map((n) => n.get(LedgerTree).checkpointsShared)).toEqual([true, true]);
      await a.get(LedgerTree).checkpoints.save(checkpoint);
      expect(await b.get(LedgerTree).checkpoints.at(7)).toEqual(checkpoint);

      // One signer and one public writer at a time; the other node takes each over when the holder goes.
      for (const duty of [SIGNER_LOCK, PUBLIC_WRITER_LOCK]) {
        const held = [a, b].map((n) => n.get<SignerLock>(duty).held());
        expect(held.filter(Boolean)).toHaveLength(1);
      }
      const [holder, other] = a.get<SignerLock>(SIGNER_LOCK).held() ? [a, b] : [b, a];
      await stop(holder);
      expect(await within(10_000, () => other.get<SignerLock>(SIGNER_LOCK).held())).toBe(true);
    });

    it('keeps them per node without LEDGER_SHARED_POSTGRES_URL: a key or a content key of one node is unknown to another', async () => {
      const keysDir = join(root, 'keys-apart');
      const [a, b] = [await node(undefined, keysDir), await node(undefined, keysDir)];

      const key = a.get(ApiKeys).create('admin', [], { label: 'apart test' });
      await key.stored;
      expect(await a.get(ApiKeys).authenticate(key.token)).toMatchObject({ keyId: key.keyId });
      expect(await b.get(ApiKeys).authenticate(key.token)).toBeUndefined();

      await a.get(ContentKeys).prepareToSeal(['item-part2-1']);
      a.get(ContentKeys).keyToSeal('item-part2-1');
      expect(b.get(ContentKeys).keyOf('item-part2-1')).toEqual({ missing: true });

      expect([a, b].map((n) => n.get(LedgerTree).checkpointsShared)).toEqual([false, false]);
      // Each node alone: each holds both duties (which is why a KurrentDB deployment needs the shared database to run several).
      for (const duty of [SIGNER_LOCK, PUBLIC_WRITER_LOCK]) expect([a, b].map((n) => n.get<SignerLock>(duty).held())).toEqual([true, true]);
    });

    it('refuses LEDGER_SHARED_POSTGRES_URL with a store that is not KurrentDB, naming the setting', () => {
      process.env.LEDGER_DATA_DIR = join(root, 'refused');
      process.env.LEDGER_KEYS_DIR = join(root, 'keys-refused');
      process.env.LEDGER_SHARED_POSTGRES_URL = target.url;
      process.env.LEDGER_STORE = 'sqlite';
      expect(() => ledgerConfig()).toThrow(/LEDGER_SHARED_POSTGRES_URL is for LEDGER_STORE=kurrentdb/);
      process.env.LEDGER_STORE = 'postgres';
      process.env.LEDGER_POSTGRES_URL = target.url;
      expect(() => ledgerConfig()).toThrow(/LEDGER_SHARED_POSTGRES_URL is for LEDGER_STORE=kurrentdb: on postgres/);
    });
  });
}
