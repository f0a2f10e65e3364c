import { randomBytes } from 'node:crypto';
import { DomainError } from '@ledger/governance';
import { ContentKeyRows, SqliteContentKeyRows } from './content-key-rows';
import { MasterKey } from './master-key';

/** A key held and readable; destroyed (a tombstone); held but wrapped by another master key; or never made here. */
export type ContentKey = { key: Buffer } | { destroyed: true } | { unreadable: true } | { missing: true };

/**
 * The data key of each content owner's generation (an agenda item's, or a meeting's minutes), wrapped by
 * the master key, kept apart from the event store (content-key-rows.ts: ledger-keys.sqlite, or tables of
 * their own in PostgreSQL shared by every node). Destroying a key is the one erasure the ledger knows: the
 * row goes (on SQLite with `secure_delete`, its bytes overwritten, and the WAL truncated), and a tombstone
 * remembers that it was destroyed rather than never made here.
 */
export class ContentKeys {
  private readonly unwrapped = new Map<string, Buffer>();
  private readonly rows: ContentKeyRows;

  constructor(
    place: string | ContentKeyRows,
    private readonly master: MasterKey,
  ) {
    this.rows = typeof place === 'string' ? new SqliteContentKeyRows(place) : place;
  }

  /** Before `keyToSeal` is asked for these refs: each key made and stored where every node finds it. */
  async prepareToSeal(refs: readonly string[]): Promise<void> {
    await this.rows.ensure(
      refs.filter((ref) => !this.unwrapped.has(ref)),
      () => this.master.wrap(randomBytes(32)),
    );
  }

  /** The key to seal new content with, made on first use; a destroyed generation is never made again. */
  keyToSeal(ref: string): Buffer {
    const found = this.keyOf(ref);
    if ('key' in found) return found.key;
    if ('destroyed' in found) throw new Error(`the content key ${ref} was destroyed; new content takes the next generation`);
    if ('unreadable' in found) {
      throw new DomainError('content-key-unavailable', `the content key ${ref} is not readable with this ledger's master key`, 409);
    }
    const made = this.rows.ensure([ref], () => this.master.wrap(randomBytes(32)));
    // A store on a server makes keys in prepareToSeal, before the sealing that needs them.
    if (made instanceof Promise) throw new Error(`the content key ${ref} was not prepared before sealing`);
    return this.keyOrThrow(ref);
  }

  keyOf(ref: string): ContentKey {
    // Shared keys are looked up each time (in memory): one destroyed on another node is forgotten here.
    if (this.rows.shared && this.rows.find(ref) === 'destroyed') this.forget(ref);
    const kept = this.unwrapped.get(ref);
    if (kept) return { key: kept };
    const found = this.rows.find(ref);
    if (found === 'destroyed') return { destroyed: true };
    if (found) {
      // Wrapped by another master key (a copy of the folder without its own): not readable here.
      const key = unwrapOrUndefined(this.master, found);
      if (!key) return { unreadable: true };
      this.unwrapped.set(ref, key);
      return { key };
    }
    return { missing: true };
  }

  /** Idempotent: destroying a destroyed (or never made) key leaves the tombstone. Resolves once durable. */
  async destroy(ref: string): Promise<void> {
    this.forget(ref);
    await this.rows.destroy(ref);
  }

  /** A MAC of `text` under the master key (hex). */
  fingerprint(text: string): string {
    return this.master.mac(Buffer.from(text, 'utf8')).toString('hex');
  }

  async close(): Promise<void> {
    await this.rows.close();
  }

  private forget(ref: string): void {
    this.unwrapped.get(ref)?.fill(0);
    this.unwrapped.delete(ref);
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
