import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What this ledger node keeps beside the events: API keys and idempotency records. They are not
 * facts of the ledger, so they never go into the event store (and work the same with KurrentDB).
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
      CREATE TABLE IF NOT EXISTS idempotency_keys (
        key_id          TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        request_hash    TEXT NOT NULL,
        status          INTEGER NOT NULL,
        response        TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        PRIMARY KEY (key_id, idempotency_key)
      ) STRICT;
    `);
  }

  close(): void {
    this.db.close();
  }
}
