/**
 * `npm run bench:bases`: `GET /authority` against a real server process on a generated ledger
 * (BENCH_EVENTS, default 27 000), with 16 concurrent clients (BENCH_CLIENTS), first at the head, then
 * each request at a random `asKnownAt` position; meanwhile a probe asks `/health` every 50 ms. Printed:
 * requests/s, p50/p99, the probe's worst wait and the server's peak RSS, and random-basis throughput as a
 * ratio of head throughput measured in the same run. Then, the same way, one body (`GET /bodies/:id`)
 * and one decision (`GET /decisions/:meetingId/:itemId/:bodyId`) at random bases; last, one body at the head
 * alone and while a writer appoints members to it twice a second (`bodyWhileWritingRatio`). BENCH_SERVER_DIR
 * runs the server from another checkout (to measure a before and an after on the same machine, in turn).
 * The server is preloaded with event-loop-delay.ts: `loopBlocked…Ms` is the longest its event loop was
 * held up (the synchronous work of one request, or a GC pause), which the machine's load does not add to.
 * Last line: one JSON object.
 */
import { AREAS, FUNCTIONS } from '@ledger/governance';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeys } from '../src/access/api-keys';
import { LocalDatabase } from '../src/local-database/local-database';
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

const loopFile = (dataDir: string) => join(dataDir, 'event-loop-delay.txt');

/** The longest the server's event loop was held up since `from` lines of its probe's file. */
function loopDelay(dataDir: string, from: number): { lines: number; worstMs: number } {
  const lines = existsSync(loopFile(dataDir)) ? readFileSync(loopFile(dataDir), 'utf8').trim().split('\n').filter(Boolean) : [];
  return { lines: lines.length, worstMs: Math.max(0, ...lines.slice(from).map(Number)) };
}

