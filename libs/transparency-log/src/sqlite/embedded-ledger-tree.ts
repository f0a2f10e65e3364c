import type Database from 'better-sqlite3';
import type { SqliteAppendObserver, StoredEventRow } from '@ledger/event-store/sqlite/sqlite-event-store';
import { canonicalStoredText, storedFields } from '../event-leaf';
import { leafHash } from '../hashing';
import { Leaf, MerkleTreeTables } from './merkle-tables';

const REBUILD_PAGE = 10_000;

/** A stored row's leaf: its canonical text, hashed, without parsing its JSON. */
export function leafOfRow(row: StoredEventRow): Leaf {
  return { position: row[0], hash: leafHash(canonicalStoredText(storedFields(row))) };
}

/** An append the tree refuses, so the events are not written either (it runs in their transaction). */
export class TreeRefusesAppend extends Error {
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The tree of the embedded store, kept in ledger.sqlite itself and written in the same transaction as the
 * events it covers, so every committed position has its root. Attach it with `SqliteEventStore.observe`.
 *
 * It never fills itself in: a tree that does not end where the events do (events appended without it, or a
 * tree cut short or deleted) refuses every append, and only an explicit `rebuild()` (`npm run ledger -- tree
 * rebuild --reason`) hashes the events in again. Until the start-up check has passed, appends are refused too.
 */
export class EmbeddedLedgerTree implements SqliteAppendObserver {
  private attached?: { tables: MerkleTreeTables; after: Database.Statement; byId: Database.Statement };
  private refusal?: TreeRefusesAppend;

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
  }

  /** From now on every append is refused with `refusal` (undefined: appends are accepted again). */
  refuseAppends(refusal: TreeRefusesAppend | undefined): void {
    this.refusal = refusal;
  }

  /** Leaf index of the event with this id (the store finds ids; the tree need not keep them). */
  leafIndexOfEvent(eventId: string): number | undefined {
    const position = this.attached?.byId.get(eventId) as number | undefined;
    return position === undefined ? undefined : this.tables.leafIndexOf(position);
  }

  recorded(rows: readonly StoredEventRow[]): void {
    if (rows.length === 0) return;
    if (this.refusal) throw this.refusal;
    const tables = this.tables;
    const last = tables.lastPosition();
    if (last !== rows[0][0] - 1) {
      throw new TreeRefusesAppend(
        'tree-differs',
        `the tree ends at position ${last} but the events at ${rows[0][0] - 1}: it is not rebuilt silently (npm run ledger -- tree rebuild --reason "…")`,
      );
    }
    tables.append(rows.map(leafOfRow));
  }

  /** Every leaf discarded and every event hashed in again, in position order: for `tree rebuild` only. */
  rebuild(): number {
    const { tables, after } = this.attached!;
    tables.db
      .transaction(() => {
        tables.discardEveryLeaf();
        for (;;) {
          const rows = after.all(tables.lastPosition(), REBUILD_PAGE) as StoredEventRow[];
          if (rows.length === 0) return;
          tables.append(rows.map(leafOfRow));
        }
      })
      .immediate();
    return tables.size();
  }
}
