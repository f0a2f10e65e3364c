import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeys } from '../apps/ledger/src/access/api-keys';
import { CommandImport, LineOutcome } from '../apps/ledger/src/import/command-import';
import { LocalDatabase } from '../apps/ledger/src/local-database/local-database';
import { CommandCatalogue } from '../apps/ledger/src/command-catalogue';
import { RecordCommand } from '../apps/ledger/src/recording/record-command';
import { LedgerTestApp, startLedger } from './ledger-test-app';

/**
 * Exactly-once commands (issue 14): whether a command was recorded is known from the event store
 * itself, so a retry with the same Idempotency-Key gets its original answer whatever happened between
 * the commit and the response — a crash, a lost response, a restart with nothing kept beside the events.
 */
const source = { title: 'Wirral CCG governing body minutes', illustrative: true };
const wirral = { bodyId: 'nhs-wirral-ccg', kind: 'ccg', name: 'NHS Wirral CCG', areas: ['wirral'], effective: '2013-04-01', source };
const renaming = { name: 'NHS Wirral Clinical Commissioning Group', effective: '2014-04-01', source };

describe('exactly-once commands, known from the event store', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ledger-exactly-once-'));
  let ledger: LedgerTestApp;
  let admin: { keyId: string; token: string };
  const post = (path: string, body: object, key?: string) => {
    const call = ledger.http().post(path).set('Authorization', `Bearer ${admin.token}`);
    return (key ? call.set('Idempotency-Key', key) : call).send(body);
  };
  const restart = async () => {
    await ledger.close();
    ledger = await startLedger(folder);
  };

  beforeEach(async () => {
    rmSync(folder, { recursive: true, force: true });
    ledger = await startLedger(folder);
    admin = ledger.app.get(ApiKeys).create('admin', []);
  });
  afterEach(() => ledger.close());
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('keeps nothing beside the events: after a restart, a retry is answered 201 with the first body and writes nothing', async () => {
    const first = await post('/bodies', wirral, 'establish-1').expect(201);
    const renamed = await post(`/bodies/${wirral.bodyId}/renamings`, renaming, 'rename-1').expect(201);
    // Nothing of the keys is in the node's own database: no row to lose, none to delete.
    const local = new LocalDatabase(folder);
    const tables = local.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    local.close();
    expect(tables).not.toContain('idempotency_keys');
    await restart();
    await ledger.expectNothingWritten(async () => {
      const again = await post('/bodies', wirral, 'establish-1').expect(201);
      expect(again.body).toEqual(first.body);
      // Deciding again would say rename-to-same-name (422): the retry is recognised before the decider runs.
      const renamedAgain = await post(`/bodies/${wirral.bodyId}/renamings`, renaming, 'rename-1').expect(201);
      expect(renamedAgain.body).toEqual(renamed.body);
    });
  });

  it('answers a retry with the original result when the events committed but the response was never sent', async () => {
    // The first attempt reaches the store and dies before answering: what the route would have run, without HTTP.
    const declaration = ledger.app.get(CommandCatalogue).declarationOf('EstablishBody')!;
    const actor = { keyId: admin.keyId, role: 'admin' as const, bodies: [] };
    const committed = await ledger.app
      .get(CommandBus)
      .execute(new RecordCommand(declaration, { ...wirral }, { actor, commandId: `${admin.keyId}:lost-response` }));
    await restart();
    await ledger.expectNothingWritten(async () => {
      const retry = await post('/bodies', wirral, 'lost-response').expect(201);
      expect(retry.body).toEqual(committed);
    });
    expect(await (ledger.app.get(EVENT_STORE) as EventStore).readStream(`body-${wirral.bodyId}`)).toHaveLength(1);
  });

  it('refuses the same key with another body (422 idempotency-key-reused), before and after a restart, writing nothing', async () => {
    await post('/bodies', wirral, 'k').expect(201);
    for (const attempt of [1, 2]) {
      if (attempt === 2) await restart();
      await ledger.expectNothingWritten(async () => {
        const reused = await post('/bodies', { ...wirral, name: 'Another name' }, 'k').expect(422);
        expect(reused.body).toMatchObject({ statusCode: 422, rule: 'idempotency-key-reused' });
        // The same key on another route is another command too.
        await post(`/bodies/${wirral.bodyId}/renamings`, renaming, 'k').expect(422);
      });
    }
  });

  it('writes once when two retries of one command race, and answers both with the same body', async () => {
    const answers = await Promise.all([post('/bodies', wirral, 'race'), post('/bodies', wirral, 'race'), post('/bodies', wirral, 'race')]);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect(answers[1].body).toEqual(answers[0].body);
    expect(answers[2].body).toEqual(answers[0].body);
    expect((await ledger.head()).eventCount).toBe(1);
  });

  it('answers attempts of one command made at the same moment with its one recording, even where deciding twice is refused', async () => {
    await post('/bodies', wirral).expect(201);
    const declaration = ledger.app.get(CommandCatalogue).declarationOf('RenameBody')!;
    const actor = { keyId: admin.keyId, role: 'admin' as const, bodies: [] };
    const attempt = () =>
      ledger.app
        .get(CommandBus)
        .execute(
          new RecordCommand(declaration, { ...renaming, bodyId: wirral.bodyId }, { actor, commandId: `${admin.keyId}:same-moment` }),
        );
    const answers = await Promise.all([attempt(), attempt(), attempt()]);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect((await ledger.head()).eventCount).toBe(2);
  });

  it("keeps one key holder's Idempotency-Key apart from another's", async () => {
    const other = ledger.app.get(ApiKeys).create('admin', []);
    await post('/bodies', wirral, 'shared-key').expect(201);
    const theirs = await ledger
      .http()
      .post('/bodies')
      .set('Authorization', `Bearer ${other.token}`)
      .set('Idempotency-Key', 'shared-key')
      .send({ ...wirral, bodyId: 'nhs-cheshire-ccg', name: 'NHS Cheshire CCG' })
      .expect(201);
    expect(theirs.body.stream).toBe('body-nhs-cheshire-ccg');
  });

  it('decides afresh a retry of a refused command: a refusal recorded nothing', async () => {
    await post('/bodies', wirral).expect(201);
    await post(`/bodies/${wirral.bodyId}/renamings`, { ...renaming, name: wirral.name }, 'same-name').expect(422);
    await post(`/bodies/${wirral.bodyId}/renamings`, { ...renaming, name: wirral.name }, 'same-name').expect(422);
    expect((await ledger.head()).eventCount).toBe(1);
  });
});