async function serve(dataDir: string): Promise<ChildProcess> {
  const probe = join(__dirname, 'event-loop-delay.ts');
  const args = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', '-r', probe, 'apps/ledger/src/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: process.env.BENCH_SERVER_DIR ?? process.cwd(),
    env: { ...process.env, LEDGER_DATA_DIR: dataDir, LEDGER_SEED: 'off', PORT: String(PORT), BENCH_LOOP_FILE: loopFile(dataDir) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
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

/** Stops the server and waits (at most 10 s, then SIGKILL) for it to exit: its data folder is removed only then. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

interface Run {
  /** The longest the server's event loop was held up during the run. */
  loopBlockedWorstMs?: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  healthWorstMs: number;
  peakRssMb: number;
}

/** A 404 is an answer too where a random basis comes before the thing asked about was recorded. */
async function load(
  child: ChildProcess & { dataDir?: string },
  url: (random: () => number) => string,
  answers = [200],
  seconds = SECONDS,
): Promise<Run> {
  const loopFrom = child.dataDir ? loopDelay(child.dataDir, 0).lines : 0;
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const latencies: number[] = [];
  const end = Date.now() + seconds * 1000;
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
      const asked = url(random);
      const response = await fetch(`http://127.0.0.1:${PORT}${asked}`);
      await response.arrayBuffer();
      if (!answers.includes(response.status)) throw new Error(`GET ${asked} answered ${response.status}`);
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  });
  await Promise.all([...clients, probe]);
  latencies.sort((a, b) => a - b);
  const round = (value: number) => Number(value.toFixed(2));
  return {
    ...(child.dataDir ? { loopBlockedWorstMs: loopDelay(child.dataDir, loopFrom).worstMs } : {}),
    rps: Math.round(latencies.length / seconds),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    healthWorstMs: round(healthWorstMs),
    peakRssMb,
  };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-bases-'));
  let child: (ChildProcess & { dataDir?: string }) | undefined;
  try {
    const generated = generateLedger(dataDir, EVENTS);
    console.log(`generated ${generated.events} events (${generated.authorityFacts} outside meetings)`);
    const local = new LocalDatabase(dataDir);
    const token = `Bearer ${new ApiKeys(local).create('admin', [], { label: 'bases bench' }).token}`;
    local.close();
    child = Object.assign(await serve(dataDir), { dataDir });
    const question = (random: () => number) => {
      const fn = FUNCTIONS[Math.floor(random() * FUNCTIONS.length)];
      const area = AREAS[Math.floor(random() * AREAS.length)];
      const at = new Date(Date.UTC(2013, 3, 1 + Math.floor(random() * 1900))).toISOString().slice(0, 10);
      return `/authority?function=${fn}&area=${area}&at=${at}`;
    };
    // Warm-up (not counted): the server's first requests compile its code paths.
    await load(child, question, [200], 3);
    const head = await load(child, question);
    console.log(`GET /authority at the head: ${JSON.stringify(head)}`);
    const random = await load(child, (next) => `${question(next)}&asKnownAt=${1 + Math.floor(next() * generated.events)}`);
    console.log(`GET /authority at random bases: ${JSON.stringify(random)}`);
    // A committee's record, and one of its meetings' decisions, each at a random basis.
    const meetings = Math.floor((generated.events - generated.authorityFacts) / 22);
    const meeting = (next: () => number) => {
      const n = Math.floor(next() * meetings);
      return { n, committee: `committee-${AREAS[n % AREAS.length]}-${Math.floor(n / AREAS.length) % 60}` };
    };
    const basis = (next: () => number) => `asKnownAt=${1 + Math.floor(next() * generated.events)}`;
    const body = await load(child, (next) => `/bodies/${meeting(next).committee}?${basis(next)}`, [200, 404]);
    console.log(`GET /bodies/:id at random bases: ${JSON.stringify(body)}`);
    const decision = await load(
      child,
      (next) => {
        const { n, committee } = meeting(next);
        return `/decisions/m${n}/i1/${committee}?${basis(next)}`;
      },
      [200, 404],
    );
    console.log(`GET /decisions/:meetingId/:itemId/:bodyId at random bases: ${JSON.stringify(decision)}`);
    // One body at the head, read alone and then while a writer appoints members to it twice a second.
    const busyBody = meeting(() => 0).committee;
    const bodyQuiet = await load(child, () => `/bodies/${busyBody}`);
    console.log(`GET /bodies/:id at the head, no writes: ${JSON.stringify(bodyQuiet)}`);
    let writing = true;
    let appointed = 0;
    const writer = (async () => {
      while (writing) {
        const response = await fetch(`http://127.0.0.1:${PORT}/bodies/${busyBody}/memberships`, {
          method: 'POST',
          headers: { authorization: token, 'content-type': 'application/json' },
          body: JSON.stringify({
            membershipId: `bench-${appointed++}`,
            member: { seat: `bench-${appointed}` },
            role: 'member',
            voting: false,
            from: '2020-01-01',
            source: { title: 'bench' },
          }),
        });
        if (response.status !== 201) throw new Error(`appointing answered ${response.status}: ${await response.text()}`);
        await sleep(500);
      }
    })();
    const bodyWritten = await load(child, () => `/bodies/${busyBody}`);
    writing = false;
    await writer;
    console.log(`GET /bodies/:id at the head, 2 writes/s to that body: ${JSON.stringify(bodyWritten)}`);
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
      bodyRandomBasisRps: body.rps,
      bodyRandomBasisP99Ms: body.p99Ms,
      decisionRandomBasisRps: decision.rps,
      decisionRandomBasisP99Ms: decision.p99Ms,
      bodyHeadRps: bodyQuiet.rps,
      bodyHeadWhileWritingRps: bodyWritten.rps,
      bodyHeadWhileWritingP99Ms: bodyWritten.p99Ms,
      bodyWhileWritingRatio: Number((bodyWritten.rps / Math.max(bodyQuiet.rps, 1)).toFixed(3)),
      healthWorstMs: Math.max(head.healthWorstMs, random.healthWorstMs, body.healthWorstMs, decision.healthWorstMs),
      loopBlockedWorstMs: Math.max(...[head, random, body, decision].map((run) => run.loopBlockedWorstMs ?? 0)),
      loopBlockedRandomBasisMs: random.loopBlockedWorstMs ?? 0,
      peakRssMb: Math.max(head.peakRssMb, random.peakRssMb, body.peakRssMb, decision.peakRssMb),
      randomBasisToHeadRatio: Number((random.rps / Math.max(head.rps, 1)).toFixed(3)),
    };
    console.log(JSON.stringify(figures));
  } finally {
    if (child) await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
