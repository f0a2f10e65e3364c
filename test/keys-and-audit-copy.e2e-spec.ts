import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEEDED } from './seeded-ledger';
import { compiledLedger, freePort, runLedgerCli, startLedgerProcess, stopLedgerProcess } from './ledger-process';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every file under `folder`. */
const filesUnder = (folder: string): string[] =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)],
  );

/** The files under `folder` that hold a PEM private key or one of `secrets` (the master key's text). */
const secretsUnder = (folder: string, secrets: string[] = []) =>
  filesUnder(folder).filter((file) => {
    const bytes = readFileSync(file);
    return bytes.includes('PRIVATE KEY') || secrets.some((secret) => bytes.includes(secret));
  });

/**
 * Secrets never sit in the data folder: `npm start` on a fresh folder puts its keys beside it, the ledger refuses to
 * start with a private key inside, `keys move` moves an older layout out, and `audit-copy` writes what an auditor
 * needs and nothing secret, which verifies (and reads offline) on its own.
 */
describe('keys outside the data folder, and the audit copy', () => {
  const root = mkdtempSync(join(tmpdir(), 'ledger-keys-'));
  const dataDir = join(root, 'data');
  const keysDir = join(root, 'keys');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('npm start on a fresh data folder leaves no private key in it: the keys are beside it, 0700 and 0600', async () => {
    const [port, publicPort] = [await freePort(), await freePort()];
    const out = compiledLedger();
    const child = spawn(process.execPath, ['-r', 'tsconfig-paths/register', join(out, 'apps/public/src/start-all.js')], {
      cwd: join(__dirname, '..'),
      env: {
        ...process.env,
        TS_NODE_BASEURL: out,
        LEDGER_STORE: 'sqlite',
        LEDGER_DATA_DIR: dataDir,
        PORT: String(port),
        PUBLIC_PORT: String(publicPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      // Up, seeded, the public site serving: the whole of `npm start`.
      const deadline = Date.now() + 120_000;
      for (;;) {
        if (Date.now() > deadline) throw new Error(`npm start did not come up within 120 s:\n${output}`);
        const [health, site] = await Promise.all(
          [`http://127.0.0.1:${port}/health`, `http://127.0.0.1:${publicPort}/`].map((url) =>
            fetch(url).then(
              (response) => response.status,
              () => 0,
            ),
          ),
        );
        if (health === 200 && site === 200 && output.includes(`seeded ${SEEDED.length} commands`)) break;
        await sleep(100);
      }
      const home = await (await fetch(`http://127.0.0.1:${publicPort}/`)).text();
      expect(home).toMatch(/Not witnessed\./);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    const masterKey = readFileSync(join(keysDir, 'ledger-master.key'), 'utf8').trim();
    expect(secretsUnder(dataDir, [masterKey])).toEqual([]);
    expect(existsSync(join(dataDir, 'ledger-public-key.pem'))).toBe(true);
    expect(statSync(keysDir).mode & 0o777).toBe(0o700);
    for (const file of ['ledger-signing-key.pem', 'ledger-master.key']) expect(statSync(join(keysDir, file)).mode & 0o777).toBe(0o600);
  }, 150_000);

  it('refuses to start, in one line, with a private key inside the data folder, and starts once `keys move` has moved it', async () => {
    const old = join(root, 'old-layout');
    mkdirSync(old);
    const key = readFileSync(join(keysDir, 'ledger-signing-key.pem'), 'utf8');
    writeFileSync(join(old, 'ledger-signing-key.pem'), key, { mode: 0o600 });
    const refused = await startLedgerProcess(old, {}, false);
    const code = await new Promise((resolve) => refused.child.once('exit', resolve));
    expect(code).toBe(1);
    expect(refused.output().trim().split('\n')).toEqual([
      expect.stringMatching(
        /^ledger: refusing to start: a private key is inside the data folder .*old-layout .*ledger-signing-key\.pem.*keys move/,
      ),
    ]);

    const moved = await runLedgerCli(['keys', 'move'], { LEDGER_DATA_DIR: old });
    expect(moved).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^moved .*old-layout\/ledger-signing-key\.pem to .*old-layout-keys\/ledger-signing-key\.pem/),
    });
    expect(readFileSync(join(`${old}-keys`, 'ledger-signing-key.pem'), 'utf8')).toBe(key);
    expect(existsSync(join(old, 'ledger-signing-key.pem'))).toBe(false);
    const started = await startLedgerProcess(old);
    const publicKey = (await (await fetch(`${started.url}/ledger/public-key`)).json()) as { publicKeyPem: string };
    expect(publicKey.publicKeyPem).toBe(readFileSync(join(dataDir, 'ledger-public-key.pem'), 'utf8'));
    await stopLedgerProcess(started, 'SIGTERM');
  });

  it('writes an audit copy with nothing secret in it, which verifies on its own and reads offline', async () => {
    const copy = join(root, 'audit-copy');
    const made = await runLedgerCli(['audit-copy', copy], { LEDGER_DATA_DIR: dataDir });
    expect(made).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(
        new RegExp(`^audit copy of commissioning-decision-ledger \\(${SEEDED.length} events signed\\) written to `),
      ),
    });
    expect(readdirSync(copy).sort()).toEqual([
      'README.txt',
      'checkpoint.txt',
      'ledger-public-key.pem',
      'ledger-verify.mjs',
      'ledger.sqlite',
      'policy.txt',
    ]);
    const masterKey = readFileSync(join(keysDir, 'ledger-master.key'), 'utf8').trim();
    expect(secretsUnder(copy, [masterKey])).toEqual([]);

    const verified = await runLedgerCli(['verify', '--data-dir', copy, '--policy', join(copy, 'policy.txt')], {});
    expect(verified).toMatchObject({ status: 0, stdout: expect.stringMatching(new RegExp(`^verify: ok: ${SEEDED.length} events`)) });
    const standalone = spawnSync(process.execPath, ['ledger-verify.mjs', 'checkpoint', 'checkpoint.txt', '--policy', 'policy.txt'], {
      cwd: copy,
      encoding: 'utf8',
    });
    expect([standalone.status, standalone.stdout]).toEqual([
      0,
      expect.stringMatching(new RegExp(`^checkpoint: ok: commissioning-decision-ledger at size ${SEEDED.length}`)),
    ]);

    // What changed between two dates of knowledge, offline on the copy.
    const last = SEEDED.length;
    const changes = await runLedgerCli(['changes', '--from', String(last - 7), '--to', String(last), '--csv'], { LEDGER_DATA_DIR: copy });
    const lines = changes.stdout.trim().split('\r\n');
    expect(changes.status).toBe(0);
    expect(lines[0]).toBe(
      'position,recorded_at,kind,type,stream,about,valid_time,key,person,role,reason,corrects_position,changed_fields,event_id',
    );
    expect(lines.slice(1).map((line) => Number(line.split(',')[0]))).toEqual(Array.from({ length: 8 }, (_, i) => last - 7 + i));
  });

  it('samples decisions reproducibly (the same seed, the same sample), each with evidence the standalone verifier accepts', async () => {
    const sample = async (seed: string, dir: string) =>
      runLedgerCli(['sample', '--seed', seed, '--size', '4', '--from', '2013-01-01', '--to', '2023-12-31', join(root, dir)], {
        LEDGER_DATA_DIR: dataDir,
      });
    const [first, again, other] = [
      await sample('isa-530', 'sample-1'),
      await sample('isa-530', 'sample-2'),
      await sample('another seed', 'sample-3'),
    ];
    for (const run of [first, again, other])
      expect(run).toMatchObject({
        status: 0,
        stdout: expect.stringMatching(/^sampled 4 of \d+ meeting decisions dated 2013-01-01 to 2023-12-31/),
      });
    const index = (dir: string) => readFileSync(join(root, dir, 'sample.csv'), 'utf8');
    expect(index('sample-2')).toBe(index('sample-1'));
    expect(index('sample-3')).not.toBe(index('sample-1'));
    const evidenceFiles = readdirSync(join(root, 'sample-1')).filter((file) => file.endsWith('.json'));
    expect(evidenceFiles).toHaveLength(4);
    for (const file of evidenceFiles) {
      const check = spawnSync(
        process.execPath,
        [join(root, 'audit-copy', 'ledger-verify.mjs'), 'evidence', file, '--policy', 'policy.txt'],
        { cwd: join(root, 'sample-1'), encoding: 'utf8' },
      );
      expect([file, check.status, check.stdout]).toEqual([file, 0, expect.stringMatching(/^evidence: ok: /)]);
    }
  });
});
