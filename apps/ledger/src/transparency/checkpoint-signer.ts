import { CheckpointRecord, signCheckpoint } from '@ledger/transparency-log';
import { LedgerTree } from './ledger-tree';
import { LedgerSigningKey } from './signing-key';

/**
 * Signs the tree now and then: once `everyEvents` leaves have been added since the last checkpoint,
 * or `everySeconds` after it when any have; at start if the tree grew while the ledger was down; and
 * on shutdown, so a ledger stopped cleanly has every event under a signature. Checkpoints are kept
 * in the tree's database, each signed once.
 */
export class CheckpointSigner {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly tree: LedgerTree,
    private readonly key: LedgerSigningKey,
  ) {}

  start(): void {
    this.signIfDue(true);
    const tick = Math.min(1, this.key.settings.everySeconds) * 1000;
    this.timer = setInterval(() => this.signIfDue(false), tick);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.signIfDue(true);
  }

  /** The checkpoint of the tree as it stands, signed now if it is not yet. */
  signLatest(): CheckpointRecord {
    const { tables } = this.tree;
    const size = tables.size();
    const existing = tables.checkpointAt(size);
    if (existing) return existing;
    const rootHash = tables.root(size);
    const note = signCheckpoint({ origin: this.key.settings.origin, size, rootHash }, this.key.keyName, this.key.privateKey);
    tables.saveCheckpoint({ treeSize: size, rootHash, note, signedAt: new Date().toISOString() });
    return tables.checkpointAt(size)!;
  }

  private signIfDue(always: boolean): void {
    const { tables } = this.tree;
    const latest = tables.latestCheckpoint();
    const added = tables.size() - (latest?.treeSize ?? -1);
    if (added <= 0) return;
    const age = latest ? (Date.now() - Date.parse(latest.signedAt)) / 1000 : Infinity;
    if (always || added >= this.key.settings.everyEvents || age >= this.key.settings.everySeconds) this.signLatest();
  }
}
