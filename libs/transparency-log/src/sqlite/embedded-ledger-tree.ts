import type Database from 'better-sqlite3';
import type { SqliteAppendObserver, StoredEventRow } from '@ledger/event-store/sqlite/sqlite-event-store';
import { canonicalStoredText, storedFields } from '../event-leaf';
import { leafHash } from '../hashing';
import { Leaf, MerkleTreeTables } from './merkle-tables';

const CATCH_UP_PAGE = 10_000;

/** A stored row's leaf: its canonical text, hashed, without parsing its JSON. */
export function leafOfRow(row: StoredEventRow): Leaf {
  return { position: row[0], hash: leafHash(canonicalStoredText(storedFields(row))) };
}

/**
 * The tree of the embedded store, kept in ledger.sqlite itself and written in the same transaction
 * as the events it covers, so every committed position has its root. Attach it with
 * `SqliteEventStore.observe`; events appended while it was not attached (an older version, another
 * process without it) are hashed in on attach or at the next append, in position order.
 */
export class EmbeddedLedgerTree implements SqliteAppendObserver {
  private attached?: { tables: MerkleTreeTables; after: Database.Statement; byId: Database.Statement };

  get tables(): MerkleTreeTables {
    if (!this.attached) throw new Error('the ledger tree is not attached to an event store');
    return this.attached.tables;
  }

  attach(db: Database.Database): void {
    const tables = new MerkleTreeTables(db, { positions: 'dense' });
    const after = db
      .prepare(
        'SELECT position, id, stream, revision, type, data, metadata, recorded_at FROM events WHERE position > ? ORDER BY position LIMIT ?',
      )
      .raw(true);
    const byId = db.prepare('SELECT position FROM events WHERE id = ?').pluck();
    this.attached = { tables, after, byId };
    db.transaction(() => this.catchUp(Number.MAX_SAFE_INTEGER)).immediate();
  }

  /** Leaf index of the event with this id (the store finds ids; the tree need not keep them). */
  leafIndexOfEvent(eventId: string): number | undefined {
    const position = this.attached?.byId.get(eventId) as number | undefined;
    return position === undefined ? undefined : this.tables.leafIndexOf(position);
  }

  recorded(rows: readonly StoredEventRow[]): void {
    if (rows.length === 0) return;
    const tables = this.tables;
    if (tables.lastPosition() !== rows[0][0] - 1) this.catchUp(rows[0][0] - 1);
    tables.append(rows.map(leafOfRow));
  }

  /** Hashes in the events after the tree's last leaf, up to `through`. */
  private catchUp(through: number): void {
    const { tables, after } = this.attached!;
    for (;;) {
      const from = tables.lastPosition();
      if (from >= through) return;
      const rows = (after.all(from, CATCH_UP_PAGE) as StoredEventRow[]).filter((row) => row[0] <= through);
      if (rows.length === 0) return;
      tables.append(rows.map(leafOfRow));
    }
  }
}
