/**
 * `npm run bench:bases`: `GET /authority` against a real server process on a generated ledger
 * (BENCH_EVENTS, default 27 000), with 16 concurrent clients (BENCH_CLIENTS), first at the head, then
 * each request at a random `asKnownAt` position; meanwhile a probe asks `/health` every 50 ms. Printed:
 * requests/s, p50/p99, the probe's worst wait and the server's peak RSS, and random-basis throughput as a
 * ratio of head throughput measured in the same run. Last line: one JSON object.
 */
import { AREAS, FUNCTIONS } from '@ledger/governance';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLedger } from './generated-ledger';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 27_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3917);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function rssMb(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function serve(dataDir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/ledger/src/main.ts'],
    {
      env: { ...process.env, LEDGER_DATA_DIR: dataDir, LEDGER_SEED: 'off', PORT: String(PORT) },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  for (let attempt = 0; attempt < 600; attempt++) {
    await sleep(200);
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/health`)).ok) return child;
    } catch {
      // not listening yet
    }
  }
  child.kill('SIGKILL');
  throw new Error('the server did not start');
}

interface Run {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  healthWorstMs: number;
  peakRssMb: number;
}

async function load(child: ChildProcess, url: (random: () => number) => string): Promise<Run> {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const latencies: number[] = [];
  const end = Date.now() + SECONDS * 1000;
  let healthWorstMs = 0;
  let peakRssMb = rssMb(child);
  const probe = (async () => {
    while (Date.now() < end) {
      const start = process.hrtime.bigint();
      await (await fetch(`http://127.0.0.1:${PORT}/health`)).arrayBuffer();
      healthWorstMs = Math.max(healthWorstMs, Number(process.hrtime.bigint() - start) / 1e6);
      peakRssMb = Math.max(peakRssMb, rssMb(child));
      await sleep(50);
    }
  })();
  const clients = Array.from({ length: CLIENTS }, async () => {
    while (Date.now() < end) {
      const start = process.hrtime.bigint();
      const response = await fetch(`http://127.0.0.1:${PORT}${url(random)}`);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  });
  await Promise.all([...clients, probe]);
  latencies.sort((a, b) => a - b);
  const round = (value: number) => Number(value.toFixed(2));
  return {
    rps: Math.round(latencies.length / SECONDS),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    healthWorstMs: round(healthWorstMs),
    peakRssMb,
  };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-bases-'));
  let child: ChildProcess | undefined;
  try {
    const generated = generateLedger(dataDir, EVENTS);
    console.log(`generated ${generated.events} events (${generated.authorityFacts} outside meetings)`);
    child = await serve(dataDir);
    const question = (random: () => number) => {
      const fn = FUNCTIONS[Math.floor(random() * FUNCTIONS.length)];
      const area = AREAS[Math.floor(random() * AREAS.length)];
      const at = new Date(Date.UTC(2013, 3, 1 + Math.floor(random() * 1900))).toISOString().slice(0, 10);
      return `/authority?function=${fn}&area=${area}&at=${at}`;
    };
    const head = await load(child, question);
    console.log(`GET /authority at the head: ${JSON.stringify(head)}`);
    const random = await load(child, (next) => `${question(next)}&asKnownAt=${1 + Math.floor(next() * generated.events)}`);
    console.log(`GET /authority at random bases: ${JSON.stringify(random)}`);
    const figures = {
      events: generated.events,
      clients: CLIENTS,
      authorityHeadRps: head.rps,
      authorityHeadP99Ms: head.p99Ms,
      authorityRandomBasisRps: random.rps,
      authorityRandomBasisP50Ms: random.p50Ms,
      authorityRandomBasisP99Ms: random.p99Ms,
      healthWorstHeadMs: head.healthWorstMs,
      healthWorstRandomBasisMs: random.healthWorstMs,
      peakRssMb: Math.max(head.peakRssMb, random.peakRssMb),
      randomBasisToHeadRatio: Number((random.rps / Math.max(head.rps, 1)).toFixed(3)),
    };
    console.log(JSON.stringify(figures));
  } finally {
    child?.kill('SIGTERM');
    await sleep(500);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
