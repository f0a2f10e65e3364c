import { CheckpointRecord, signCheckpoint } from '@ledger/transparency-log';
import { LedgerTree } from './ledger-tree';
import { ALWAYS_HELD, SignerLock } from './signer-lock';
import { LedgerSigningKey } from './signing-key';
import { TransparencySettings } from './transparency.settings';
import { TreeIntegrity } from './tree-integrity';

/**
 * Signs the tree now and then: once `everyEvents` leaves have been added since the last checkpoint, or
 * `everySeconds` after it when any have; at start if the tree grew while the ledger was down; and on shutdown,
 * so a ledger stopped cleanly has every event under a signature. Nothing is signed before the start-up check
 * has passed, nor after one that failed, nor on its schedule by a node that does not hold the signer's lock
 * (several nodes on PostgreSQL: signer-lock.ts). Each new checkpoint is handed to the listeners (the
 * witnesses, the public site's copy).
 */
export class CheckpointSigner {
  private timer?: NodeJS.Timeout;
  private signing: Promise<unknown> = Promise.resolve();
  private readonly listeners: ((record: CheckpointRecord) => void)[] = [];

  constructor(
    private readonly tree: LedgerTree,
    private readonly key: LedgerSigningKey,
    private readonly settings: TransparencySettings,
    private readonly integrity: TreeIntegrity,
    private readonly lock: SignerLock = ALWAYS_HELD,
  ) {}

  /** Whether this node signs on the schedule (it holds the signer's lock). */
  get scheduled(): boolean {
    return this.lock.held();
  }

  onSigned(listener: (record: CheckpointRecord) => void): void {
    this.listeners.push(listener);
  }

  start(): void {
    void this.integrity.settled().then((check) => (check.status === 'passed' ? this.signIfDue(true) : undefined));
    const tick = Math.min(1, this.settings.everySeconds) * 1000;
    this.timer = setInterval(() => void this.signIfDue(false).catch(() => undefined), tick);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.signIfDue(true).catch(() => undefined);
  }

  /** The checkpoint of the tree as it stands, signed now if it is not yet; refused (503) unless the tree is verified. */
  async signLatest(): Promise<CheckpointRecord> {
    this.integrity.assertVerified();
    const signed = this.signing.then(() => this.sign());
    this.signing = signed.catch(() => undefined);
    return signed;
  }

  /**
   * The rebuilt tree signed, whatever the check says of it: `tree rebuild` does this in the open, so the witnesses
   * see the rebuilt history and refuse it if it does not extend what they cosigned.
   */
  async signAfterRebuild(): Promise<CheckpointRecord> {
    return this.sign();
  }

  /** The newest checkpoint if it covers the first `size` leaves, else one signed now. */
  async covering(size: number): Promise<CheckpointRecord> {
    const latest = await this.tree.checkpoints.latest();
    return latest && latest.treeSize >= size ? latest : this.signLatest();
  }

  private async sign(): Promise<CheckpointRecord> {
    const { tables, checkpoints } = this.tree;
    const size = tables.size();
    const existing = await checkpoints.at(size);
    if (existing) return existing;
    const rootHash = tables.root(size);
    const note = signCheckpoint({ origin: this.settings.origin, size, rootHash }, this.key.signer);
    await checkpoints.save({ treeSize: size, rootHash, note, signedAt: new Date().toISOString() });
    const record = (await checkpoints.at(size))!;
    for (const listener of this.listeners) listener(record);
    return record;
  }

  private async signIfDue(always: boolean): Promise<void> {
    if (this.integrity.state.status !== 'passed' || !this.lock.held()) return;
    const latest = await this.tree.checkpoints.latest();
    const added = this.tree.tables.size() - (latest?.treeSize ?? -1);
    if (added <= 0) return;
    const age = latest ? (Date.now() - Date.parse(latest.signedAt)) / 1000 : Infinity;
    if (always || added >= this.settings.everyEvents || age >= this.settings.everySeconds) await this.signLatest();
  }
}
