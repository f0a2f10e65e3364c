/**
 * `npm run bench:projections`: replay speed of the projections over a generated ledger (default
 * 1 000 000 events; BENCH_EVENTS changes it), against two baselines measured in the same run: a plain
 * full read of every event, and the filtered reads of exactly the events the projections ask for (a
 * replay cannot beat those). Then, in process, the latency of `/authority` point queries and of the
 * decision queries, which fold meetings from their streams when asked. Last line: one JSON object.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { EventFilter, SqliteEventStore, SQLITE_FILE_NAME } from '@ledger/event-store';
import { AREAS, FUNCTIONS } from '@ledger/governance';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthorityQueries } from '../src/authority/authority.queries';
import { LedgerModule } from '../src/ledger.module';
import { LedgerViews } from '../src/read-models/ledger-views';
import { DecisionRegisterQueries } from '../src/decisions/decision-register.queries';
import { MEETING_CALENDAR_READS } from '../src/read-models/meeting-calendar.projection';
import { FACT_LOGS, ProjectionRunner } from '../src/read-models/projection-runner';
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

    // Baselines: every event read once through the port, in the replay's page size; and the events the
    // projections ask for (their own filters), which is what a replay reads. A replay cannot beat the second.
    const store = new SqliteEventStore(join(dataDir, SQLITE_FILE_NAME));
    const readThrough = async (filter?: EventFilter) => {
      let read = 0;
      for (let position = 1; ;) {
        const page = await store.readAll(position, 10_000, filter);
        if (page.length === 0) return read;
        read += page.length;
        position = page[page.length - 1].globalPosition + 1;
      }
    };
    start = process.hrtime.bigint();
    const read = await readThrough();
    const readAllEventsPerSec = Math.round(read / seconds(start));
    console.log(`baseline readAll: ${read} events at ${readAllEventsPerSec} events/s`);
    const filters: EventFilter[] = [
      ...Object.values(FACT_LOGS).map((categories) => ({ categories })),
      { eventTypes: MEETING_CALENDAR_READS },
    ];
    start = process.hrtime.bigint();
    let filteredRead = 0;
    for (const filter of filters) filteredRead += await readThrough(filter);
    const filteredSeconds = seconds(start);
    console.log(`baseline filtered reads (what the projections ask for): ${filteredRead} events in ${filteredSeconds.toFixed(2)} s`);
    const decisionsRecorded = (await store.readAll(1, -1, { eventTypes: ['DecisionRecorded'] })).map(
      ({ data }) => data as { meetingId: string; itemId: string; bodyId: string },
    );
    await store.close();

    process.env.LEDGER_DATA_DIR = dataDir;
    process.env.LEDGER_PROJECTIONS = 'manual';
    const ledger = await NestFactory.createApplicationContext(LedgerModule, { logger: ['error'] });
    const report = await ledger.get(ProjectionRunner).rebuild();
    const replayRatio = Number((filteredSeconds / report.seconds).toFixed(2));
    console.log(
      `replay (rebuild): ${report.events} events (${report.read} read) in ${report.seconds.toFixed(2)} s = ${report.eventsPerSec} events/s; ` +
        `ratio to the filtered reads alone ${replayRatio}, to a full readAll ${(report.eventsPerSec / readAllEventsPerSec).toFixed(2)}`,
    );

    const views = ledger.get(LedgerViews);
    const head = await views.basis();
    // Authority: every (function, area) timeline worked out once at the head; the register: assembled at the head.
    start = process.hrtime.bigint();
    const authority = views.authority(head);
    for (const fn of FUNCTIONS) for (const area of AREAS) authority.timeline(fn, area);
    const authorityBuildMs = seconds(start) * 1000;
    start = process.hrtime.bigint();
    views.register(head);
    const registerBuildMs = seconds(start) * 1000;
    console.log(
      `views at the head: every authority timeline in ${authorityBuildMs.toFixed(0)} ms, register in ${registerBuildMs.toFixed(0)} ms`,
    );

    // Point queries as /authority answers them (validation, basis, model, answer), minus HTTP.
    const queries = ledger.get(AuthorityQueries);
    const functions = FUNCTIONS.slice();
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const questions = Array.from({ length: QUERIES }, () => ({
      fn: functions[Math.floor(random() * functions.length)],
      area: AREAS[Math.floor(random() * AREAS.length)],
      at: new Date(Date.UTC(2013, 3, 1 + Math.floor(random() * 1900))).toISOString().slice(0, 10),
    }));
    const run = async () => {
      const latencies: number[] = [];
      for (const { fn, area, at } of questions) {
        const begin = process.hrtime.bigint();
        await queries.at(fn, area, at);
        latencies.push(Number(process.hrtime.bigint() - begin) / 1e6);
      }
      return latencies.sort((a, b) => a - b);
    };
    // First pass: each function/area pair's first query works out its timeline. Second pass: steady state.
    const cold = await run();
    const warm = await run();
    const ms = (value: number) => Number(value.toFixed(4));
    const authorityP50Ms = ms(percentile(warm, 50));
    const authorityP99Ms = ms(percentile(warm, 99));
    const coldP99Ms = ms(percentile(cold, 99));
    console.log(
      `authority point queries (${QUERIES}): first pass p50 ${ms(percentile(cold, 50))} ms, p99 ${coldP99Ms} ms, max ${cold[cold.length - 1].toFixed(2)} ms; steady p50 ${authorityP50Ms} ms, p99 ${authorityP99Ms} ms`,
    );

    // Decisions are folded from their meeting's stream when asked for: one decision, and one body's list.
    const decisionQueries = ledger.get(DecisionRegisterQueries);
    const sample = Array.from({ length: 2000 }, () => decisionsRecorded[Math.floor(random() * decisionsRecorded.length)]);
    const timed = async (ask: (decision: (typeof sample)[number]) => Promise<unknown>, count: number) => {
      const latencies: number[] = [];
      for (const decision of sample.slice(0, count)) {
        const begin = process.hrtime.bigint();
        await ask(decision);
        latencies.push(Number(process.hrtime.bigint() - begin) / 1e6);
      }
      return latencies.sort((a, b) => a - b);
    };
    const one = await timed(({ meetingId, itemId, bodyId }) => decisionQueries.meetingDecision(meetingId, itemId, bodyId, undefined), 2000);
    let listed = 0;
    const lists = await timed(
      async ({ bodyId }) => (listed += (await decisionQueries.decisions({ body: bodyId }, undefined)).decisions.length),
      200,
    );
    const decisionP50Ms = ms(percentile(one, 50));
    const decisionP99Ms = ms(percentile(one, 99));
    const bodyListP50Ms = ms(percentile(lists, 50));
    const bodyListP99Ms = ms(percentile(lists, 99));
    console.log(
      `decision queries: one decision p50 ${decisionP50Ms} ms, p99 ${decisionP99Ms} ms; a body's decisions (${Math.round(listed / 200)} on average) p50 ${bodyListP50Ms} ms, p99 ${bodyListP99Ms} ms`,
    );
    await ledger.close();

    const figures = {
      events: report.events,
      replayEventsPerSec: report.eventsPerSec,
      readAllEventsPerSec,
      eventsRead: report.read,
      replayRatio,
      authorityBuildMs: Math.round(authorityBuildMs),
      registerBuildMs: Math.round(registerBuildMs),
      authorityP50Ms,
      authorityP99Ms,
      authorityFirstPassP99Ms: coldP99Ms,
      decisionP50Ms,
      decisionP99Ms,
      bodyListP50Ms,
      bodyListP99Ms,
      rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    };
    console.log(JSON.stringify(figures));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
