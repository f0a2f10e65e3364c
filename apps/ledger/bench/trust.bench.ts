/**
 * `npm run bench:trust`: the figures of the transparency log against an insider, each beside a baseline measured in
 * the same run, on this machine as it is (numbers, never assertions):
 * - the start-up check of a generated ledger of BENCH_EVENTS events (default 1 000 000): in process (the check the
 *   ledger runs, with the turns it gives the event loop), and a real server from spawn to a passed check on /health;
 *   baseline: reading every event row and nothing else;
 * - a witness round trip per checkpoint: add-checkpoint to a witness process, one growing checkpoint after another
 *   (BENCH_CHECKPOINTS, default 200); baseline: the same POST to a bare node:http server that answers at once;
 * - the verifier, events/s: `node ledger-verify.mjs evidence` on an evidence file of BENCH_EVIDENCE events (default
 *   20 000), less node's own start (measured alone); and the same file checked by the same module in Debian's
 *   chromium (playwright-core), when /usr/bin/chromium is there.
 * Last line: one JSON object.
 */
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SQLITE_FILE_NAME } from '@ledger/event-store';
import {
  auditLedgerFile,
  consistencyProof,
  InMemoryTree,
  leafHash,
  MerkleTreeTables,
  noteSigner,
  policyOfLogKey,
  signCheckpoint,
  SqliteCheckpointStore,
  treeRoot,
} from '@ledger/transparency-log';
import { syntheticEvidence } from '../../../libs/transparency-log/test/synthetic-evidence';
import { WitnessClient } from '../src/transparency/witnesses/witness-client';
import { generateLedger } from './generated-ledger';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const CHECKPOINTS = Number(process.env.BENCH_CHECKPOINTS ?? 200);
const EVIDENCE = Number(process.env.BENCH_EVIDENCE ?? 20_000);
const ROOT = join(__dirname, '../../..');
const ORIGIN = 'commissioning-decision-ledger';

const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (value: number, places = 2) => Math.round(value * 10 ** places) / 10 ** places;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startupCheck(folder: string) {
  const dataDir = join(folder, 'data');
  const keysDir = join(folder, 'keys');
  let started = process.hrtime.bigint();
  generateLedger(dataDir, EVENTS);
  const generatedSeconds = seconds(started);
  // The ledger's key in its keys folder, and one checkpoint of the whole tree signed with it.
  const privateKey = generateKeyPairSync('ed25519').privateKey;
  spawnSync('mkdir', ['-m', '700', keysDir]);
  writeFileSync(join(keysDir, 'ledger-signing-key.pem'), privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, { mode: 0o600 });
  const signer = await noteSigner(ORIGIN, privateKey);
  const file = join(dataDir, SQLITE_FILE_NAME);
  const db = new Database(file);
  const tables = new MerkleTreeTables(db, { positions: 'dense' });
  const size = tables.size();
  const rootHash = tables.root(size);
  await new SqliteCheckpointStore(db).save({
    treeSize: size,
    rootHash,
    note: signCheckpoint({ origin: ORIGIN, size, rootHash }, signer),
    signedAt: new Date().toISOString(),
  });
  db.close();

  // Baseline: every event row read, nothing else.
  started = process.hrtime.bigint();
  const read = new Database(file, { readonly: true });
  let count = 0;
  for (const row of read
    .prepare('SELECT position, id, stream, revision, type, data, metadata, recorded_at FROM events ORDER BY position')
    .raw(true)
    .iterate()) {
    if (row) count += 1;
  }
  read.close();
  const readSeconds = seconds(started);

  started = process.hrtime.bigint();
  const report = await auditLedgerFile(file, { policy: await policyOfLogKey(signer.verifierKey), yieldEvery: 20_000 });
  const checkSeconds = seconds(started);
  if (!report.ok) throw new Error(report.summary);

  // A real server: from spawn to /health saying the check passed.
  const port = 39_000 + Math.floor(Math.random() * 500);
  started = process.hrtime.bigint();
  const server = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/ledger/src/main.ts'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        LEDGER_DATA_DIR: dataDir,
        LEDGER_KEYS_DIR: keysDir,
        LEDGER_SEED: 'off',
        PORT: String(port),
        LEDGER_PROJECTIONS: 'manual',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  let listeningSeconds: number | undefined;
  let serverCheckSeconds: number | undefined;
  for (let attempt = 0; attempt < 3000 && serverCheckSeconds === undefined; attempt++) {
    await sleep(100);
    const health = await fetch(`http://127.0.0.1:${port}/health`).then(
      async (response) => (await response.json()) as { details?: { transparencyLog?: { check: string; checkSeconds?: number } } },
      () => undefined,
    );
    if (health && listeningSeconds === undefined) listeningSeconds = seconds(started);
    if (health?.details?.transparencyLog?.check === 'passed') serverCheckSeconds = health.details.transparencyLog.checkSeconds;
    if (health?.details?.transparencyLog?.check === 'failed') throw new Error(JSON.stringify(health.details.transparencyLog));
  }
  const spawnToPassedSeconds = seconds(started);
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  return {
    events: count,
    generatedSeconds: round(generatedSeconds),
    readRowsSeconds: round(readSeconds),
    checkSeconds: round(checkSeconds),
    checkEventsPerSec: Math.round(count / checkSeconds),
    checkToReadRatio: round(checkSeconds / readSeconds),
    serverListeningSeconds: round(listeningSeconds ?? 0),
    serverCheckSeconds: round(serverCheckSeconds ?? 0),
    serverSpawnToCheckedSeconds: round(spawnToPassedSeconds),
  };
}

