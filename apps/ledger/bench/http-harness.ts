import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { AddressInfo, createServer } from 'node:net';
import { AREAS } from '@ledger/governance';

/** What `npm run bench:http` uses to drive real ledger processes over HTTP: clients, timings, the processes. */

export const source = { title: 'generated for the HTTP benchmark', illustrative: true };

export interface Measured {
  ok: number;
  other: Record<string, number>;
  perSec: number;
  p50Ms: number;
  p99Ms: number;
}

export interface Answer {
  status: number;
  body: string;
}

export interface MeasureLimits {
  /** Stop once this many 2xx answers are counted (besides the time limit). */
  maxOk?: number;
}

export function body(bodyId: string) {
  return {
    bodyId,
    kind: 'ccg',
    name: `Bench CCG ${bodyId}`,
    areas: [AREAS[bodyId.length % AREAS.length]],
    effective: '2013-04-01',
    source,
  };
}

/**
 * `clients` loops calling `work(client)` for `seconds` (or until `maxOk` answers); 2xx answers count, others
 * are tallied by status. `client` is the loop's number, 0 to clients - 1 (to spread clients over servers).
 */
export async function measure(
  clients: number,
  seconds: number,
  work: (client: number) => Promise<Answer>,
  { maxOk = Infinity }: MeasureLimits = {},
): Promise<Measured> {
  const latencies: number[] = [];
  const other: Record<string, number> = {};
  const until = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < until && latencies.length < maxOk) {
        const began = performance.now();
        const answer = await work(client);
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

/** The server's CPU time per command answered 2xx during a measurement: what the machine's load changes least. */
export function cpuEach(child: ChildProcess, cpuBefore: number | undefined, m: Measured): number {
  const now = cpuMs(child);
  return now === undefined || cpuBefore === undefined ? NaN : round2((now - cpuBefore) / m.ok);
}

export function line(label: string, clients: number, m: Measured, cpuMsEach?: number): string {
  const refused = Object.keys(m.other).length ? ` (not 2xx: ${JSON.stringify(m.other)})` : '';
  const cpu = cpuMsEach === undefined ? '' : `, server CPU ${cpuMsEach} ms each`;
  return `${label.trim()}, ${clients} clients: ${Math.round(m.perSec)}/s, p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms${cpu}${refused}`;
}

export function send(agent: Agent, port: number, method: string, path: string, token: string, body?: unknown): Promise<Answer> {
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

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The ledger's server (as `npm run ledger` runs it) from the checkout `dir`, on `dataDir` and `port`; `env` adds settings. */
export async function startServer(dir: string, dataDir: string, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/ledger/src/main.ts'],
    {
      cwd: dir,
      env: { ...process.env, LEDGER_DATA_DIR: dataDir, LEDGER_STORE: 'sqlite', LEDGER_SEED: 'off', PORT: String(port), ...env },
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

/** CPU time `child` has used, in ms (utime and stime of /proc/<pid>/stat); undefined off Linux. */
export function cpuMs(child: ChildProcess): number | undefined {
  const file = `/proc/${child.pid}/stat`;
  if (!existsSync(file)) return undefined;
  // Fields 14 and 15, counted from the state after the command name's ')'; in clock ticks of 10 ms.
  const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Waits until `child` has used at most 20 ms of CPU over half a second (what it does after a
 * measurement's writes, such as its projections catching up, is over), for 60 s at most.
 */
export async function idle(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  let before = cpuMs(child);
  while (before !== undefined && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = cpuMs(child);
    if (now === undefined || now - before <= 20) return;
    before = now;
  }
}

export async function stopServer(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

export const ratio = (value: number, baseline: number) => round2(value / baseline);
export const round2 = (value: number) => Math.round(value * 100) / 100;
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
