/**
 * `npm run bench:projections`: replay speed of the projections over a generated ledger (default
 * 1 000 000 events; BENCH_EVENTS changes it) against a plain full read of the same events in the same
 * run (the baseline: replay cannot beat reading), and the latency of `/authority` point queries in
 * process. Last line: one JSON object of the figures.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { SqliteEventStore, SQLITE_FILE_NAME } from '@ledger/event-store';
import { AREAS, FUNCTIONS } from '@ledger/governance';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthorityQueries } from '../src/authority/authority.queries';
import { LedgerModule } from '../src/ledger.module';
import { LedgerViews } from '../src/read-models/ledger-views';
import { ProjectionRunner } from '../src/read-models/projection-runner';
import { AUTHORITY_VIEW, REGISTER_VIEW } from '../src/read-models/views';
import { generateLedger } from './generated-ledger';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 20_000);

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-projections-'));
  try {
    let start = process.hrtime.bigint();
    const generated = generateLedger(dataDir, EVENTS);
    console.log(`generated ${generated.events} events (${generated.authorityFacts} outside meetings) in ${seconds(start).toFixed(1)} s`);

    // Baseline: read every event once, in the same pages the replay uses.
    const store = new SqliteEventStore(join(dataDir, SQLITE_FILE_NAME));
    start = process.hrtime.bigint();
    let read = 0;
    for (let position = 1; ; ) {
      const page = await store.readAll(position, 10_000);
      if (page.length === 0) break;
      read += page.length;
      position = page[page.length - 1].globalPosition + 1;
    }
    const readAllEventsPerSec = Math.round(read / seconds(start));
    await store.close();
    console.log(`baseline readAll: ${read} events at ${readAllEventsPerSec} events/s`);

    process.env.LEDGER_DATA_DIR = dataDir;
    process.env.LEDGER_PROJECTIONS = 'manual';
    const ledger = await NestFactory.createApplicationContext(LedgerModule, { logger: ['error'] });
    const report = await ledger.get(ProjectionRunner).rebuild();
    console.log(`replay (rebuild): ${report.events} events in ${report.seconds.toFixed(1)} s = ${report.eventsPerSec} events/s (ratio to readAll ${(report.eventsPerSec / readAllEventsPerSec).toFixed(2)})`);

    const views = ledger.get(LedgerViews);
    const head = views.basis();
    start = process.hrtime.bigint();
    views.view(AUTHORITY_VIEW, head);
    const authorityBuildMs = seconds(start) * 1000;
    start = process.hrtime.bigint();
    views.view(REGISTER_VIEW, head);
    const registerBuildMs = seconds(start) * 1000;
    console.log(`views at the head: authority built in ${authorityBuildMs.toFixed(0)} ms, register in ${registerBuildMs.toFixed(0)} ms`);

    // Point queries as /authority answers them (validation, basis, model, answer), minus HTTP.
    const queries = ledger.get(AuthorityQueries);
    const functions = FUNCTIONS.slice();
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const questions = Array.from({ length: QUERIES }, () => ({
      fn: functions[Math.floor(random() * functions.length)],
      area: AREAS[Math.floor(random() * AREAS.length)],
      at: new Date(Date.UTC(2013, 3, 1 + Math.floor(random() * 1900))).toISOString().slice(0, 10),
    }));
    const run = () => {
      const latencies = questions.map(({ fn, area, at }) => {
        const begin = process.hrtime.bigint();
        queries.at(fn, area, at);
        return Number(process.hrtime.bigint() - begin) / 1e6;
      });
      return latencies.sort((a, b) => a - b);
    };
    // First pass: each function/area pair's first query works out its timeline. Second pass: steady state.
    const cold = run();
    const warm = run();
    const ms = (value: number) => Number(value.toFixed(4));
    const authorityP50Ms = ms(percentile(warm, 50));
    const authorityP99Ms = ms(percentile(warm, 99));
    const coldP99Ms = ms(percentile(cold, 99));
    console.log(`authority point queries (${QUERIES}): first pass p50 ${ms(percentile(cold, 50))} ms, p99 ${coldP99Ms} ms, max ${cold[cold.length - 1].toFixed(2)} ms; steady p50 ${authorityP50Ms} ms, p99 ${authorityP99Ms} ms`);
    await ledger.close();

    const figures = {
      events: report.events,
      replayEventsPerSec: report.eventsPerSec,
      readAllEventsPerSec,
      replayRatio: Number((report.eventsPerSec / readAllEventsPerSec).toFixed(2)),
      authorityBuildMs: Math.round(authorityBuildMs),
      registerBuildMs: Math.round(registerBuildMs),
      authorityP50Ms,
      authorityP99Ms,
      authorityFirstPassP99Ms: coldP99Ms,
      rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    };
    console.log(JSON.stringify(figures));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
