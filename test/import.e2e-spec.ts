import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeys } from '../apps/ledger/src/access/api-keys';
import { CommandImport, ImportLineRefused } from '../apps/ledger/src/import/command-import';
import { LocalDatabase } from '../apps/ledger/src/local-database/local-database';
import { LedgerTestApp, startLedger } from './ledger-test-app';

const source = { title: 'Cheshire East HWBB report 25 Jul 2017' };
const line = (command: string, data: object) => JSON.stringify({ command, data });
const goodFile = [
  line('EstablishBody', {
    bodyId: 'cheshire-east-council',
    kind: 'local-authority',
    name: 'Cheshire East Council',
    areas: ['eastern-cheshire', 'south-cheshire'],
    effective: '2009-04-01',
    source,
  }),
  '',
  line('EstablishBody', {
    bodyId: 'nhs-eastern-cheshire-ccg',
    kind: 'ccg',
    name: 'NHS Eastern Cheshire CCG',
    odsCode: '01C',
    areas: ['eastern-cheshire'],
    effective: '2013-04-01',
    source,
  }),
  line('AssignStatutoryFunctions', {
    bodyId: 'nhs-eastern-cheshire-ccg',
    functions: ['community-health-services'],
    areas: ['eastern-cheshire'],
    from: '2013-04-01',
    act: 'Health and Social Care Act 2012',
    source,
  }),
  line('AppointMember', {
    bodyId: 'nhs-eastern-cheshire-ccg',
    membershipId: 'ec-chair',
    member: { seat: 'Chair' },
    role: 'chair',
    voting: true,
    from: '2013-04-01',
    source,
  }),
].join('\n');

describe('importing commands from a JSON-lines file', () => {
  let ledger: LedgerTestApp;
  let importer: CommandImport;
  beforeEach(async () => {
    ledger = await startLedger();
    importer = ledger.app.get(CommandImport);
  });
  afterEach(() => ledger.close());

  it('records every line of a good file, in order', async () => {
    await expect(importer.importText(goodFile)).resolves.toEqual({ recorded: 4, skipped: 1 });
    expect(await ledger.head()).toMatchObject({ position: 4, eventCount: 4 });
  });

  it('writes nothing new when the same file is imported again: every line is found recorded and skipped', async () => {
    await importer.importText(goodFile);
    await ledger.expectNothingWritten(async () => {
      await expect(importer.importLines(goodFile)).resolves.toEqual({ recorded: 0, skipped: 5, alreadyRecorded: 4 });
    });
  });

  it.each([
    ['malformed JSON', '{"command": "EstablishBody", ', 'malformed-json'],
    ['a line of the wrong shape', JSON.stringify({ command: 'EstablishBody' }), 'line-shape'],
    ['an unknown command', line('AbolishEverything', {}), 'unknown-command'],
    [
      'an unknown field',
      line('RenameBody', { bodyId: 'nhs-eastern-cheshire-ccg', name: 'X', effective: '2014-01-01', source, colour: 'red' }),
      'invalid-field',
    ],
    ['a missing path id', line('RenameBody', { name: 'X', effective: '2014-01-01', source }), 'invalid-field'],
    [
      'a name with a right-to-left override (the one text check, as over HTTP)',
      line('RenameBody', { bodyId: 'nhs-eastern-cheshire-ccg', name: 'NHS \u202eGCC', effective: '2014-01-01', source }),
      'invalid-field',
    ],
    [
      'a source title of only white space',
      line('RenameBody', { bodyId: 'nhs-eastern-cheshire-ccg', name: 'X', effective: '2014-01-01', source: { title: '  ' } }),
      'invalid-field',
    ],
    [
      'a domain rule',
      line('RenameBody', { bodyId: 'nhs-eastern-cheshire-ccg', name: 'NHS Eastern Cheshire CCG', effective: '2014-01-01', source }),
      'rename-to-same-name',
    ],
  ])('stops at the first bad line (%s), naming its number and rule, keeping the lines before it', async (_label, bad, rule) => {
    const text = [goodFile, bad, line('DissolveBody', { bodyId: 'nhs-eastern-cheshire-ccg', effective: '2020-04-01', source })].join('\n');
    const error = await importer.importText(text).catch((thrown) => thrown);
    expect(error).toBeInstanceOf(ImportLineRefused);
    expect(error).toMatchObject({ line: 6, rule });
    expect(await ledger.head()).toMatchObject({ position: 4 });
  });
});

