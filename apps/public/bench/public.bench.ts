/**
 * npm run bench:public — the public site's pages per second and latency (p50, p99) at 16 concurrent
 * clients, for the body, timeline and decision pages, search results (a word of a title, or a town) and
 * pages of the decisions list (filtered by area, or not), on the seeded real history and on a generated
 * ledger (BENCH_EVENTS, default 1 000 000 events), with the time the ledger took to build the public
 * projection (split into the ledger's start with its read models, the seed included where seeded, and the
 * public projection). The baseline, measured in the same run the same way, is a bare node:http server answering
 * "ok": the ratio says what the pages cost beyond HTTP itself. On the generated ledger, once built: the
 * time from recording one delegation to the public projection holding it, beside one appointment (a fact
 * that reaches one body's row) and the full build, and one revocation that reaches some verdicts, with
 * the rows each rewrote and the decisions judged to find them. Numbers, never assertions.
 * BENCH_PAGES=off skips the page loads, BENCH_PAGES=search loads search results only, and BENCH_SEEDED=off
 * skips the seeded history (the build figures stay).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import Database from 'better-sqlite3';
import { ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLedger } from '../../ledger/bench/generated-ledger';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { LedgerModule } from '../../ledger/src/ledger.module';
import { PublicProjection } from '../../ledger/src/public-projection/public-projection';
import { AREAS, GAZETTEER, PUBLIC_DATABASE_FILE } from '@ledger/public-contract';
import { ProjectionRunner } from '../../ledger/src/read-models/projection-runner';
import { HistorySeed } from '../../ledger/src/seed/history-seed';
import { CommandImport } from '../../ledger/src/import/command-import';
import { INestApplicationContext } from '@nestjs/common';

const CONCURRENCY = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const SAMPLE = 2000;
/** BENCH_PAGES=off: no page loads; =search: search results only (say, at 1 M events); otherwise every page type. */
const PAGES = process.env.BENCH_PAGES !== 'off';
const ONLY_SEARCH = process.env.BENCH_PAGES === 'search';
const SEEDED = process.env.BENCH_SEEDED !== 'off';

interface Result {
  pagesPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
}

/** Builds the ledger and its public projection in `dataDir`, runs `then` on it, then stops the ledger; returns the build time. */
async function buildLedger(
  dataDir: string,
  seed: boolean,
  then?: (ledger: INestApplicationContext, build: { seconds: number }) => Promise<void>,
): Promise<Build> {
  Object.assign(process.env, { LEDGER_DATA_DIR: dataDir, LEDGER_STORE: 'sqlite', LEDGER_SEED: seed ? 'on' : 'off' });
  const started = process.hrtime.bigint();
  const since = () => Number(process.hrtime.bigint() - started) / 1e9;
  const ledger = await NestFactory.createApplicationContext(LedgerModule, { logger: ['error'] });
  await ledger.init();
  if (seed) await ledger.get(HistorySeed).seedIfEmpty();
  const head = await ledger.get<EventStore>(EVENT_STORE).head();
  await ledger.get(ProjectionRunner).caughtUpTo(head.position);
  // The read models catch up as the ledger starts (ProjectionRunner.onApplicationBootstrap): one figure.
  const readModels = since();
  await ledger.get(PublicProjection).caughtUpTo(head.position);
  const seconds = since();
  await then?.(ledger, { seconds });
  await ledger.close();
  return { seconds, events: head.eventCount, readModels, publicProjection: seconds - readModels };
}

/** The build's time, and of it: the ledger's start with its read models, then the public projection. */
interface Build {
  seconds: number;
  events: number;
  readModels: number;
  publicProjection: number;
}

const phases = (build: Build) =>
  `(ledger start and read models ${build.readModels.toFixed(1)} s, public projection ${build.publicProjection.toFixed(1)} s)`;

/** Records one command line and waits until the public projection holds it: seconds, and what was rewritten. */
async function timeOneFact(ledger: INestApplicationContext, command: string, data: object): Promise<{ seconds: number; written: string }> {
  const source = { title: 'recorded by the benchmark', illustrative: true };
  const started = process.hrtime.bigint();
  await ledger.get(CommandImport).importText(JSON.stringify({ command, data: { ...data, source } }));
  const recorded = Number(process.hrtime.bigint() - started) / 1e9;
  const head = await ledger.get<EventStore>(EVENT_STORE).head();
  await ledger.get(ProjectionRunner).caughtUpTo(head.position);
  const readModels = Number(process.hrtime.bigint() - started) / 1e9;
  const projection = ledger.get(PublicProjection);
  await projection.caughtUpTo(head.position);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { bodies, meetings, decisions, decisionsJudged } = projection.lastWrite();
  return {
    seconds,
    written:
      `recorded at ${recorded.toFixed(2)} s, read models at ${readModels.toFixed(2)} s; ` +
      `${bodies} bodies, ${meetings} meetings, ${decisions} decisions rewritten (${decisionsJudged} decisions judged)`,
  };
}

