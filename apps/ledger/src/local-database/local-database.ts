import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What this ledger node keeps beside the events: API keys, with the people they were given to and whether
 * revoked (on a shared PostgreSQL, they are kept in the database instead: access/api-key-store.ts). They
 * are not facts of the ledger, so they never go into the event stream (and work the same with KurrentDB). Whether a command was already
 * recorded is not kept here: the event store answers it (see RecordCommandHandler), so no crash
 * between two files can make them disagree.
 */
export class LocalDatabase {
  readonly db: Database.Database;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'ledger-local.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS api_keys (
        key_id     TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        role       TEXT NOT NULL,
        bodies     TEXT NOT NULL,
        label      TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
    `);
    migrateApiKeys(this.db);
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Keys made before keys named people and could be revoked: the two columns are added, empty (the key names no
 * person; it is not revoked). Tokens were always stored as their SHA-256 only, so no token needs rewriting.
 */
function migrateApiKeys(db: Database.Database): void {
  const columns = new Set((db.prepare('PRAGMA table_info(api_keys)').all() as { name: string }[]).map(({ name }) => name));
  if (!columns.has('person')) db.exec('ALTER TABLE api_keys ADD COLUMN person TEXT');
  if (!columns.has('revoked_at')) db.exec('ALTER TABLE api_keys ADD COLUMN revoked_at TEXT');
}
