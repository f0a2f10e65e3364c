import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client, type Pool, type PoolConfig } from 'pg';

/**
 * Where the wrapped data keys and the tombstones of destroyed ones are kept: this node's ledger-keys.sqlite,
 * or, on a shared PostgreSQL (store/shared-postgres.ts), tables that every node reads. Reads are synchronous (a
 * sealed text is opened while an answer is mapped); a store on a server answers them from a copy in memory.
 */
export interface ContentKeyRows {
  /** Kept for several nodes: a key may be destroyed elsewhere, so a key in memory is good only while the store still holds it. */
  readonly shared: boolean;
  /** The wrapped key, 'destroyed' (a tombstone), or undefined (never made). */
  find(ref: string): Buffer | 'destroyed' | undefined;
  /** Before sealing under these keys: each stored where every node finds it, a new one wrapped by `wrapNew`. */
  ensure(refs: readonly string[], wrapNew: () => Buffer): void | Promise<void>;
  /** The wrapped key deleted and a tombstone kept; resolves once durable. */
  destroy(ref: string): void | Promise<void>;
  close(): void | Promise<void>;
}

export class SqliteContentKeyRows implements ContentKeyRows {
  readonly shared = false;
  private readonly db: Database.Database;
  private readonly statements;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'ledger-keys.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS data_keys (ref TEXT PRIMARY KEY, wrapped BLOB NOT NULL) STRICT;
      CREATE TABLE IF NOT EXISTS destroyed_keys (ref TEXT PRIMARY KEY, destroyed_at TEXT NOT NULL) STRICT;
    `);
    this.statements = {
      get: this.db.prepare('SELECT wrapped FROM data_keys WHERE ref = ?').pluck(),
      destroyed: this.db.prepare('SELECT 1 FROM destroyed_keys WHERE ref = ?').pluck(),
      insert: this.db.prepare('INSERT OR IGNORE INTO data_keys (ref, wrapped) VALUES (?, ?)'),
      remove: this.db.prepare('DELETE FROM data_keys WHERE ref = ?'),
      tombstone: this.db.prepare('INSERT OR IGNORE INTO destroyed_keys (ref, destroyed_at) VALUES (?, ?)'),
    };
  }

  find(ref: string): Buffer | 'destroyed' | undefined {
    const wrapped = this.statements.get.get(ref) as Buffer | undefined;
    if (wrapped) return wrapped;
    return this.statements.destroyed.get(ref) ? 'destroyed' : undefined;
  }

  ensure(refs: readonly string[], wrapNew: () => Buffer): void {
    for (const ref of refs) if (this.find(ref) === undefined) this.statements.insert.run(ref, wrapNew());
  }

  destroy(ref: string): void {
    this.db.transaction(() => {
      this.statements.remove.run(ref);
      this.statements.tombstone.run(ref, new Date().toISOString());
    })();
    // The deleted page may linger in the WAL until a checkpoint: truncate it now.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  close(): void {
    this.db.close();
  }
}

const CHANNEL = 'ledger_content_keys';

/**
 * The content keys in PostgreSQL, one set for every node. This node answers reads from a copy of both tables,
 * loaded at start and kept current by NOTIFY (each insert or destruction names its ref; a lost connection
 * reloads the copy). What a node is told late is harmless: a text whose key it has not heard of yet reads
 * unavailable for that moment, and an erased text is withheld by the erasure's event whatever the key.
 */
export class PostgresContentKeyRows implements ContentKeyRows {
  readonly shared = true;
  private readonly copy = new Map<string, Buffer | 'destroyed'>();
  private listener: Client | undefined;
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly config: PoolConfig,
  ) {}

  static async open(pool: Pool): Promise<PostgresContentKeyRows> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("SELECT pg_advisory_xact_lock(hashtext('ledger content keys'))");
      await client.query(`
        CREATE TABLE IF NOT EXISTS content_keys (ref text PRIMARY KEY, wrapped bytea NOT NULL);
        CREATE TABLE IF NOT EXISTS destroyed_content_keys (ref text PRIMARY KEY, destroyed_at text NOT NULL);`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    const rows = new PostgresContentKeyRows(pool, pool.options);
    await rows.listen();
    return rows;
  }

  find(ref: string): Buffer | 'destroyed' | undefined {
    return this.copy.get(ref);
  }

  /** Inserted unless there (the first node's key wins a race), then read back: sealing uses the stored key. */
  async ensure(refs: readonly string[], wrapNew: () => Buffer): Promise<void> {
    const missing = refs.filter((ref) => !this.copy.has(ref));
    if (missing.length === 0) return;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      for (const ref of missing) {
        await client.query('INSERT INTO content_keys (ref, wrapped) VALUES ($1, $2) ON CONFLICT (ref) DO NOTHING', [ref, wrapNew()]);
        await client.query('SELECT pg_notify($1, $2)', [CHANNEL, ref]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    await this.refresh(missing);
  }

  async destroy(ref: string): Promise<void> {
    this.copy.set(ref, 'destroyed');
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('DELETE FROM content_keys WHERE ref = $1', [ref]);
      await client.query('INSERT INTO destroyed_content_keys (ref, destroyed_at) VALUES ($1, $2) ON CONFLICT (ref) DO NOTHING', [
        ref,
        new Date().toISOString(),
      ]);
      await client.query('SELECT pg_notify($1, $2)', [CHANNEL, ref]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.listener?.end().catch(() => undefined);
  }

  /** Reads these refs (every ref when none are named) into the copy. */
  private async refresh(refs?: readonly string[]): Promise<void> {
    const where = refs ? 'WHERE ref = ANY($1::text[])' : '';
    const values = refs ? [refs] : [];
    const [keys, tombstones] = await Promise.all([
      this.pool.query<{ ref: string; wrapped: Buffer }>(`SELECT ref, wrapped FROM content_keys ${where}`, values),
      this.pool.query<{ ref: string }>(`SELECT ref FROM destroyed_content_keys ${where}`, values),
    ]);
    for (const { ref, wrapped } of keys.rows) this.copy.set(ref, wrapped);
    for (const { ref } of tombstones.rows) this.copy.set(ref, 'destroyed');
  }

  private async listen(): Promise<void> {
    const client = new Client({ ...this.config, idle_in_transaction_session_timeout: undefined });
    const lost = () => {
      if (this.listener !== client) return;
      this.listener = undefined;
      void client.end().catch(() => undefined);
      setTimeout(() => {
        if (!this.closed) void this.listen().catch((error: Error) => Logger.error(`content keys: ${error.message}`, 'ContentKeys'));
      }, 1000).unref();
    };
    client.on('notification', ({ payload }) => {
      // Each insert or destruction names its ref.
      void (payload ? this.refresh([payload]) : this.refresh()).catch(() => undefined);
    });
    client.on('error', lost);
    client.on('end', lost);
    this.listener = client;
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    // Listening first, then reading: nothing inserted in between is missed.
    await this.refresh();
  }
}