describe('npm run ledger -- import (the CLI)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const good = join(folder, 'good.jsonl');
  const runCliIn = (dataDir: string, env: Record<string, string>, ...args: string[]) =>
    spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/ledger/src/cli/main.ts', ...args],
      {
        cwd: join(__dirname, '..'),
        env: { ...process.env, LEDGER_DATA_DIR: dataDir, LEDGER_STORE: 'sqlite', ...env },
        encoding: 'utf8',
        timeout: 60000,
      },
    );
  /** A new key's token: the last line `keys create` prints. */
  const tokenOf = (created: { stdout: string }) => created.stdout.trim().split('\n').pop() as string;
  /** An admin's key on the ledger the tests below ask, for the imports (an import records as a named key). */
  let adminKey = '';
  /** The CLI on the ledger the tests below ask: the good file is imported before any of them, whatever their order. */
  const runCli = (...args: string[]) => runCliIn(join(folder, 'data'), { LEDGER_KEY: adminKey }, ...args);
  beforeAll(() => {
    writeFileSync(good, goodFile);
    adminKey = tokenOf(runCli('keys', 'create', '--name', 'Ada Admin', '--role', 'admin'));
    const imported = runCli('import', good);
    if (imported.status !== 0) throw new Error(`the good file was not imported: ${imported.stdout}${imported.stderr}`);
  }, 60_000);

  it('imports a good file and exits 0, then stops at a bad line with its number and rule and exits 1', () => {
    // A ledger of its own, empty before the import; its key given with --key.
    const dataDir = join(folder, 'imported-here');
    const key = tokenOf(runCliIn(dataDir, {}, 'keys', 'create', '--name', 'Bea Admin', '--role', 'admin'));
    const first = runCliIn(dataDir, {}, 'import', good, '--key', key);
    expect(first.stdout).toMatch(/imported 4 commands from .*\nrecorded as key [0-9a-f]{12} \(Bea Admin\)\n/);
    expect(first.status).toBe(0);

    const bad = join(folder, 'bad.jsonl');
    writeFileSync(bad, [line('DissolveBody', { bodyId: 'nhs-eastern-cheshire-ccg', effective: '2013-04-01', source })].join('\n'));
    const second = runCliIn(dataDir, { LEDGER_KEY: key }, 'import', bad);
    expect(second.stdout).toContain(`${bad}:1: rule interval-order (422)`);
    expect(second.status).toBe(1);
  });

  it('answers authority questions offline, as JSON or text, and rebuilds the projections', () => {
    const asJson = runCli(
      'authority',
      '--function',
      'community-health-services',
      '--area',
      'eastern-cheshire',
      '--at',
      '2015-01-01',
      '--json',
    );
    expect(asJson.status).toBe(0);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ accountable: { id: 'nhs-eastern-cheshire-ccg' }, chain: [{ basis: 'statutory' }] });
    // Position 2 is the CCG's establishment: its statutory functions were not yet known.
    const asText = runCli(
      'authority',
      '--function',
      'community-health-services',
      '--area',
      'eastern-cheshire',
      '--at',
      '2015-01-01',
      '--as-known-at',
      '2',
    );
    expect(asText.stdout).toContain('as known at position 2');
    expect(asText.stdout).toContain('accountable:  nobody recorded');
    const timeline = runCli('timeline', '--function', 'community-health-services', '--area', 'eastern-cheshire');
    expect(timeline.stdout).toContain('[2013-04-01, open):\n    accountable:  NHS Eastern Cheshire CCG (nhs-eastern-cheshire-ccg, 01C)');
    const rebuilt = runCli('rebuild');
    expect(rebuilt.stdout).toMatch(/rebuilt every projection from [4-9] events in [\d.]+ s \(\d+ events\/s\)/);
    const incomplete = runCli('authority', '--function', 'community-health-services');
    expect(incomplete.status).toBe(1);
    expect(incomplete.stderr).toContain('authority needs --function, --area and --at');
  });

  it('creates API keys that name their person and authenticate, stored hashed, and refuses an unknown role or no name', () => {
    const created = runCli('keys', 'create', '--name', 'Olu Officer', '--role', 'officer', '--body', 'nhs-eastern-cheshire-ccg');
    expect(created.status).toBe(0);
    const token = tokenOf(created);
    expect(token).toMatch(/^ldg_[0-9a-f]{12}_/);
    const local = new LocalDatabase(join(folder, 'data'));
    try {
      expect(new ApiKeys(local).authenticate(token)).toMatchObject({
        role: 'officer',
        bodies: ['nhs-eastern-cheshire-ccg'],
        person: 'Olu Officer',
      });
      expect(JSON.stringify(local.db.prepare('SELECT * FROM api_keys').all())).not.toContain(token);
    } finally {
      local.close();
    }
    const refused = runCli('keys', 'create', '--name', 'Sam Super', '--role', 'superuser');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('role must be one of officer, auditor, admin');
    const nameless = runCli('keys', 'create', '--role', 'admin');
    expect(nameless.status).toBe(1);
    expect(nameless.stderr).toContain('--name "Full Name" names the person');
  });

  it('lists keys by their public id and person, never their secret, and revokes one: an import with it then writes nothing', () => {
    const token = tokenOf(runCli('keys', 'create', '--name', 'Rex Leaver', '--role', 'officer', '--body', 'cheshire-east-council'));
    const keyId = token.split('_')[1];
    const before = runCli('keys', 'list');
    expect(before.status).toBe(0);
    expect(before.stdout).toContain('id\tperson\trole\tbodies\tcreated\trevoked');
    expect(before.stdout).toMatch(
      new RegExp(`^${keyId}\tRex Leaver\tofficer\tcheshire-east-council\t\\d{4}-\\d\\d-\\d\\dT[^\t]+\t-$`, 'm'),
    );
    // The secret is all after `ldg_<id>_` (base64url: it may itself hold an underscore).
    expect(before.stdout).not.toContain(token.slice(`ldg_${keyId}_`.length));

    const revoked = runCli('keys', 'revoke', keyId);
    expect(revoked.status).toBe(0);
    expect(revoked.stdout).toContain(`revoked key ${keyId}`);
    expect(runCli('keys', 'list').stdout).toMatch(
      new RegExp(`^${keyId}\tRex Leaver\tofficer\tcheshire-east-council\t\\S+\t\\d{4}-\\d\\d-\\d\\dT\\S+$`, 'm'),
    );
    expect(runCli('keys', 'revoke', 'no-such-key').status).toBe(1);

    const file = join(folder, 'by-revoked.jsonl');
    writeFileSync(file, line('RenameBody', { bodyId: 'cheshire-east-council', name: 'Cheshire East', effective: '2030-01-01', source }));
    const refused = runCliIn(join(folder, 'data'), { LEDGER_KEY: token }, 'import', file);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('import refused: the key is not valid');
    const local = new LocalDatabase(join(folder, 'data'));
    try {
      expect(new ApiKeys(local).authenticate(token)).toBeUndefined();
    } finally {
      local.close();
    }
  });

  it("holds an import to its key's bodies, line by line: the officer's own body is recorded, another's stops the import", () => {
    const officer = tokenOf(runCli('keys', 'create', '--name', 'Ola Officer', '--role', 'officer', '--body', 'nhs-eastern-cheshire-ccg'));
    const file = join(folder, 'officer.jsonl');
    writeFileSync(
      file,
      [
        line('AppointMember', {
          bodyId: 'nhs-eastern-cheshire-ccg',
          membershipId: 'ec-lay-member',
          member: { seat: 'Lay member' },
          role: 'member',
          voting: true,
          from: '2013-04-01',
          source,
        }),
        line('AppointMember', {
          bodyId: 'cheshire-east-council',
          membershipId: 'cec-leader',
          member: { seat: 'Leader' },
          role: 'member',
          voting: true,
          from: '2013-04-01',
          source,
        }),
      ].join('\n'),
    );
    const imported = runCliIn(join(folder, 'data'), {}, 'import', file, '--key', officer);
    expect(imported.status).toBe(1);
    expect(imported.stdout).toContain(`${file}:2: rule body-not-served (403)`);
    // Line 1 recorded, naming the key and its person; line 2 not.
    const byOfficer = runCli('changes')
      .stdout.split('\n')
      .filter((change) => change.includes(`by ${officer.split('_')[1]} (Ola Officer)`));
    expect(byOfficer).toHaveLength(1);
    expect(byOfficer[0]).toContain('Lay member appointed member of nhs-eastern-cheshire-ccg');
    expect(runCliIn(join(folder, 'data'), { LEDGER_KEY: '' }, 'import', file).stderr).toContain('import records as a named key');
  });

  it('marks an approximate or illustrative fact beside the value it gives, names its source, and explains the marks once', () => {
    const marked = join(folder, 'marked.jsonl');
    writeFileSync(
      marked,
      line('AssignStatutoryFunctions', {
        bodyId: 'cheshire-east-council',
        functions: ['public-health'],
        areas: ['eastern-cheshire', 'south-cheshire'],
        from: '2013-04-01',
        act: 'Health and Social Care Act 2012',
        source: { title: 'An illustrative source', reference: 'the day is not given', illustrative: true },
        dateCertainty: 'approximate',
      }),
    );
    expect(runCli('import', marked).status).toBe(0);
    const text = runCli('authority', '--function', 'public-health', '--area', 'cheshire-east', '--at', '2014-01-01').stdout;
    expect(text).toContain(
      'statutory: Cheshire East Council (cheshire-east-council), statute "Health and Social Care Act 2012" [2013-04-01, open) ~†',
    );
    expect(text).toContain('source: An illustrative source: the day is not given');
    expect(text.split('~ date approximate').length).toBe(2);
    // A documented fact carries no mark and no legend.
    const plain = runCli('authority', '--function', 'community-health-services', '--area', 'eastern-cheshire', '--at', '2015-01-01').stdout;
    expect(plain).not.toMatch(/[~†]/);
    expect(plain).toContain('source: Cheshire East HWBB report 25 Jul 2017');
  });
});
