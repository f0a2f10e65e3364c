import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EventStore, RecordedEvent, Subscription } from '@ledger/event-store';
import { eventLeafHash } from '../event-leaf';
import { MerkleTreeTables } from '../sqlite/merkle-tables';

/**
 * The tree of a store that cannot run the ledger's code inside its own transactions (KurrentDB): a
 * projection of the ledger's own, following `$all` through the port's catch-up subscription into a
 * local SQLite file. Its checkpoint is the position of its newest leaf, written in the same
 * transaction as that leaf, so a restart resumes exactly after it (`subscribeToAll({ after })` is
 * exclusive). KurrentDB positions are sparse, so leaves are mapped to positions and event ids.
 * The root is known at every position the projection has reached; `caughtUpTo` waits for one.
 */
export class TreeProjection {
  readonly tables: MerkleTreeTables;
  private readonly db: Database.Database;
  private readonly appendLeaf: (event: RecordedEvent) => void;
  private subscription?: Subscription;
  private waiters: { position: number; resolve: () => void }[] = [];

  constructor(
    private readonly store: EventStore,
    file: string,
  ) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // A crash may lose the newest leaves, never half of one: the subscription replays them from the checkpoint.
    this.db.pragma('synchronous = NORMAL');
    this.tables = new MerkleTreeTables(this.db, { positions: 'sparse' });
    this.appendLeaf = this.db.transaction((event: RecordedEvent) => {
      // A replay after a crash between the store's delivery and our commit: already a leaf.
      if (event.globalPosition <= this.tables.lastPosition()) return;
      this.tables.append([{ position: event.globalPosition, hash: eventLeafHash(event), eventId: event.id }]);
    });
  }

  /** Follows the store from the checkpoint; resolves once every event that existed at start is a leaf. */
  async start(): Promise<void> {
    this.subscription = this.store.subscribeToAll(
      (event) => {
        this.appendLeaf(event);
        this.release();
      },
      { after: this.tables.lastPosition() },
    );
    await this.subscription.caughtUp;
  }

  /** `tree rebuild`: every leaf discarded and the store followed again from its first event. */
  async rebuild(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
    this.tables.discardEveryLeaf();
    await this.start();
  }

  /** Resolves once the event at `position` (or a later one) is a leaf. */
  caughtUpTo(position: number): Promise<void> {
    if (this.tables.lastPosition() >= position) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  get done(): Promise<void> {
    return this.subscription?.done ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.db.close();
  }

  private release(): void {
    const reached = this.tables.lastPosition();
    const ready = this.waiters.filter((waiter) => waiter.position <= reached);
    this.waiters = this.waiters.filter((waiter) => waiter.position > reached);
    for (const waiter of ready) waiter.resolve();
  }
}
