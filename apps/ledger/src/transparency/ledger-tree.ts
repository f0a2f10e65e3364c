import { EventStore, SqliteEventStore } from '@ledger/event-store';
import { EmbeddedLedgerTree, MerkleTreeTables, TreeProjection } from '@ledger/transparency-log';
import { join } from 'node:path';

/** The tree projection's own file, for a store that cannot keep the tree in its transactions. */
export const TREE_PROJECTION_FILE = 'ledger-tree.sqlite';

/**
 * The ledger's Merkle tree, whichever store holds the events: in ledger.sqlite, in the append
 * transaction (embedded store), or a projection of the ledger's own into ledger-tree.sqlite (KurrentDB).
 */
export class LedgerTree {
  private constructor(
    readonly tables: MerkleTreeTables,
    private readonly eventIndex: (eventId: string) => number | undefined,
    private readonly projection?: TreeProjection,
  ) {}

  static open(store: EventStore, dataDir: string): LedgerTree {
    if (store instanceof SqliteEventStore) {
      const embedded = new EmbeddedLedgerTree();
      store.observe(embedded);
      return new LedgerTree(embedded.tables, (id) => embedded.leafIndexOfEvent(id));
    }
    const projection = new TreeProjection(store, join(dataDir, TREE_PROJECTION_FILE));
    // Follows the store from its checkpoint; a failure surfaces in `done`, and proofs stay at the last leaf reached.
    void projection.start().catch(() => undefined);
    return new LedgerTree(projection.tables, (id) => projection.tables.leafIndexOfEvent(id), projection);
  }

  leafIndexOfEvent(eventId: string): number | undefined {
    return this.eventIndex(eventId);
  }

  /** Resolves once the tree holds the event at `position`. */
  async caughtUpTo(position: number): Promise<void> {
    await this.projection?.caughtUpTo(position);
  }

  async close(): Promise<void> {
    await this.projection?.stop();
  }
}