/**
 * On the generated ledger (see generated-ledger.ts): the last CCG of the first area delegates a function
 * of its own to its committee, beside an appointment to that committee, the same-run baseline; then the
 * first CCG's delegation to its committee, under which the committee's meetings decide, is revoked
 * halfway through their month, which reaches some of their verdicts.
 */
async function incrementalUpdates(ledger: INestApplicationContext, build: { seconds: number }): Promise<void> {
  const area = AREAS[0];
  const g = 59;
  const from = new Date(Date.UTC(2013, 3, 1 + g * 30 + 10)).toISOString().slice(0, 10);
  const appointment = await timeOneFact(ledger, 'AppointMember', {
    bodyId: `committee-${area}-${g}`,
    membershipId: `committee-${area}-${g}-bench`,
    member: { seat: 'member appointed by the benchmark' },
    role: 'member',
    voting: false,
    from,
  });
  const delegation = await timeOneFact(ledger, 'GrantDelegation', {
    delegationId: `ccg-${area}-${g}-bench`,
    delegatorBodyId: `ccg-${area}-${g}`,
    delegateBodyId: `committee-${area}-${g}`,
    functions: ['learning-disability-services'],
    areas: [area],
    from,
    to: null,
    instrument: { kind: 'scheme-of-reservation-and-delegation', reference: 'benchmark' },
    subDelegationAllowed: false,
  });
  // A delegation fact that reaches decisions: the first committee's delegation revoked halfway through its meetings' month.
  const revocation = await timeOneFact(ledger, 'RevokeDelegation', {
    delegationId: `ccg-${area}-0-to-committee`,
    effective: new Date(Date.UTC(2013, 3, 1 + 15)).toISOString().slice(0, 10),
  });
  console.log(
    `  one appointment (baseline): public projection updated in ${appointment.seconds.toFixed(2)} s; ${appointment.written}\n` +
      `  one delegation: public projection updated in ${delegation.seconds.toFixed(2)} s (${(delegation.seconds / appointment.seconds).toFixed(1)}× the appointment, ` +
      `${((100 * delegation.seconds) / build.seconds).toFixed(1)} % of the full build's ${build.seconds.toFixed(1)} s); ${delegation.written}\n` +
      `  one revocation of the committee's delegation: public projection updated in ${revocation.seconds.toFixed(2)} s ` +
      `(${(revocation.seconds / appointment.seconds).toFixed(1)}× the appointment); ${revocation.written}`,
  );
}

/** Paths of each page type, from the projection itself (every one, or a sample). */
const PAGE_TYPES = ['body', 'timeline', 'decision', 'search', 'decisions'] as const;

function pathsOf(dataDir: string): Record<(typeof PAGE_TYPES)[number], string[]> {
  const db = new Database(join(dataDir, PUBLIC_DATABASE_FILE), { readonly: true, fileMustExist: true });
  const sample = (sql: string) => db.prepare(`${sql} ORDER BY random() LIMIT ${SAMPLE}`).pluck().all() as string[];
  const paths = {
    body: sample('SELECT id FROM public_bodies').map((id) => `/bodies/${id}`),
    timeline: sample("SELECT function || '/' || area FROM public_timelines").map((key) => `/authority/${key}?on=2021-06-01`),
    decision: sample('SELECT decision_id FROM public_decisions').map((id) => `/decisions/${id}`),
    // What a reader types: a word of a title (bodies, decisions, meetings, members), or a town.
    search: [
      ...sample('SELECT title FROM public_search_rows').flatMap((title) => /\p{L}{4,}/u.exec(title)?.[0] ?? []),
      ...GAZETTEER.map((entry) => entry.name),
    ].map((words) => `/search?q=${encodeURIComponent(words)}`),
    decisions: [
      ...Array.from(
        { length: Math.min(SAMPLE, Math.ceil((db.prepare('SELECT count(*) FROM public_decisions').pluck().get() as number) / 25)) },
        (_, i) => `/decisions?page=${i + 1}`,
      ),
      ...AREAS.map((area) => `/decisions?place=${area}`),
    ],
  };
  db.close();
  return paths;
}