describe('an import (and so the seed) resumes: lines already recorded are skipped and counted', () => {
  const line = (bodyId: string) => JSON.stringify({ command: 'EstablishBody', data: { ...wirral, bodyId, name: bodyId } });
  const file = ['a', 'b', '', 'c', 'd'].map((id) => (id ? line(`body-${id}`) : '')).join('\n');
  let ledger: LedgerTestApp;
  beforeEach(async () => {
    ledger = await startLedger();
  });
  afterEach(() => ledger.close());

  it('records the rest of a file cut off midway, and nothing twice', async () => {
    const importer = ledger.app.get(CommandImport);
    await importer.importText(file.split('\n').slice(0, 2).join('\n'));
    const outcomes: LineOutcome[] = [];
    await expect(importer.importLines(file, { onLineDone: (_, outcome) => outcomes.push(outcome) })).resolves.toEqual({
      recorded: 2,
      skipped: 3,
      alreadyRecorded: 2,
    });
    expect(outcomes).toEqual(['already-recorded', 'already-recorded', 'blank', 'recorded', 'recorded']);
    expect((await ledger.head()).eventCount).toBe(4);
    await ledger.expectNothingWritten(async () => {
      await expect(importer.importText(file)).resolves.toEqual({ recorded: 0, skipped: 5 });
    });
  });

  it('still stops at a line refused by the rules, after skipping those recorded', async () => {
    const importer = ledger.app.get(CommandImport);
    await importer.importText(file);
    const renameToSame = JSON.stringify({
      command: 'RenameBody',
      data: { bodyId: 'body-a', name: 'body-a', effective: '2014-01-01', source },
    });
    await expect(importer.importText(`${file}\n${renameToSame}`)).rejects.toMatchObject({ line: 6, rule: 'rename-to-same-name' });
  });
});

describe('npm run ledger -- import, run again', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ledger-import-again-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('says how many lines it skipped as already recorded', () => {
    const { spawnSync } = jest.requireActual<typeof import('node:child_process')>('node:child_process');
    const path = join(folder, 'bodies.jsonl');
    const line = (bodyId: string) => JSON.stringify({ command: 'EstablishBody', data: { ...wirral, bodyId, name: bodyId } });
    // An import records as a named key (LEDGER_KEY).
    const local = new LocalDatabase(join(folder, 'data'));
    const key = new ApiKeys(local).create('admin', [], { person: 'Ivo Importer' }).token;
    local.close();
    const run = () =>
      spawnSync(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/ledger/src/cli/main.ts', 'import', path],
        {
          cwd: join(__dirname, '..'),
          env: { ...process.env, LEDGER_DATA_DIR: join(folder, 'data'), LEDGER_STORE: 'sqlite', LEDGER_KEY: key },
          encoding: 'utf8',
          timeout: 60000,
        },
      );
    writeFileSync(path, [line('x-1'), line('x-2')].join('\n'));
    expect(run().stdout).toContain(`imported 2 commands from ${path}\n`);
    writeFileSync(path, [line('x-1'), line('x-2'), line('x-3')].join('\n'));
    const again = run();
    expect(again.stdout).toContain(`imported 1 commands from ${path}; skipped 2 lines already recorded`);
    expect(again.status).toBe(0);
  });
});