async function witnessRoundTrip(folder: string) {
  const log = await noteSigner('bench.example/log', generateKeyPairSync('ed25519').privateKey);
  const port = 39_500 + Math.floor(Math.random() * 400);
  const witness = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/witness/src/main.ts'],
    {
      cwd: ROOT,
      env: { ...process.env, WITNESS_PORT: String(port), WITNESS_DATA_DIR: join(folder, 'witness'), WITNESS_LOGS: log.verifierKey.text },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 600; attempt++) {
    if (
      await fetch(`${url}/verifier-key`).then(
        (response) => response.ok,
        () => false,
      )
    )
      break;
    await sleep(100);
  }
  const client = new WitnessClient(10_000);
  const tree = new InMemoryTree();
  const times: number[] = [];
  let held = 0;
  let bodyBytes = 0;
  for (let i = 1; i <= CHECKPOINTS; i++) {
    // A checkpoint every 1000 events, as the ledger signs by default.
    while (tree.size < i * 1000) tree.append(leafHash(`event ${tree.size}`));
    const size = tree.size;
    const note = signCheckpoint({ origin: 'bench.example/log', size, rootHash: treeRoot(tree, size) }, log);
    const proof = held === 0 ? [] : consistencyProof(tree, held, size);
    bodyBytes = note.length + proof.length * 45 + 12;
    const started = process.hrtime.bigint();
    const answer = await client.addCheckpoint(url, held, proof, note);
    times.push(seconds(started) * 1000);
    if (answer.status !== 200) throw new Error(`the witness answered ${answer.status}`);
    held = size;
  }
  witness.kill('SIGTERM');
  // Baseline: the same POST to a server that answers at once.
  const bare: Server = await new Promise((resolve) => {
    const server = createServer((request, response) => request.resume().on('end', () => response.end('ok\n'))).listen(0, '127.0.0.1', () =>
      resolve(server),
    );
  });
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
  const bareTimes: number[] = [];
  for (let i = 0; i < CHECKPOINTS; i++) {
    const started = process.hrtime.bigint();
    await (await fetch(`${bareUrl}/add-checkpoint`, { method: 'POST', body: 'x'.repeat(bodyBytes) })).text();
    bareTimes.push(seconds(started) * 1000);
  }
  bare.close();
  const [sorted, bareSorted] = [times.sort((a, b) => a - b), bareTimes.sort((a, b) => a - b)];
  return {
    checkpoints: CHECKPOINTS,
    roundTripP50Ms: round(percentile(sorted, 50)),
    roundTripP99Ms: round(percentile(sorted, 99)),
    bareHttpP50Ms: round(percentile(bareSorted, 50)),
    roundTripToBareRatio: round(percentile(sorted, 50) / percentile(bareSorted, 50)),
  };
}

async function verifierThroughput(folder: string) {
  const { bundle, policy } = await syntheticEvidence(EVIDENCE);
  writeFileSync(join(folder, 'evidence.json'), JSON.stringify(bundle));
  writeFileSync(join(folder, 'policy.txt'), policy);
  writeFileSync(join(folder, 'ledger-verify.mjs'), readFileSync(join(ROOT, 'verifier/ledger-verify.mjs')));
  const time = (args: string[]) => {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { cwd: folder, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stdout + result.stderr);
    return seconds(started);
  };
  const nodeAlone = Math.min(...[0, 1, 2].map(() => time(['-e', ''])));
  const standalone = Math.min(...[0, 1].map(() => time(['ledger-verify.mjs', 'evidence', 'evidence.json', '--policy', 'policy.txt'])));
  const figures: Record<string, number | string> = {
    evidenceEvents: EVIDENCE,
    standaloneSeconds: round(standalone, 3),
    nodeStartSeconds: round(nodeAlone, 3),
    standaloneEventsPerSec: Math.round(EVIDENCE / Math.max(standalone - nodeAlone, 1e-6)),
  };
  const chromiumPath = '/usr/bin/chromium';
  if (!existsSync(chromiumPath)) return { ...figures, browser: 'skipped: /usr/bin/chromium is not installed' };
  // The same module in the browser, served from a bare page on this machine.
  const server: Server = await new Promise((resolve) => {
    const s = createServer((request, response) => {
      if (request.url === '/ledger-verify.mjs')
        response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(folder, 'ledger-verify.mjs')));
      else if (request.url === '/evidence.json')
        response.writeHead(200, { 'content-type': 'application/json' }).end(readFileSync(join(folder, 'evidence.json')));
      else response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bench</title>');
    }).listen(0, '127.0.0.1', () => resolve(s));
  });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const browserSeconds = (await page.evaluate(`(async () => {
      const { parsePolicy, verifyEvidence } = await import('/ledger-verify.mjs');
      const bundle = await (await fetch('/evidence.json')).json();
      const policy = await parsePolicy(${JSON.stringify(policy)});
      const started = performance.now();
      const check = await verifyEvidence(bundle, policy);
      if (!check.ok) throw new Error(check.summary);
      return (performance.now() - started) / 1000;
    })()`)) as number;
    return { ...figures, browserSeconds: round(browserSeconds, 3), browserEventsPerSec: Math.round(EVIDENCE / browserSeconds) };
  } finally {
    await browser.close();
    server.close();
  }
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-trust-'));
  try {
    const figures = {
      machine: 'shared: the numbers move with whatever else runs',
      startupCheck: await startupCheck(folder),
      witness: await witnessRoundTrip(folder),
      verifier: await verifierThroughput(folder),
    };
    console.log(JSON.stringify(figures));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

void main();
