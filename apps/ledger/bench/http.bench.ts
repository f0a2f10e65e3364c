/**
 * `npm run bench:http`: the real server process (ts-node, as `npm run ledger` runs) on a temporary data
 * folder and a free port, measured from this process over keep-alive HTTP/1.1 connections.
 *
 * - Commands: `POST /bodies` (one new body per command: independent streams) and `POST
 *   /bodies/:id/memberships` on one body (one busy stream), at 1, 4, 16 and 64 concurrent clients, each
 *   durable (the server acknowledges after the fsync). Commands/s counts 201s; anything else is reported.
 * - `GET /authority` on a generated ledger of BENCH_HTTP_EVENTS events (default 27 000): at the head and
 *   at a random `asKnownAt` position per request, at 16 clients.
 * - Baseline: `GET /health` on the same server, same clients, same run. Ratios are route / baseline.
 *
 * BENCH_HTTP_SECONDS (default 3) is the length of each measurement. The last line is one JSON object.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AREAS } from '@ledger/governance';
import { ApiKeys } from '../src/access/api-keys';
import { LocalDatabase } from '../src/local-database/local-database';
import { generateLedger } from './generated-ledger';

const EVENTS = Number(process.env.BENCH_HTTP_EVENTS ?? 27_000);
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 3);
const CONCURRENCY = [1, 4, 16, 64];
const ROOT = join(__dirname, '..', '..', '..');
const source = { title: 'generated for the HTTP benchmark', illustrative: true };

interface Measured {
  ok: number;
  other: Record<string, number>;
  perSec: number;
  p50Ms: number;
  p99Ms: number;
}

interface Answer {
  status: number;
  body: string;
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'ledger-http-bench-'));
  const dataDir = join(folder, 'data');
  const generated = generateLedger(dataDir, EVENTS);
  const local = new LocalDatabase(dataDir);
  const token = `Bearer ${new ApiKeys(local).create('admin', [], 'http bench').token}`;
  local.close();
  const port = await freePort();
  const server = await startServer(dataDir, port);
  const agent = new Agent({ keepAlive: true, maxSockets: 128 });
  const call = (method: string, path: string, body?: unknown) => send(agent, port, method, path, token, body);
  try {
    const head = JSON.parse((await call('GET', '/ledger/head')).body) as { position: number; eventCount: number };
    console.log(`ledger of ${head.eventCount} events (${generated.authorityFacts} outside meetings), server on port ${port}`);
    const figures: Record<string, number> = { events: head.eventCount, seconds: SECONDS };

    // Warm up both paths (JIT, first projection reads) before anything is measured.
    await measure(4, 1, () => call('GET', '/health'));
    const health = await measure(16, SECONDS, () => call('GET', '/health'));
    console.log(line('GET /health (baseline)', 16, health));
    figures.healthRps = Math.round(health.perSec);

    let bodies = 0;
    const establish = () =>
      call('POST', '/bodies', {
        bodyId: `bench-body-${bodies++}`,
        kind: 'ccg',
        name: `Bench CCG ${bodies}`,
        areas: [AREAS[bodies % AREAS.length]],
        effective: '2013-04-01',
        source,
      });
    await measure(4, 1, establish);
    for (const clients of CONCURRENCY) {
      const result = await measure(clients, SECONDS, establish);
      console.log(line('POST /bodies (independent streams)', clients, result));
      figures[`commandsPerSec${clients}`] = Math.round(result.perSec);
      figures[`commandsP50Ms${clients}`] = result.p50Ms;
      figures[`commandsP99Ms${clients}`] = result.p99Ms;
    }

    for (const clients of CONCURRENCY) {
      // A fresh busy body per level, so each level starts from the same stream length.
      const bodyId = `bench-busy-${clients}`;
      await call('POST', '/bodies', { bodyId, kind: 'ccg', name: `Busy ${clients}`, areas: [AREAS[0]], effective: '2013-04-01', source });
      let members = 0;
      const appoint = () =>
        call('POST', `/bodies/${bodyId}/memberships`, {
          membershipId: `m-${members++}`,
          member: { seat: `Seat ${members}` },
          role: 'member',
          voting: true,
          from: '2013-04-01',
          source,
        });
      const result = await measure(clients, SECONDS, appoint);
      console.log(line(`POST /bodies/${bodyId}/memberships (one busy stream)`, clients, result));
      figures[`busyStreamCommandsPerSec${clients}`] = Math.round(result.perSec);
      figures[`busyStreamP50Ms${clients}`] = result.p50Ms;
      figures[`busyStreamP99Ms${clients}`] = result.p99Ms;
    }

    const now = JSON.parse((await call('GET', '/ledger/head')).body) as { position: number };
    const authority = (asKnownAt?: number) => {
      const area = AREAS[Math.floor(Math.random() * AREAS.length)];
      const basis = asKnownAt === undefined ? '' : `&asKnownAt=${asKnownAt}`;
      return call('GET', `/authority?function=community-health-services&area=${area}&at=2016-06-01${basis}`);
    };
    await measure(4, 1, () => authority());
    const atHead = await measure(16, SECONDS, () => authority());
    console.log(line('GET /authority at the head', 16, atHead));
    const randomBasis = await measure(16, SECONDS, () => authority(1 + Math.floor(Math.random() * now.position)));
    console.log(line('GET /authority at a random asKnownAt', 16, randomBasis));

    Object.assign(figures, {
      commandsPerSec16Ratio: ratio(figures.commandsPerSec16, health.perSec),
      busyStreamCommandsPerSec16Ratio: ratio(figures.busyStreamCommandsPerSec16, health.perSec),
      authorityHeadRps: Math.round(atHead.perSec),
      authorityHeadP99Ms: atHead.p99Ms,
      authorityHeadRatio: ratio(atHead.perSec, health.perSec),
      authorityRandomBasisRps: Math.round(randomBasis.perSec),
      authorityRandomBasisP99Ms: randomBasis.p99Ms,
      authorityRandomBasisRatio: ratio(randomBasis.perSec, health.perSec),
      authorityRandomToHeadRatio: ratio(randomBasis.perSec, atHead.perSec),
    });
    console.log(JSON.stringify(figures));
  } finally {
    agent.destroy();
    await stopServer(server);
    rmSync(folder, { recursive: true, force: true });
  }
}

/** `clients` loops calling `work` for `seconds`; 2xx answers count, others are tallied by status. */
async function measure(clients: number, seconds: number, work: () => Promise<Answer>): Promise<Measured> {
  const latencies: number[] = [];
  const other: Record<string, number> = {};
  const until = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const began = performance.now();
        const answer = await work();
        if (answer.status >= 200 && answer.status < 300) latencies.push(performance.now() - began);
        else other[answer.status] = (other[answer.status] ?? 0) + 1;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => round2(latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? NaN);
  return { ok: latencies.length, other, perSec: latencies.length / elapsed, p50Ms: at(50), p99Ms: at(99) };
}

function line(label: string, clients: number, m: Measured): string {
  const refused = Object.keys(m.other).length ? ` (not 2xx: ${JSON.stringify(m.other)})` : '';
  return `${label}, ${clients} clients: ${Math.round(m.perSec)}/s, p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms${refused}`;
}

function send(agent: Agent, port: number, method: string, path: string, token: string, body?: unknown): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          ...(token ? { authorization: token } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/ledger/src/main.ts'],
    {
      cwd: ROOT,
      env: { ...process.env, LEDGER_DATA_DIR: dataDir, LEDGER_STORE: 'sqlite', LEDGER_SEED: 'off', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    const up = await send(new Agent(), port, 'GET', '/health', '').then(
      (answer) => answer.status < 500,
      () => false,
    );
    if (up) return child;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not answer /health within 120 s:\n${output}`);
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

const ratio = (value: number, baseline: number) => round2(value / baseline);
const round2 = (value: number) => Math.round(value * 100) / 100;

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
