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
 * BENCH_HTTP_SECONDS (default 3) is the length of each measurement. BENCH_SERVER_DIR runs the server from
 * another checkout. BENCH_BASELINE_DIR adds a second server, run from that checkout (`before`) beside
 * this one (`after`), each on its own copy of the generated ledger: every measurement is taken on both in
 * turn, and `…AfterToBefore` gives the ratios. `…CpuMsEach…` is the server's CPU time per command (Linux),
 * which a loaded machine changes less than commands/s. The last line is one JSON object.
 *
 * - Several nodes (issue 24; http-cluster.ts): three ledger processes on one PostgreSQL beside one on the
 *   embedded SQLite store, each on the same generated ledger, measured in turn in the same run: commands/s
 *   and p99 at 16 and 64 clients (spread round-robin over the three nodes) and authority reads/s, with
 *   ratios to SQLite (`cluster.…ToSqlite`); then the signer's failover time. BENCH_HTTP_CLUSTER=off skips it.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AREAS } from '@ledger/governance';
import { ApiKeys } from '../src/access/api-keys';
import { LocalDatabase } from '../src/local-database/local-database';
import { generateLedger } from './generated-ledger';
import { compareCluster } from './http-cluster';
import { Answer, body, cpuEach, cpuMs, freePort, idle, line, measure, ratio, send, source, startServer, stopServer } from './http-harness';

const EVENTS = Number(process.env.BENCH_HTTP_EVENTS ?? 27_000);
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 3);
const CONCURRENCY = [1, 4, 16, 64];
/** The checkout the server runs from (BENCH_SERVER_DIR; default this one). */
const SERVER_DIR = process.env.BENCH_SERVER_DIR ?? join(__dirname, '..', '..', '..');

interface Server {
  /** `before` for BENCH_BASELINE_DIR's server, `after` for this one's; '' when only one is measured. */
  label: string;
  folder: string;
  process: ChildProcess;
  port: number;
  call: (method: string, path: string, body?: unknown) => Promise<Answer>;
}

