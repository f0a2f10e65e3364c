import type { Pool } from 'pg';
import type { LocalDatabase } from '../local-database/local-database';
import type { Role } from './actor';

/** An API key as stored: never the token, only its SHA-256; the person it was given to; when it was revoked. */
export interface StoredApiKey {
  keyId: string;
  tokenHash: string;
  role: Role;
  bodies: string[];
  person: string | null;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export type Revocation = 'revoked' | 'already-revoked' | 'unknown';

/**
 * Where the API keys are kept: this node's ledger-local.sqlite, or a table of the shared PostgreSQL
 * (store/shared-postgres.ts), so a key issued (or revoked) on one node is accepted (or refused) by every node. The SQLite store
 * answers at once; the PostgreSQL one with a promise.
 */
export interface ApiKeyStore {
  insert(key: StoredApiKey): void | Promise<void>;
  byKeyId(keyId: string): StoredApiKey | undefined | Promise<StoredApiKey | undefined>;
  /** Every key, oldest first. */
  list(): StoredApiKey[] | Promise<StoredApiKey[]>;
  /** Sets revoked_at once: a key already revoked keeps its first date. */
  revoke(keyId: string, at: string): Revocation | Promise<Revocation>;
}

export const API_KEY_STORE = Symbol('API_KEY_STORE');

const COLUMNS = 'key_id, token_hash, role, bodies, person, label, created_at, revoked_at';
const INSERT = `INSERT INTO api_keys (${COLUMNS})`;

export class SqliteApiKeyStore implements ApiKeyStore {
  private readonly byId;
  private readonly insertRow;
  private readonly revokeRow;

  constructor(private readonly local: LocalDatabase) {
    // Prepared once: every authenticated request asks.
    this.byId = local.db.prepare(`SELECT ${COLUMNS} FROM api_keys WHERE key_id = ?`);
    this.insertRow = local.db.prepare(`${INSERT} VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.revokeRow = local.db.prepare('UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL');
  }

  insert(key: StoredApiKey): void {
    this.insertRow.run(...toRow(key));
  }

  byKeyId(keyId: string): StoredApiKey | undefined {
    const row = this.byId.get(keyId) as KeyRow | undefined;
    return row && fromRow(row);
  }

  list(): StoredApiKey[] {
    return (this.local.db.prepare(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, key_id`).all() as KeyRow[]).map(fromRow);
  }

  revoke(keyId: string, at: string): Revocation {
    if (this.revokeRow.run(at, keyId).changes === 1) return 'revoked';
    return this.byId.get(keyId) ? 'already-revoked' : 'unknown';
  }
}

export class PostgresApiKeyStore implements ApiKeyStore {
  private constructor(private readonly pool: Pool) {}

  /** Creates the table, or adds the columns keys gained, if missing (idempotent, safe when several nodes start together). */
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
      // Keys made before keys named people and could be revoked: no person, not revoked.
      await client.query('ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS person text');
      await client.query('ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS revoked_at text');
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
    await this.pool.query(`${INSERT} VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, toRow(key));
  }

  async byKeyId(keyId: string): Promise<StoredApiKey | undefined> {
    const { rows } = await this.pool.query<KeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE key_id = $1`, [keyId]);
    return rows[0] && fromRow(rows[0]);
  }

  async list(): Promise<StoredApiKey[]> {
    const { rows } = await this.pool.query<KeyRow>(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, key_id`);
    return rows.map(fromRow);
  }

  async revoke(keyId: string, at: string): Promise<Revocation> {
    const { rowCount } = await this.pool.query('UPDATE api_keys SET revoked_at = $1 WHERE key_id = $2 AND revoked_at IS NULL', [at, keyId]);
    if (rowCount === 1) return 'revoked';
    return (await this.byKeyId(keyId)) ? 'already-revoked' : 'unknown';
  }
}

interface KeyRow {
  key_id: string;
  token_hash: string;
  role: Role;
  bodies: string;
  person: string | null;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

function toRow(key: StoredApiKey): [string, string, Role, string, string | null, string | null, string, string | null] {
  return [key.keyId, key.tokenHash, key.role, JSON.stringify(key.bodies), key.person, key.label, key.createdAt, key.revokedAt];
}

function fromRow(row: KeyRow): StoredApiKey {
  return {
    keyId: row.key_id,
    tokenHash: row.token_hash,
    role: row.role,
    bodies: JSON.parse(row.bodies),
    person: row.person,
    label: row.label,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}
