import { Logger } from '@nestjs/common';
import { cosignedNote, StoredCosignature } from '@ledger/transparency-log';
import { TRANSPARENCY_FILE, TransparencyView, WitnessView } from '@ledger/public-contract';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerTree } from './ledger-tree';
import { LedgerSigningKey } from './signing-key';
import { TransparencySettings } from './transparency.settings';
import { TreeIntegrity } from './tree-integrity';

export type { TransparencyView, WitnessView } from '@ledger/public-contract';

/**
 * The transparency log as the ledger reports it: on /health, at GET /ledger/checkpoint, and in transparency.json
 * for the public site (rewritten, whole, by rename, after each checkpoint and each cosignature).
 */
export class TransparencyStatus {
  private readonly logger = new Logger('TransparencyLog');
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly tree: LedgerTree,
    private readonly key: LedgerSigningKey,
    private readonly settings: TransparencySettings,
    private readonly integrity: TreeIntegrity,
    private readonly dataDir: string,
  ) {}

  /** The newest checkpoint with the cosignatures kept for it, as one C2SP note. */
  async cosigned(
    treeSize?: number,
  ): Promise<
    | { record: NonNullable<Awaited<ReturnType<LedgerTree['checkpoints']['at']>>>; cosignatures: StoredCosignature[]; note: string }
    | undefined
  > {
    const record = treeSize === undefined ? await this.tree.checkpoints.latest() : await this.tree.checkpoints.at(treeSize);
    if (!record) return undefined;
    const cosignatures = await this.tree.checkpoints.cosignatures(record.treeSize);
    return { record, cosignatures, note: cosignedNote(record.note, cosignatures) };
  }

  async view(): Promise<TransparencyView> {
    const latest = await this.cosigned();
    const states = new Map((await this.tree.checkpoints.witnesses()).map((state) => [state.url, state]));
    const witnesses = await Promise.all(
      this.settings.witnesses.map(async (url): Promise<WitnessView> => {
        const state = states.get(url);
        const keyName = state?.verifierKey ? state.verifierKey.split('+')[0] : null;
        const lag = latest && state?.cosignedSize != null ? latest.record.treeSize - state.cosignedSize : null;
        const status: WitnessView['status'] = !state?.lastAttemptAt
          ? 'not-yet-asked'
          : state.lastStatus === 0
            ? 'unreachable'
            : state.lastStatus !== 200
              ? 'refusing'
              : lag === 0
                ? 'up-to-date'
                : 'behind';
        return {
          url,
          keyName,
          verifierKey: state?.verifierKey ?? null,
          cosignedSize: state?.cosignedSize ?? null,
          cosignedAt: state?.cosignedAt ?? null,
          lag,
          status,
          lastAttemptAt: state?.lastAttemptAt ?? null,
          lastError: state?.lastError ?? null,
        };
      }),
    );
    return {
      origin: this.key.origin,
      logKey: this.key.verifierKey.text,
      check: this.integrity.state,
      checkpoint: latest
        ? {
            treeSize: latest.record.treeSize,
            rootHash: latest.record.rootHash.toString('base64'),
            signedAt: latest.record.signedAt,
            note: latest.note,
            cosigners: latest.cosignatures.map(({ witness, keyName, timestamp }) => ({
              witness,
              keyName,
              cosignedAt: new Date(timestamp * 1000).toISOString(),
            })),
          }
        : null,
      witnessed: (latest?.cosignatures.length ?? 0) > 0,
      witnesses,
      policy: this.policy(witnesses),
      writtenAt: new Date().toISOString(),
    };
  }

  /** transparency.json rewritten whole (written beside, then renamed), one write at a time. */
  publish(): Promise<void> {
    this.writing = this.writing.then(async () => {
      try {
        const file = join(this.dataDir, TRANSPARENCY_FILE);
        writeFileSync(`${file}.tmp`, JSON.stringify(await this.view(), null, 2));
        renameSync(`${file}.tmp`, file);
      } catch (error) {
        this.logger.warn(`transparency.json not written: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return this.writing;
  }

  /**
   * The ledger's C2SP tlog-policy: its log key, each witness whose key it has pinned, and the quorum of
   * LEDGER_WITNESS_QUORUM (none without witnesses). An auditor may take it as a start, or write their own.
   */
  private policy(witnesses: WitnessView[]): string {
    const known = witnesses.filter((witness) => witness.verifierKey);
    const names = known.map((witness, i) => `w${i + 1}`);
    const lines = [
      `# The ${this.key.origin} ledger's own policy (C2SP tlog-policy): its key, the witnesses it asks, how many must cosign.`,
      `log ${this.key.verifierKey.text}`,
      ...known.map((witness, i) => `witness ${names[i]} ${witness.verifierKey} ${witness.url}`),
      ...witnesses.filter((witness) => !witness.verifierKey).map((witness) => `# witness ${witness.url}: its key is not known yet`),
    ];
    if (known.length === 0) lines.push('quorum none');
    else if (known.length === 1) lines.push(`quorum ${names[0]}`);
    else lines.push(`group witnesses ${Math.min(this.settings.witnessQuorum, known.length)} ${names.join(' ')}`, 'quorum witnesses');
    return `${lines.join('\n')}\n`;
  }
}
