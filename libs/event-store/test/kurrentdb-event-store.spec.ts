import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '../src';
import type { KurrentDbEventStore } from '../src/kurrentdb/kurrentdb-event-store';
import { describeEventStoreContract, type ContractSubject } from './event-store.contract';
import type { StartedKurrentDbContainer } from './kurrentdb/kurrentdb.container';

/**
 * The contract suite against a real KurrentDB: the server at KURRENTDB_URL if set, else a container
 * when a Docker engine answers, else skipped (one line on stdout, tests reported as skipped).
 * Decided synchronously at load, because jest collects the tests before any hook runs.
 */
type Target = { kind: 'url'; url: string } | { kind: 'container' } | { kind: 'skip'; reason: string };

const target = chooseTarget();

let connectionString = target.kind === 'url' ? target.url : '';
let container: StartedKurrentDbContainer | undefined;

// Loaded lazily so a skipped run never loads the gRPC client, its native bridge or testcontainers.
async function connect(): Promise<KurrentDbEventStore> {
  const { KurrentDbEventStore } = await import('../src/kurrentdb/kurrentdb-event-store');
  return KurrentDbEventStore.connect(connectionString);
}

const subject: ContractSubject = {
  open: connect,
  // For a server, reopening is disposing the client and connecting again with the same URL.
  reopen: async (store: EventStore) => {
    await store.close();
    return connect();
  },
};

if (target.kind === 'skip') {
  process.stdout.write(`KurrentDB contract suite skipped: ${target.reason}\n`);
  describe.skip('KurrentDB', () => describeEventStoreContract('KurrentDB', subject));
} else {
  // A shared server accumulates events across tests, and the property test appends a few hundred times.
  jest.setTimeout(180_000);
  if (target.kind === 'container') {
    beforeAll(async () => {
      const { KurrentDbContainer } = await import('./kurrentdb/kurrentdb.container');
      container = await new KurrentDbContainer().start();
      connectionString = container.getConnectionString();
    }, 180_000);
    afterAll(async () => {
      await container?.stop();
    });
  }
  describeEventStoreContract('KurrentDB', subject);
}

function chooseTarget(): Target {
  const url = process.env.KURRENTDB_URL;
  if (url) return { kind: 'url', url };
  const engine = dockerEngine();
  return engine.reachable
    ? { kind: 'container' }
    : { kind: 'skip', reason: `no KURRENTDB_URL and no Docker engine reachable (${engine.reason})` };
}

function dockerEngine(): { reachable: true } | { reachable: false; reason: string } {
  const dockerHost = process.env.DOCKER_HOST;
  const runtimeDir = process.env.XDG_RUNTIME_DIR;
  const socket = [
    '/var/run/docker.sock',
    runtimeDir ? join(runtimeDir, 'docker.sock') : '',
    join(homedir(), '.docker', 'run', 'docker.sock'),
    join(homedir(), '.docker', 'desktop', 'docker.sock'),
  ].find((path) => path !== '' && existsSync(path));
  if (!dockerHost && !socket) return { reachable: false, reason: 'DOCKER_HOST unset, no Docker socket found' };

  const probe = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], {
    encoding: 'utf8',
    timeout: 5000,
    env: dockerHost ? process.env : { ...process.env, DOCKER_HOST: `unix://${socket}` },
  });
  // Without the docker CLI, let testcontainers talk to the engine itself.
  if ((probe.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return { reachable: true };
  if (!probe.error && probe.status === 0) return { reachable: true };
  const detail = probe.error?.message ?? (probe.stderr || '').trim().split('\n')[0];
  return { reachable: false, reason: `docker info failed: ${detail || `exit status ${probe.status}`}` };
}
