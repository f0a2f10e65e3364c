import type { EventStore } from '@ledger/event-store';
import type { Pool } from 'pg';
import type { LedgerConfig } from '../config/ledger.config';

/**
 * The PostgreSQL database holding what every node of a deployment must share (docs/adr/0007): the API keys,
 * the wrapped content keys, the signed checkpoints and their cosignatures, and the advisory locks that let one
 * node at a time sign and write the public projection.
 *
 * - LEDGER_STORE=postgres: the event store's own database (its pool), tables beside the events;
 * - LEDGER_STORE=kurrentdb with LEDGER_SHARED_POSTGRES_URL: that database, beside the KurrentDB cluster;
 * - otherwise none (null): each node keeps them in its own data folder, which is right for one node only.
 */
export const SHARED_POSTGRES = Symbol('SHARED_POSTGRES');

export type SharedPostgres = Pool | null;

/** Connections of its own to the shared database (KurrentDB), or the event store's (PostgreSQL), or none. */
export async function openSharedPostgres(
  config: Pick<LedgerConfig, 'store' | 'sharedPostgresUrl'>,
  store: EventStore,
): Promise<SharedPostgres> {
  if (config.store === 'postgres') return (store as EventStore & { pool: Pool }).pool;
  if (config.store !== 'kurrentdb' || !config.sharedPostgresUrl) return null;
  // Loaded only when chosen, as the store adapters' clients are.
  const { Pool } = await import('pg');
  const pool = new Pool({ connectionString: config.sharedPostgresUrl, max: 4, application_name: 'ledger shared pieces' });
  // An idle connection the server dropped: the pool discards it and opens another when next asked.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw new Error(`LEDGER_SHARED_POSTGRES_URL: could not connect (${(error as Error).message})`);
  }
  return pool;
}

/** Whether the shared pool is this module's own to close (KurrentDB) rather than the event store's. */
export function ownsSharedPostgres(config: Pick<LedgerConfig, 'store'>): boolean {
  return config.store === 'kurrentdb';
}
