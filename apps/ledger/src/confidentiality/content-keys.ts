import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '@ledger/governance';
import { MasterKey } from './master-key';

/** A key held and readable; destroyed (a tombstone); held but wrapped by another master key; or never made here. */
export type ContentKey = { key: Buffer } | { destroyed: true } | { unreadable: true } | { missing: true };

/**
 * The data key of each content owner's generation (an agenda item's, or a meeting's minutes), wrapped by
 * the master key, in a database of its own beside the event store. Destroying a key is the one erasure
 * the ledger knows: the row goes with `secure_delete` (its bytes are overwritten) and the WAL is truncated,
 * and a tombstone remembers that it was destroyed rather than never made here.
 */
export class ContentKeys {
  private readonly db: Database.Database;
  private readonly unwrapped = new Map<string, Buffer>();
  private readonly statements;

  constructor(
    dataDir: string,
    private readonly master: MasterKey,
  ) {
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

  /** The key to seal new content with, made on first use; a destroyed generation is never made again. */
  keyToSeal(ref: string): Buffer {
    const found = this.keyOf(ref);
    if ('key' in found) return found.key;
    if ('destroyed' in found) throw new Error(`the content key ${ref} was destroyed; new content takes the next generation`);
    if ('unreadable' in found) {
      throw new DomainError('content-key-unavailable', `the content key ${ref} is not readable with this ledger's master key`, 409);
    }
    this.statements.insert.run(ref, this.master.wrap(randomBytes(32)));
    return this.keyOrThrow(ref);
  }

  keyOf(ref: string): ContentKey {
    const kept = this.unwrapped.get(ref);
    if (kept) return { key: kept };
    const wrapped = this.statements.get.get(ref) as Buffer | undefined;
    if (wrapped) {
      // Wrapped by another master key (a copy of the folder without its own): not readable here.
      const key = unwrapOrUndefined(this.master, wrapped);
      if (!key) return { unreadable: true };
      this.unwrapped.set(ref, key);
      return { key };
    }
    return this.statements.destroyed.get(ref) ? { destroyed: true } : { missing: true };
  }

  /** Idempotent: destroying a destroyed (or never made) key leaves the tombstone. */
  destroy(ref: string): void {
    this.unwrapped.get(ref)?.fill(0);
    this.unwrapped.delete(ref);
    this.db.transaction(() => {
      this.statements.remove.run(ref);
      this.statements.tombstone.run(ref, new Date().toISOString());
    })();
    // The deleted page may linger in the WAL until a checkpoint: truncate it now.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** A MAC of `text` under the master key (hex). */
  fingerprint(text: string): string {
    return this.master.mac(Buffer.from(text, 'utf8')).toString('hex');
  }

  close(): void {
    this.db.close();
  }

  private keyOrThrow(ref: string): Buffer {
    const found = this.keyOf(ref);
    if (!('key' in found)) throw new Error(`no content key ${ref}`);
    return found.key;
  }
}

function unwrapOrUndefined(master: MasterKey, wrapped: Buffer): Buffer | undefined {
  try {
    return master.unwrap(wrapped);
  } catch {
    return undefined;
  }
}
