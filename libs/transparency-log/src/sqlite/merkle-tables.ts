import type Database from 'better-sqlite3';
import { HASH_SIZE, Hash } from '../hashing';
import { CompactRange, consistencyProof, inclusionProof, PerfectSubtrees, treeRoot } from '../merkle-tree';

/**
 * Where the Merkle tree is kept: one row per leaf, holding the leaf hash followed by the hash of
 * every perfect subtree that leaf completes (leaf i completes as many as i+1 has trailing zero bits),
 * so appending an event writes one row and ~64 bytes, and any node is one primary-key read. Rows are
 * only ever added (triggers, as for the events); the signed checkpoints are in the checkpoint store.
 */
export const MERKLE_TREE_SCHEMA = `
CREATE TABLE IF NOT EXISTS merkle_leaves (
  leaf_index INTEGER PRIMARY KEY,
  position   INTEGER NOT NULL,
  hashes     BLOB    NOT NULL
) STRICT;

CREATE TRIGGER IF NOT EXISTS merkle_leaves_are_never_edited BEFORE UPDATE ON merkle_leaves
BEGIN SELECT RAISE(ABORT, 'the Merkle tree only grows'); END;
CREATE TRIGGER IF NOT EXISTS merkle_leaves_are_never_deleted BEFORE DELETE ON merkle_leaves
BEGIN SELECT RAISE(ABORT, 'the Merkle tree only grows'); END;
`;

/** For a store whose positions are sparse (KurrentDB): leaves found by position and by event id. */
const SPARSE_POSITION_SCHEMA = `
CREATE INDEX IF NOT EXISTS merkle_leaves_by_position ON merkle_leaves (position);
CREATE TABLE IF NOT EXISTS merkle_event_ids (
  event_id   TEXT    PRIMARY KEY,
  leaf_index INTEGER NOT NULL
) STRICT;
`;

export interface Leaf {
  position: number;
  hash: Hash;
  /** The event's id; kept only where the store itself cannot find an event by id. */
  eventId?: string;
}

export interface MerkleTablesOptions {
  /**
   * `dense`: positions are 1..N with leaf i at position i+1 and the events table is in the same
   * database (the embedded store); `sparse`: any increasing positions, mapped by an index (KurrentDB).
   */
  positions: 'dense' | 'sparse';
}

export class MerkleTreeTables implements PerfectSubtrees {
  private readonly statements;
  private readonly eventIds?: { insert: Database.Statement; find: Database.Statement };
  private range = new CompactRange();

  constructor(
    readonly db: Database.Database,
    options: MerkleTablesOptions,
  ) {
    db.exec(MERKLE_TREE_SCHEMA);
    if (options.positions === 'sparse') db.exec(SPARSE_POSITION_SCHEMA);
    this.statements = {
      last: db.prepare('SELECT leaf_index, position FROM merkle_leaves ORDER BY leaf_index DESC LIMIT 1').raw(true),
      hashes: db.prepare('SELECT hashes FROM merkle_leaves WHERE leaf_index = ?').pluck(),
      leaf: db.prepare('SELECT position, substr(hashes, 1, 32) FROM merkle_leaves WHERE leaf_index = ?').raw(true),
      insert: db.prepare('INSERT INTO merkle_leaves (leaf_index, position, hashes) VALUES (?, ?, ?)'),
      byPosition:
        options.positions === 'sparse' ? db.prepare('SELECT leaf_index FROM merkle_leaves WHERE position = ?').pluck() : undefined,
    };
    if (options.positions === 'sparse') {
      this.eventIds = {
        insert: db.prepare('INSERT INTO merkle_event_ids (event_id, leaf_index) VALUES (?, ?)'),
        find: db.prepare('SELECT leaf_index FROM merkle_event_ids WHERE event_id = ?').pluck(),
      };
    }
  }

  /** Number of leaves: the tree size. */
  size(): number {
    const last = this.statements.last.get() as [number, number] | undefined;
    return last ? last[0] + 1 : 0;
  }

  /** Position of the newest leaf's event (0 when empty): a projection's checkpoint. */
  lastPosition(): number {
    return (this.statements.last.get() as [number, number] | undefined)?.[1] ?? 0;
  }

  /** Appends leaves after the current last; call inside a write transaction. */
  append(leaves: readonly Leaf[]): void {
    // Another connection (a CLI import, a rolled-back transaction) may have moved the tree since: re-read its edge.
    const size = this.size();
    if (this.range.size !== size) this.range = CompactRange.of(this, size);
    let index = size;
    for (const leaf of leaves) {
      const completed = this.range.append(leaf.hash);
      this.statements.insert.run(index, leaf.position, completed.length ? Buffer.concat([leaf.hash, ...completed]) : leaf.hash);
      if (this.eventIds && leaf.eventId !== undefined) this.eventIds.insert.run(leaf.eventId, index);
      index += 1;
    }
  }

  node(level: number, index: number): Hash {
    const last = (index + 1) * 2 ** level - 1;
    const hashes = this.statements.hashes.get(last) as Buffer | undefined;
    if (!hashes || hashes.length < (level + 1) * HASH_SIZE) throw new RangeError(`subtree ${level}/${index} is not in the tree`);
    return hashes.subarray(level * HASH_SIZE, (level + 1) * HASH_SIZE);
  }

  leaf(index: number): { position: number; hash: Hash } | undefined {
    const row = this.statements.leaf.get(index) as [number, Buffer] | undefined;
    return row ? { position: row[0], hash: row[1] } : undefined;
  }

  /** Leaf index of the event at `position`, if that position holds a leaf. */
  leafIndexOf(position: number): number | undefined {
    if (!this.statements.byPosition) return this.leaf(position - 1)?.position === position ? position - 1 : undefined;
    return (this.statements.byPosition.get(position) as number | undefined) ?? undefined;
  }

  /** Leaf index of the event with this id, where the tree keeps ids (sparse positions). */
  leafIndexOfEvent(eventId: string): number | undefined {
    return (this.eventIds?.find.get(eventId) as number | undefined) ?? undefined;
  }

  root(size = this.size()): Hash {
    return treeRoot(this, size);
  }

  inclusionProof(index: number, size: number): Hash[] {
    return inclusionProof(this, index, size);
  }

  consistencyProof(from: number, to: number): Hash[] {
    return consistencyProof(this, from, to);
  }

  /**
   * Every leaf discarded, for `tree rebuild` alone: the one time rows leave this table, done in the open, by
   * name, with the triggers that forbid it set aside for that statement and put back in the same transaction.
   */
  discardEveryLeaf(): void {
    this.db.transaction(() => {
      this.db.exec('DROP TRIGGER IF EXISTS merkle_leaves_are_never_deleted; DELETE FROM merkle_leaves;');
      if (this.eventIds) this.db.exec('DELETE FROM merkle_event_ids;');
      this.db.exec(MERKLE_TREE_SCHEMA);
    })();
    this.range = new CompactRange();
  }
}
