import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ApiKeys } from '../apps/ledger/src/access/api-keys';
import { configureLedgerApp, LEDGER_APP_OPTIONS } from '../apps/ledger/src/ledger.app';
import { LedgerModule } from '../apps/ledger/src/ledger.module';
import { keysDirBeside } from '../apps/ledger/src/config/keys-dir';
import { ProjectionRunner } from '../apps/ledger/src/read-models/projection-runner';
import { TreeIntegrity } from '../apps/ledger/src/transparency/tree-integrity';

export interface LedgerTestApp {
  app: INestApplication;
  /** Its data folder (event store, read models); its private keys are in the folder beside it (keysDirBeside). */
  dataDir: string;
  http: () => ReturnType<typeof request>;
  keys: { admin: string; auditor: string; officerFor: (...bodies: string[]) => string };
  head: () => Promise<{ position: number; eventCount: number }>;
  /** Resolves once the read models have caught up with everything recorded so far. */
  settled: () => Promise<void>;
  /** Runs `attempt` and checks the ledger head did not move: a refused command writes nothing. */
  expectNothingWritten: (attempt: () => Promise<unknown>) => Promise<void>;
  close: () => Promise<void>;
}

/**
 * The real application module on the embedded store (or on the PostgreSQL database at `postgresUrl`), in a
 * fresh temporary folder unless one is given (kept on close). Start ledgers one at a time: the folder and
 * the store reach the configuration through the environment.
 */
export async function startLedger(existingDataDir?: string, { postgresUrl }: { postgresUrl?: string } = {}): Promise<LedgerTestApp> {
  const dataDir = existingDataDir ?? mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
  process.env.LEDGER_DATA_DIR = dataDir;
  process.env.LEDGER_STORE = postgresUrl ? 'postgres' : 'sqlite';
  if (postgresUrl) process.env.LEDGER_POSTGRES_URL = postgresUrl;
  else delete process.env.LEDGER_POSTGRES_URL;
  const moduleRef = await Test.createTestingModule({ imports: [LedgerModule] }).compile();
  const app = configureLedgerApp(moduleRef.createNestApplication({ ...LEDGER_APP_OPTIONS, logger: false }));
  await app.init();
  // Writes wait for the start-up check of the tree (quick on the small ledgers of the tests).
  await app.get(TreeIntegrity).settled();
  const apiKeys = app.get(ApiKeys);
  const http = () => request(app.getHttpServer());
  const head = async () => (await http().get('/ledger/head').expect(200)).body;
  return {
    app,
    dataDir,
    http,
    keys: {
      admin: `Bearer ${apiKeys.create('admin', [], { person: 'Ada Admin' }).token}`,
      auditor: `Bearer ${apiKeys.create('auditor', [], { person: 'Aud Itor' }).token}`,
      officerFor: (...bodies) => `Bearer ${apiKeys.create('officer', bodies, { person: 'Olu Officer' }).token}`,
    },
    head,
    settled: async () => app.get(ProjectionRunner).caughtUpTo((await head()).position),
    expectNothingWritten: async (attempt) => {
      const before = await head();
      await attempt();
      expect(await head()).toEqual(before);
    },
    close: async () => {
      await app.close();
      if (!existingDataDir) for (const folder of [dataDir, keysDirBeside(dataDir)]) rmSync(folder, { recursive: true, force: true });
    },
  };
}
