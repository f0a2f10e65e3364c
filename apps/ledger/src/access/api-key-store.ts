import type { Pool } from 'pg';
import type { LocalDatabase } from '../local-database/local-database';
import type { Role } from './actor';

/** An API key as stored: never the token, only its SHA-256. */
export interface StoredApiKey {
  keyId: string;
  tokenHash: string;
  role: Role;
  bodies: string[];
  label: string | null;
  createdAt: string;
}

/**
 * Where the API keys are kept: this node's ledger-local.sqlite, or, with LEDGER_STORE=postgres, a table beside
 * the events, so a key issued on one node is accepted by every node. The SQLite store answers at once; the
 * PostgreSQL one with a promise.
 */
export interface ApiKeyStore {
  insert(key: StoredApiKey): void | Promise<void>;
  byTokenHash(tokenHash: string): StoredApiKey | undefined | Promise<StoredApiKey | undefined>;
}

export const API_KEY_STORE = Symbol('API_KEY_STORE');

export class SqliteApiKeyStore implements ApiKeyStore {
  private readonly byHash;
  private readonly insertRow;

  constructor(local: LocalDatabase) {
    // Prepared once: every authenticated request asks.
    this.byHash = local.db.prepare('SELECT key_id, token_hash, role, bodies, label, created_at FROM api_keys WHERE token_hash = ?');
    this.insertRow = local.db.prepare(
      'INSERT INTO api_keys (key_id, token_hash, role, bodies, label, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  insert(key: StoredApiKey): void {
    this.insertRow.run(key.keyId, key.tokenHash, key.role, JSON.stringify(key.bodies), key.label, key.createdAt);
  }

  byTokenHash(tokenHash: string): StoredApiKey | undefined {
    const row = this.byHash.get(tokenHash) as KeyRow | undefined;
    return row && fromRow(row);
  }
}

export class PostgresApiKeyStore implements ApiKeyStore {
  private constructor(private readonly pool: Pool) {}

  /** Creates the table if it is missing (idempotent, safe when several nodes start together). */
  static async open(pool: Pool): Promise<PostgresApiKeyStore> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("SELECT pg_advisory_xact_lock(hashtext('ledger api_keys'))");
      await client.query(`
        CREATE TABLE IF NOT EXISTS api_keys (
          key_id     text PRIMARY KEY,
          token_hash text NOT NULL UNIQUE,
          role       text NOT NULL,
          bodies     text NOT NULL,
          label      text,
          created_at text NOT NULL
        )`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    return new PostgresApiKeyStore(pool);
  }

  async insert(key: StoredApiKey): Promise<void> {
    await this.pool.query('INSERT INTO api_keys (key_id, token_hash, role, bodies, label, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      key.keyId,
      key.tokenHash,
      key.role,
      JSON.stringify(key.bodies),
      key.label,
      key.createdAt,
    ]);
  }

  async byTokenHash(tokenHash: string): Promise<StoredApiKey | undefined> {
    const { rows } = await this.pool.query<KeyRow>(
      'SELECT key_id, token_hash, role, bodies, label, created_at FROM api_keys WHERE token_hash = $1',
      [tokenHash],
    );
    return rows[0] && fromRow(rows[0]);
  }
}

interface KeyRow {
  key_id: string;
  token_hash: string;
  role: Role;
  bodies: string;
  label: string | null;
  created_at: string;
}

function fromRow(row: KeyRow): StoredApiKey {
  return {
    keyId: row.key_id,
    tokenHash: row.token_hash,
    role: row.role,
    bodies: JSON.parse(row.bodies),
    label: row.label,
    createdAt: row.created_at,
  };
}
