import { registerAs } from '@nestjs/config';
import { join, resolve } from 'node:path';
import type { EventStoreKind } from '@ledger/event-store';
import { assertSecretsOutside, KeyPlaces, keysDirBeside, prepareKeysDir } from './keys-dir';
import { listeningHost } from '@ledger/public-contract';

export interface LedgerConfig {
  port: number;
  /** The address the HTTP server listens on (HOST; default 127.0.0.1, see listening-host.ts). */
  host: string;
  store: EventStoreKind;
  dataDir: string;
  /** Where the private keys are: never inside the data folder (LEDGER_KEYS_DIR; see keys-dir.ts). */
  keysDir: string;
  kurrentDbUrl?: string;
  /** The PostgreSQL database holding the events (LEDGER_STORE=postgres; LEDGER_POSTGRES_URL). */
  postgresUrl?: string;
  /**
   * With LEDGER_STORE=kurrentdb, the PostgreSQL database holding what every node shares: API keys, content keys,
   * checkpoints and the signer's and public writer's locks (LEDGER_SHARED_POSTGRES_URL; store/shared-postgres.ts).
   */
  sharedPostgresUrl?: string;
  /** Projections follow the ledger live (the service); a one-off CLI command (rebuild) turns this off. */
  projectionsFollowLive: boolean;
  /** The history an empty ledger is seeded with on first start (LEDGER_SEED=off: never). */
  seedFile: string;
  seedOnStart: boolean;
  /** The key that wraps the data keys of confidential content; never in the event store (LEDGER_MASTER_KEY_FILE). */
  masterKeyFile: string;
  /**
   * How many times a command is decided again when a stream its decision read (not the one it writes)
   * moved before its append, before it is answered 409 (LEDGER_READ_CONDITION_RETRIES, default 3; 0: never).
   */
  readConditionRetries: number;
  /** Reads answered through the read cache (the default), or from the plain folds (LEDGER_READ_CACHE=off), to check or compare. */
  readCache: boolean;
  /** /health is 503 when the read models are more events than this behind the store (LEDGER_READ_MODELS_MAX_BEHIND, default 10 000). */
  readModelsMaxBehind: number;
  /** How long a read with `minPosition` waits for the read models to reach it before 503 (LEDGER_MIN_POSITION_WAIT_MS, default 2000). */
  minPositionWaitMs: number;
  /** The Ed25519 key the ledger signs its checkpoints with (LEDGER_SIGNING_KEY_FILE). */
  signingKeyFile: string;
  /** Workspace session cookies are Secure even when the request came in plain HTTP (behind a TLS proxy): LEDGER_COOKIE_SECURE=true. */
  cookieSecure: boolean;
}

export const MASTER_KEY_FILE = 'ledger-master.key';
export const SIGNING_KEY_FILE = 'ledger-signing-key.pem';

/** Where the data and the private keys are, from the environment (LEDGER_DATA_DIR, LEDGER_KEYS_DIR, …_KEY_FILE), checking nothing. */
export function keyPlaces(env: NodeJS.ProcessEnv = process.env): KeyPlaces {
  const dataDir = env.LEDGER_DATA_DIR ?? './data';
  const keysDir = resolve(env.LEDGER_KEYS_DIR ?? keysDirBeside(dataDir));
  return {
    dataDir,
    keysDir,
    masterKeyFile: resolve(env.LEDGER_MASTER_KEY_FILE ?? join(keysDir, MASTER_KEY_FILE)),
    signingKeyFile: resolve(env.LEDGER_SIGNING_KEY_FILE ?? join(keysDir, SIGNING_KEY_FILE)),
  };
}

function wholeNumber(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${process.env[name]}"`);
  return value;
}

/**
 * Environment → typed settings, checked once at start-up so a bad value stops the ledger with a clear message.
 * A private key inside the data folder is one such value: the ledger refuses it (`npm run ledger -- keys move`).
 */
export const ledgerConfig = registerAs('ledger', (): LedgerConfig => {
  const store = (process.env.LEDGER_STORE ?? 'sqlite') as EventStoreKind;
  if (store !== 'sqlite' && store !== 'kurrentdb' && store !== 'postgres') {
    throw new Error(`LEDGER_STORE must be "sqlite", "kurrentdb" or "postgres", got "${store}"`);
  }
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${process.env.PORT}"`);
  if (store === 'kurrentdb' && !process.env.KURRENTDB_URL) throw new Error('LEDGER_STORE=kurrentdb needs KURRENTDB_URL');
  if (store === 'postgres' && !process.env.LEDGER_POSTGRES_URL) throw new Error('LEDGER_STORE=postgres needs LEDGER_POSTGRES_URL');
  const sharedPostgresUrl = process.env.LEDGER_SHARED_POSTGRES_URL || undefined;
  if (sharedPostgresUrl && store !== 'kurrentdb')
    throw new Error(
      store === 'postgres'
        ? 'LEDGER_SHARED_POSTGRES_URL is for LEDGER_STORE=kurrentdb: on postgres the shared pieces live beside the events (LEDGER_POSTGRES_URL)'
        : 'LEDGER_SHARED_POSTGRES_URL is for LEDGER_STORE=kurrentdb: the embedded store runs one node, which keeps them in its data folder',
    );
  const projections = process.env.LEDGER_PROJECTIONS ?? 'live';
  if (projections !== 'live' && projections !== 'manual')
    throw new Error(`LEDGER_PROJECTIONS must be "live" or "manual", got "${projections}"`);
  const readCache = process.env.LEDGER_READ_CACHE ?? 'on';
  if (readCache !== 'on' && readCache !== 'off') throw new Error(`LEDGER_READ_CACHE must be "on" or "off", got "${readCache}"`);
  const readConditionRetries = Number(process.env.LEDGER_READ_CONDITION_RETRIES ?? 3);
  if (!Number.isInteger(readConditionRetries) || readConditionRetries < 0 || readConditionRetries > 100)
    throw new Error(
      `LEDGER_READ_CONDITION_RETRIES must be a whole number from 0 to 100, got "${process.env.LEDGER_READ_CONDITION_RETRIES}"`,
    );
  const readModelsMaxBehind = wholeNumber('LEDGER_READ_MODELS_MAX_BEHIND', 10_000);
  const minPositionWaitMs = wholeNumber('LEDGER_MIN_POSITION_WAIT_MS', 2_000);
  const places = keyPlaces();
  const config: LedgerConfig = {
    port,
    host: listeningHost(),
    store,
    ...places,
    kurrentDbUrl: process.env.KURRENTDB_URL,
    postgresUrl: process.env.LEDGER_POSTGRES_URL,
    sharedPostgresUrl,
    projectionsFollowLive: projections === 'live',
    seedFile: resolve(process.env.LEDGER_SEED_FILE ?? 'apps/ledger/seed/history.jsonl'),
    seedOnStart: (process.env.LEDGER_SEED ?? 'on') !== 'off',
    readConditionRetries,
    readCache: readCache === 'on',
    cookieSecure: process.env.LEDGER_COOKIE_SECURE === 'true',
    readModelsMaxBehind,
    minPositionWaitMs,
  };
  assertSecretsOutside(config);
  prepareKeysDir(config.keysDir);
  return config;
});
