import { EventStore, SqliteEventStore } from '@ledger/event-store';
import {
  CheckpointStore,
  EmbeddedLedgerTree,
  MerkleTreeTables,
  SqliteCheckpointStore,
  TreeProjection,
  TreeRefusesAppend,
} from '@ledger/transparency-log';
import { join } from 'node:path';

/** The tree projection's own file, for a store that cannot keep the tree in its transactions. */
export const TREE_PROJECTION_FILE = 'ledger-tree.sqlite';

/**
 * The ledger's Merkle tree and its checkpoints, whichever store holds the events: in ledger.sqlite, in the
 * append transaction (embedded store), or a projection of the ledger's own into ledger-tree.sqlite (KurrentDB,
 * PostgreSQL), which follows the store only once the start-up check allows it. On a shared PostgreSQL the checkpoints
 * are kept in the database, one history for every node.
 */
export class LedgerTree {
  private constructor(
    readonly tables: MerkleTreeTables,
    readonly checkpoints: CheckpointStore,
    private readonly eventIndex: (eventId: string) => number | undefined,
    /** ledger.sqlite, for the embedded store: what the start-up check reads. */
    readonly ledgerFile: string | undefined,
    private readonly embedded?: EmbeddedLedgerTree,
    private readonly projection?: TreeProjection,
  ) {}

  /** `sharedCheckpoints`: where the checkpoints are kept when not in the tree's own file (PostgreSQL, shared by every node). */
  static open(store: EventStore, dataDir: string, sharedCheckpoints?: CheckpointStore): LedgerTree {
    if (store instanceof SqliteEventStore) {
      const embedded = new EmbeddedLedgerTree();
      // Refused until the start-up check has passed (TreeIntegrity).
      embedded.refuseAppends(new TreeRefusesAppend('tree-check-running', 'the ledger accepts writes once it has checked its tree'));
      store.observe(embedded);
      const { tables } = embedded;
      return new LedgerTree(tables, new SqliteCheckpointStore(tables.db), (id) => embedded.leafIndexOfEvent(id), store.file, embedded);
    }
    const projection = new TreeProjection(store, join(dataDir, TREE_PROJECTION_FILE));
    const { tables } = projection;
    return new LedgerTree(
      tables,
      sharedCheckpoints ?? new SqliteCheckpointStore(tables.db),
      (id) => tables.leafIndexOfEvent(id),
      undefined,
      undefined,
      projection,
    );
  }

  /** The checkpoints are kept in a store every node shares (PostgreSQL), not beside this node's tree. */
  get checkpointsShared(): boolean {
    return !(this.checkpoints instanceof SqliteCheckpointStore);
  }

  leafIndexOfEvent(eventId: string): number | undefined {
    return this.eventIndex(eventId);
  }

  /** Appends are refused with `refusal` (undefined: accepted). The HTTP layer refuses writes first (WritesAfterTreeCheck). */
  refuseAppends(refusal: TreeRefusesAppend | undefined): void {
    this.embedded?.refuseAppends(refusal);
  }

  /** KurrentDB: the projection follows the store from its checkpoint (resolves once caught up). */
  async follow(): Promise<void> {
    await this.projection?.start();
  }

  /** Resolves once the tree holds the event at `position`. */
  async caughtUpTo(position: number): Promise<void> {
    await this.projection?.caughtUpTo(position);
  }

  /** `tree rebuild`: every leaf discarded and the events hashed in again; the number of leaves. */
  async rebuild(): Promise<number> {
    if (this.embedded) return this.embedded.rebuild();
    await this.projection!.rebuild();
    return this.tables.size();
  }

  async close(): Promise<void> {
    await this.projection?.stop();
  }
}
