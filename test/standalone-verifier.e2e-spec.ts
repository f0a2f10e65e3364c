import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { leafHash } from '@ledger/transparency-log';
import { CheckpointSigner } from '../apps/ledger/src/transparency/checkpoint-signer';
import { CommandImport } from '../apps/ledger/src/import/command-import';
import { LedgerTestApp, startLedger } from './ledger-test-app';

const ROOT = join(__dirname, '..');
const VERIFIER_BUNDLE = join(ROOT, 'verifier/ledger-verify.mjs');
const DECISION = '/decisions/cheshire-governing-bodies-2019-09/merger-ballot-result/nhs-vale-royal-ccg-governing-body';

/**
 * verifier/ledger-verify.mjs as an auditor runs it: copied alone into an empty folder (no node_modules there or
 * above it), run with plain `node`, on files the ledger served. One line each; exit 0 when all holds, 1 when not.
 */
describe('the standalone verifier, from an empty folder', () => {
  let ledger: LedgerTestApp;
  let folder: string;
  const get = async (path: string) => (await ledger.http().get(path).expect(200)).body;
  const run = (...args: string[]) => {
    const result = spawnSync(process.execPath, ['ledger-verify.mjs', ...args], {
      cwd: folder,
      env: { PATH: process.env.PATH },
      encoding: 'utf8',
    });
    return { status: result.status, lines: result.stdout.trimEnd().split('\n'), stderr: result.stderr };
  };
  const write = (name: string, value: unknown) =>
    writeFileSync(join(folder, name), typeof value === 'string' ? value : JSON.stringify(value, null, 2));

  let signedMidway: number;
  beforeAll(async () => {
    ledger = await startLedger();
    const seed = readFileSync(join(ROOT, 'apps/ledger/seed/history.jsonl'), 'utf8').split('\n');
    await ledger.app.get(CommandImport).importText(seed.slice(0, 200).join('\n'));
    signedMidway = (await ledger.app.get(CheckpointSigner).signLatest()).treeSize;
    await ledger.app.get(CommandImport).importText(seed.slice(200).join('\n'));
    await ledger.settled();
    folder = mkdtempSync(join(tmpdir(), 'auditor-'));
    copyFileSync(VERIFIER_BUNDLE, join(folder, 'ledger-verify.mjs'));
    write('policy.txt', (await get('/ledger/policy')).policy);
  });
  afterAll(async () => {
    await ledger.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('is the committed build of its TypeScript source, and stands alone: no node_modules in reach', async () => {
    const build = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'libs/transparency-log/build/verifier-bundle.ts', '--check'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect([build.status, build.stdout.trim()]).toEqual([0, 'verifier/ledger-verify.mjs is the build of its source']);
    for (let above = folder; dirname(above) !== above; above = dirname(above)) expect(existsSync(join(above, 'node_modules'))).toBe(false);
    expect(readFileSync(VERIFIER_BUNDLE, 'utf8')).not.toMatch(/^\s*import .* from ['"](?!node:)/m);
  });

  it('passes a real evidence file, and fails one with an event changed, naming what', async () => {
    const evidence = await get(`${DECISION}/evidence`);
    write('evidence.json', evidence);
    expect(run('evidence', 'evidence.json', '--policy', 'policy.txt')).toEqual({
      status: 0,
      lines: [
        expect.stringMatching(
          new RegExp(
            `^evidence: ok: ${evidence.events.length} events included in the tree of \\d+ .*signed by commissioning-decision-ledger`,
          ),
        ),
      ],
      stderr: '',
    });
    expect(run('evidence', 'evidence.json').lines).toEqual([expect.stringMatching(/^evidence: ok: .*the policy inside the file/)]);

    // The decision's outcome changed, and its leaf hash recomputed to match: only the proof can tell.
    const index = evidence.events.findIndex((event: { canonical: string }) => event.canonical.includes('"type":"DecisionRecorded"'));
    const tampered = structuredClone(evidence);
    tampered.events[index].canonical = tampered.events[index].canonical.replace(/"outcome":"[a-z-]+"/, '"outcome":"defeated"');
    tampered.events[index].leafHash = leafHash(tampered.events[index].canonical).toString('base64');
    write('tampered.json', tampered);
    const { eventId, position } = evidence.events[index];
    expect(run('evidence', 'tampered.json', '--policy', 'policy.txt')).toEqual({
      status: 1,
      lines: [
        `evidence: FAILED: event ${eventId} at position ${position}: not included in the tree of ${evidence.checkpoint.split('\n')[1]} (its inclusion proof fails)`,
      ],
      stderr: '',
    });
    // The bytes changed without the leaf: said as such.
    const edited = structuredClone(evidence);
    edited.events[index].canonical = edited.events[index].canonical.replace('"type":"DecisionRecorded"', '"type":"DecisionRecordeD"');
    write('edited.json', edited);
    expect(run('evidence', 'edited.json', '--policy', 'policy.txt').lines[0]).toMatch(
      /^evidence: FAILED: event .*: its bytes do not hash to its leaf/,
    );
    // Another key: the checkpoint does not meet the policy.
    const stranger = (await get('/ledger/policy')).policy.replace(
      /^log \S+/m,
      'log PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    );
    write('stranger.txt', stranger);
    expect(run('evidence', 'evidence.json', '--policy', 'stranger.txt')).toMatchObject({
      status: 1,
      lines: [expect.stringMatching(/knows no log of origin/)],
    });
  });

  it('checks an inclusion proof, a consistency proof and a checkpoint as the ledger serves them', async () => {
    const { position } = await ledger.head();
    write('inclusion.json', await get(`/ledger/proofs/inclusion?position=${Math.floor(position / 2)}`));
    expect(run('inclusion', 'inclusion.json', '--policy', 'policy.txt')).toMatchObject({
      status: 0,
      lines: [expect.stringMatching(new RegExp(`^inclusion: ok: the event at position ${Math.floor(position / 2)} is leaf`))],
    });
    const inclusion = JSON.parse(readFileSync(join(folder, 'inclusion.json'), 'utf8'));
    write('inclusion-bad.json', { ...inclusion, canonical: inclusion.canonical.replace('"stream":"', '"stream":"x') });
    expect(run('inclusion', 'inclusion-bad.json', '--policy', 'policy.txt')).toMatchObject({
      status: 1,
      lines: [expect.stringMatching(/do not hash to its leaf/)],
    });

    write('saved.txt', (await get('/ledger/checkpoints/0')).checkpoint);
    write('consistency.json', await get(`/ledger/proofs/consistency?from=${signedMidway}`));
    expect(run('consistency', 'consistency.json', '--policy', 'policy.txt')).toMatchObject({
      status: 0,
      lines: [expect.stringMatching(new RegExp(`^consistency: ok: the tree of \\d+ extends the tree of ${signedMidway}`))],
    });
    // From a size never signed, the old root is only the server's word: refused without a checkpoint you saved.
    write('unsigned.json', await get('/ledger/proofs/consistency?from=10'));
    expect(run('consistency', 'unsigned.json', '--policy', 'policy.txt')).toMatchObject({
      status: 1,
      lines: [expect.stringMatching(/no checkpoint signed at the tree size 10/)],
    });
    const consistency = JSON.parse(readFileSync(join(folder, 'consistency.json'), 'utf8'));
    write('consistency-bad.json', { ...consistency, consistencyProof: [...consistency.consistencyProof].reverse() });
    expect(run('consistency', 'consistency-bad.json', '--policy', 'policy.txt')).toMatchObject({
      status: 1,
      lines: [expect.stringMatching(/history rewritten/)],
    });
    expect(run('consistency', 'consistency.json', '--policy', 'policy.txt', '--saved', 'saved.txt')).toMatchObject({
      status: 1,
      lines: [expect.stringMatching(/not the checkpoint you saved/)],
    });

    write('checkpoint.json', await get('/ledger/checkpoint'));
    expect(run('checkpoint', 'checkpoint.json', '--policy', 'policy.txt')).toMatchObject({
      status: 0,
      lines: [expect.stringMatching(/^checkpoint: ok: commissioning-decision-ledger at size \d+/)],
    });
    expect(run('nonsense', 'x')).toMatchObject({
      status: 1,
      lines: expect.arrayContaining([expect.stringMatching(/^usage: node ledger-verify\.mjs/)]),
    });
  });
});