async function main(): Promise<void> {
  const dirs: [string, string][] = process.env.BENCH_BASELINE_DIR
    ? [
        ['before', process.env.BENCH_BASELINE_DIR],
        ['after', SERVER_DIR],
      ]
    : [['', SERVER_DIR]];
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const servers: Server[] = [];
  try {
    for (const [label, dir] of dirs) servers.push(await startOn(label, dir, agent));
    const figures: Record<string, number> = { seconds: SECONDS };
    // Each measurement runs against every server in turn, first one then the other leading, so a change in the
    // machine's load falls on both alike; each starts once every server is idle (its projections caught up).
    let round = 0;
    const each = async (what: (server: Server, put: (name: string, value: number) => void) => Promise<void>) => {
      const order = round++ % 2 === 0 ? servers : [...servers].reverse();
      for (const server of order) {
        await Promise.all(servers.map(({ process }) => idle(process)));
        await what(server, (name, value) => (figures[server.label ? `${server.label}.${name}` : name] = value));
      }
    };
    await each(async ({ call, label }, put) => {
      const head = JSON.parse((await call('GET', '/ledger/head')).body) as { eventCount: number };
      put('events', head.eventCount);
      // Warm up both paths (JIT, first projection reads) before anything is measured.
      await measure(4, 1, () => call('GET', '/health'));
      const health = await measure(16, SECONDS, () => call('GET', '/health'));
      console.log(line(`${label} GET /health (baseline)`, 16, health));
      put('healthRps', Math.round(health.perSec));
      let bodies = 0;
      await measure(4, 1, () => call('POST', '/bodies', body(`bench-warm-${bodies++}`)));
    });

    for (const clients of CONCURRENCY) {
      await each(async ({ call, label, process }, put) => {
        let bodies = 0;
        const cpuBefore = cpuMs(process);
        const result = await measure(clients, SECONDS, () => call('POST', '/bodies', body(`bench-body-${clients}-${bodies++}`)));
        const cpu = cpuEach(process, cpuBefore, result);
        console.log(line(`${label} POST /bodies (independent streams)`, clients, result, cpu));
        put(`commandsPerSec${clients}`, Math.round(result.perSec));
        put(`commandsCpuMsEach${clients}`, cpu);
        put(`commandsP50Ms${clients}`, result.p50Ms);
        put(`commandsP99Ms${clients}`, result.p99Ms);
      });
    }

    for (const clients of CONCURRENCY) {
      await each(async ({ call, label, process }, put) => {
        // A fresh busy body per level, so each level starts from the same stream length.
        const bodyId = `bench-busy-${clients}`;
        await call('POST', '/bodies', body(bodyId));
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
        const cpuBefore = cpuMs(process);
        const result = await measure(clients, SECONDS, appoint);
        const cpu = cpuEach(process, cpuBefore, result);
        console.log(line(`${label} POST /bodies/${bodyId}/memberships (one busy stream)`, clients, result, cpu));
        put(`busyStreamCommandsPerSec${clients}`, Math.round(result.perSec));
        put(`busyStreamCpuMsEach${clients}`, cpu);
        put(`busyStreamP50Ms${clients}`, result.p50Ms);
        put(`busyStreamP99Ms${clients}`, result.p99Ms);
      });
    }

    await each(async ({ call, label }, put) => {
      const now = JSON.parse((await call('GET', '/ledger/head')).body) as { position: number };
      const authority = (asKnownAt?: number) => {
        const area = AREAS[Math.floor(Math.random() * AREAS.length)];
        const basis = asKnownAt === undefined ? '' : `&asKnownAt=${asKnownAt}`;
        return call('GET', `/authority?function=community-health-services&area=${area}&at=2016-06-01${basis}`);
      };
      await measure(4, 1, () => authority());
      const atHead = await measure(16, SECONDS, () => authority());
      console.log(line(`${label} GET /authority at the head`, 16, atHead));
      const randomBasis = await measure(16, SECONDS, () => authority(1 + Math.floor(Math.random() * now.position)));
      console.log(line(`${label} GET /authority at a random asKnownAt`, 16, randomBasis));
      const health = figures[label ? `${label}.healthRps` : 'healthRps'];
      const own = (name: string) => figures[label ? `${label}.${name}` : name];
      put('commandsPerSec16Ratio', ratio(own('commandsPerSec16'), health));
      put('busyStreamCommandsPerSec16Ratio', ratio(own('busyStreamCommandsPerSec16'), health));
      put('authorityHeadRps', Math.round(atHead.perSec));
      put('authorityHeadP99Ms', atHead.p99Ms);
      put('authorityHeadRatio', ratio(atHead.perSec, health));
      put('authorityRandomBasisRps', Math.round(randomBasis.perSec));
      put('authorityRandomBasisP99Ms', randomBasis.p99Ms);
      put('authorityRandomBasisRatio', ratio(randomBasis.perSec, health));
      put('authorityRandomToHeadRatio', ratio(randomBasis.perSec, atHead.perSec));
    });

    if (process.env.BENCH_HTTP_CLUSTER !== 'off') {
      await compareCluster({ dir: SERVER_DIR, events: EVENTS, seconds: SECONDS, agent, figures });
    }

    if (servers.length === 2) {
      // After to before, measured in this run: the figures a change is judged by.
      const names = ['commandsPerSec16', 'busyStreamCommandsPerSec16', 'commandsPerSec1', 'busyStreamCommandsPerSec1'];
      for (const name of [...names, 'commandsCpuMsEach16', 'busyStreamCpuMsEach16']) {
        figures[`${name}AfterToBefore`] = ratio(figures[`after.${name}`], figures[`before.${name}`]);
      }
    }
    console.log(JSON.stringify(figures));
  } finally {
    agent.destroy();
    for (const server of servers) {
      await stopServer(server.process);
      rmSync(server.folder, { recursive: true, force: true });
    }
  }
}

/** A server run from the checkout `dir`, on its own generated ledger and a free port. */
async function startOn(label: string, dir: string, agent: Agent): Promise<Server> {
  const folder = mkdtempSync(join(tmpdir(), 'ledger-http-bench-'));
  const dataDir = join(folder, 'data');
  const generated = generateLedger(dataDir, EVENTS);
  const local = new LocalDatabase(dataDir);
  const token = `Bearer ${new ApiKeys(local).create('admin', [], { label: 'http bench' }).token}`;
  local.close();
  const port = await freePort();
  const server = await startServer(dir, dataDir, port);
  console.log(`${label ? `${label}: ` : ''}server from ${dir} on port ${port}, ledger of ${generated.events} events`);
  return { label, folder, process: server, port, call: (method, path, payload) => send(agent, port, method, path, token, payload) };
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
