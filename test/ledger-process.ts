import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

/**
 * The ledger as a real server process (main.ts on a free port), for tests that kill it. The sources are
 * transpiled once per test file into dist/ (as ts-node --transpile-only would, file by file), so that a
 * restart costs the ledger's own start-up rather than compiling it again.
 */
const ROOT = join(__dirname, '..');

export interface LedgerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

let compiled: string | undefined;

/** The folder holding the transpiled apps/ and libs/ (made on first use). */
export function compiledLedger(): string {
  if (compiled) return compiled;
  const out = join(ROOT, 'dist', `process-test-${process.pid}`);
  const { options } = ts.parseJsonConfigFileContent(JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')), ts.sys, ROOT);
  const sources = [
    'apps/ledger/src',
    'apps/witness/src',
    'apps/public/src',
    'libs/event-store/src',
    'libs/governance/src',
    'libs/public-contract/src',
    'libs/transparency-log/src',
  ].flatMap((folder) => typeScriptFiles(join(ROOT, folder)));
  for (const file of sources) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: { ...options, sourceMap: false },
      fileName: file,
    });
    const target = join(out, relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  compiled = out;
  return out;
}

function typeScriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' ? [] : typeScriptFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Runs a transpiled entry point (main.js, cli/main.js) with the ledger's path aliases, in the repository root. */
export function spawnLedger(entry: string, args: string[], env: Record<string, string>): ChildProcess {
  const out = compiledLedger();
  return spawn(process.execPath, ['-r', 'tsconfig-paths/register', join(out, entry), ...args], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_BASEURL: out, LEDGER_STORE: 'sqlite', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Starts the server on `dataDir`; resolves once it answers `/health` (or at once, with `untilListening` false). */
export async function startLedgerProcess(dataDir: string, env: Record<string, string> = {}, untilListening = true): Promise<LedgerProcess> {
  const port = await freePort();
  const child = spawnLedger('apps/ledger/src/main.js', [], { LEDGER_DATA_DIR: dataDir, LEDGER_SEED: 'off', PORT: String(port), ...env });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ledger = { child, url: `http://127.0.0.1:${port}`, output: () => output };
  if (!untilListening) return ledger;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the ledger exited (${child.exitCode}):\n${output}`);
    const status = await fetch(`${ledger.url}/health`).then(
      (response) => response.status,
      () => 0,
    );
    if (status > 0 && status < 500) return ledger;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  child.kill('SIGKILL');
  throw new Error(`the ledger did not answer within 60 s:\n${output}`);
}

/** Sends `signal` and waits for the process to be gone. */
export async function stopLedgerProcess(ledger: LedgerProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (ledger.child.exitCode !== null || ledger.child.signalCode !== null) return;
  const exited = new Promise((resolve) => ledger.child.once('exit', resolve));
  ledger.child.kill(signal);
  await exited;
}

/** Runs the CLI (`npm run ledger -- ...`) to completion. */
export async function runLedgerCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawnLedger('apps/ledger/src/cli/main.js', args, env);
  let [stdout, stderr] = ['', ''];
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { status, stdout, stderr };
}

/** A witness (apps/witness) as a process of its own on a free port, witnessing the logs of `logs` (verifier keys). */
export async function startWitnessProcess(dataDir: string, logs: string[], env: Record<string, string> = {}): Promise<LedgerProcess> {
  const port = env.WITNESS_PORT ? Number(env.WITNESS_PORT) : await freePort();
  const child = spawnLedger('apps/witness/src/main.js', [], {
    WITNESS_DATA_DIR: dataDir,
    WITNESS_LOGS: logs.join(','),
    WITNESS_PORT: String(port),
    ...env,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const witness = { child, url: `http://127.0.0.1:${port}`, output: () => output };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the witness exited (${child.exitCode}):\n${output}`);
    if (
      await fetch(`${witness.url}/verifier-key`).then(
        (response) => response.ok,
        () => false,
      )
    )
      return witness;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  child.kill('SIGKILL');
  throw new Error(`the witness did not answer within 30 s:\n${output}`);
}