async function waitFor(port: number): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const ok = await new Promise<boolean>((resolve) => {
      const req = request({ port, path: '/', host: '127.0.0.1' }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.end();
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing answered on port ${port}`);
}

/** CONCURRENCY clients, each sending its next request when the last is answered, for SECONDS. */
async function load(port: number, paths: string[]): Promise<Result> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let errors = 0;
  const until = Date.now() + SECONDS * 1000;
  const started = process.hrtime.bigint();
  const client = async (offset: number) => {
    for (let n = offset; Date.now() < until; n += CONCURRENCY) {
      const path = paths[n % paths.length];
      const sent = process.hrtime.bigint();
      const status = await new Promise<number>((resolve) => {
        const req = request({ port, path, host: '127.0.0.1', agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', () => resolve(0));
        req.end();
      });
      if (status !== 200) errors++;
      latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => client(i)));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { pagesPerSec: Math.round(latencies.length / seconds), p50: at(0.5), p99: at(0.99), requests: latencies.length, errors };
}

async function warm(port: number, paths: string[]): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  for (const path of paths) {
    await new Promise<void>((resolve) => {
      const req = request({ port, path, host: '127.0.0.1', agent }, (res) => res.resume().on('end', resolve));
      req.on('error', () => resolve());
      req.end();
    });
  }
  agent.destroy();
}

function startSite(dataDir: string, port: number, pagesKept: number): ChildProcess {
  return fork(join(__dirname, '../src/main.ts'), [], {
    env: { ...process.env, LEDGER_DATA_DIR: dataDir, PUBLIC_PORT: String(port), PUBLIC_PAGE_CACHE: String(pagesKept) },
    execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
    stdio: 'ignore',
  });
}

const line = (label: string, result: Result, baseline: Result) =>
  `  ${label.padEnd(10)} ${String(result.pagesPerSec).padStart(7)} pages/s  p50 ${result.p50.toFixed(2).padStart(6)} ms  p99 ${result.p99
    .toFixed(2)
    .padStart(
      6,
    )} ms  (${(result.pagesPerSec / baseline.pagesPerSec).toFixed(2)}× baseline rate, p99 ${(result.p99 / baseline.p99).toFixed(1)}× baseline)${
    result.errors ? `  ${result.errors} errors` : ''
  }`;

async function measure(label: string, dataDir: string, build: Build, baseline: Result): Promise<void> {
  if (!PAGES) {
    console.log(
      `${label}: ${build.events} events; ledger start + public projection built in ${build.seconds.toFixed(1)} s ${phases(build)}`,
    );
    return;
  }
  for (const pagesKept of [0, SAMPLE]) await measureSite(label, dataDir, build, baseline, pagesKept);
}

/** Rendering every request (no pages kept), then as the site runs by default (rendered pages kept per projection build). */
async function measureSite(label: string, dataDir: string, build: Build, baseline: Result, pagesKept: number) {
  const port = 3500 + Math.floor(Math.random() * 400);
  const site = startSite(dataDir, port, pagesKept);
  try {
    await waitFor(port);
    const paths = pathsOf(dataDir);
    const size = statSync(join(dataDir, PUBLIC_DATABASE_FILE)).size;
    console.log(
      `${label}, ${pagesKept === 0 ? 'every page rendered' : `rendered pages kept (${pagesKept}), warmed`}: ${build.events} events; ledger start + public projection built in ${build.seconds.toFixed(1)} s ${phases(build)}; public.sqlite ${(size / 1e6).toFixed(1)} MB; ` +
        `${paths.body.length} bodies, ${paths.timeline.length} timelines, ${paths.decision.length} decisions, ${paths.search.length} searches, ${paths.decisions.length} list pages sampled`,
    );
    for (const type of PAGE_TYPES.filter((type) => !ONLY_SEARCH || type === 'search')) {
      // With pages kept, the steady state: every sampled page asked for once before the clock starts.
      if (pagesKept > 0) await warm(port, paths[type]);
      console.log(line(type, await load(port, paths[type]), baseline));
    }
  } finally {
    site.kill();
  }
}

async function main(): Promise<void> {
  console.log(`public site, ${CONCURRENCY} concurrent clients, ${SECONDS} s per page type`);
  const port = 3950;
  const bare = spawn(process.execPath, ['-e', `require('http').createServer((q, s) => s.end('ok')).listen(${port})`], { stdio: 'ignore' });
  await waitFor(port);
  const baseline = await load(port, ['/']);
  bare.kill();
  console.log(
    `  baseline   ${String(baseline.pagesPerSec).padStart(7)} answers/s p50 ${baseline.p50.toFixed(2).padStart(6)} ms  p99 ${baseline.p99.toFixed(2).padStart(6)} ms  (bare node:http "ok")`,
  );

  const seeded = mkdtempSync(join(tmpdir(), 'bench-public-seeded-'));
  const generated = mkdtempSync(join(tmpdir(), 'bench-public-generated-'));
  try {
    if (SEEDED) await measure('seeded history', seeded, await buildLedger(seeded, true), baseline);
    const written = Date.now();
    const { events } = generateLedger(generated, EVENTS);
    console.log(`generated ${events} events in ${((Date.now() - written) / 1000).toFixed(1)} s`);
    await measure('generated ledger', generated, await buildLedger(generated, false, incrementalUpdates), baseline);
  } finally {
    rmSync(seeded, { recursive: true, force: true });
    rmSync(generated, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
