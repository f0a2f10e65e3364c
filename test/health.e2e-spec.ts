import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { keysDirBeside } from '../apps/ledger/src/config/keys-dir';
import { configureLedgerApp, LEDGER_APP_OPTIONS } from '../apps/ledger/src/ledger.app';
import { LedgerModule } from '../apps/ledger/src/ledger.module';
import { TreeIntegrity } from '../apps/ledger/src/transparency/tree-integrity';

describe('GET /health (embedded store)', () => {
  let app: INestApplication;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-health-'));
    process.env.LEDGER_DATA_DIR = dataDir;
    process.env.LEDGER_STORE = 'sqlite';
    const moduleRef = await Test.createTestingModule({ imports: [LedgerModule] }).compile();
    app = configureLedgerApp(moduleRef.createNestApplication(LEDGER_APP_OPTIONS));
    await app.init();
    await app.get(TreeIntegrity).settled();
  });

  afterAll(async () => {
    await app.close();
    for (const folder of [dataDir, keysDirBeside(dataDir)]) rmSync(folder, { recursive: true, force: true });
  });

  it('answers 200 with the event store up and at its head, and the tree checked, not witnessed', async () => {
    const response = await request(app.getHttpServer()).get('/health').expect(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.info.eventStore).toEqual({
      status: 'up',
      position: 0,
      eventCount: 0,
      store: 'sqlite',
      node: expect.stringMatching(/^.+:\d+$/),
      signer: true,
      publicWriter: true,
      readModelsBehind: 0,
    });
    expect(response.body.info.transparencyLog).toMatchObject({ status: 'up', check: 'passed', witnessed: 'not witnessed', witnesses: [] });
  });

  it('serves the OpenAPI document', async () => {
    const response = await request(app.getHttpServer()).get('/api-docs-json').expect(200);
    expect(response.body.paths['/health']).toBeDefined();
  });
});
