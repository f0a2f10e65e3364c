import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { canonicalEventText, EVIDENCE_FORMAT, EvidenceBundle, leafHash } from '@ledger/transparency-log';
import { Actor } from '../access/actor';
import { DecisionRegisterQueries } from '../decisions/decision-register.queries';
import { CheckpointSigner } from './checkpoint-signer';
import { LedgerTree } from './ledger-tree';
import { unknown } from './read-errors';
import { TransparencyStatus } from './transparency-status';
import { TreeIntegrity } from './tree-integrity';

/**
 * The evidence behind a decision's verdict as one file: every event the verdict cites with its inclusion proof,
 * against one checkpoint that covers them all (the newest one witnesses have cosigned when it does, else the
 * newest, else one signed now), the note carrying its cosignatures, and the ledger's policy beside it.
 * `node ledger-verify.mjs evidence FILE --policy POLICY` checks it with nothing but node.
 */
@Injectable()
export class DecisionEvidence {
  constructor(
    private readonly queries: DecisionRegisterQueries,
    private readonly tree: LedgerTree,
    private readonly signer: CheckpointSigner,
    private readonly status: TransparencyStatus,
    private readonly integrity: TreeIntegrity,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async of(meetingId: string, itemId: string, bodyId: string, reader: Actor | undefined, asKnownAt?: string): Promise<EvidenceBundle> {
    this.integrity.assertNotFailed();
    const view = await this.queries.meetingDecision(meetingId, itemId, bodyId, reader, asKnownAt);
    const cited = [...new Set([...view.citedEvents, ...view.verdict.findings.flatMap((finding) => finding.citedEvents)])];
    const located = cited.map((eventId) => {
      const leafIndex = this.tree.leafIndexOfEvent(eventId);
      if (leafIndex === undefined) throw unknown('unknown-event', `cited event ${eventId} is not in the tree yet`);
      return { eventId, leafIndex, position: this.tree.tables.leaf(leafIndex)!.position };
    });
    const newest = Math.max(0, ...located.map(({ leafIndex }) => leafIndex + 1));
    const { treeSize } = await this.witnessedCovering(newest);
    const checkpoint = (await this.status.cosigned(treeSize))!;

    const events = await Promise.all(
      located
        .sort((a, b) => a.leafIndex - b.leafIndex)
        .map(async ({ eventId, leafIndex, position }) => {
          const [event] = await this.store.readAll(position, 1);
          const canonical = canonicalEventText(event);
          return {
            eventId,
            position,
            leafIndex,
            canonical,
            leafHash: leafHash(canonical).toString('base64'),
            inclusionProof: this.tree.tables.inclusionProof(leafIndex, treeSize).map((hash) => hash.toString('base64')),
          };
        }),
    );
    return {
      format: EVIDENCE_FORMAT,
      // The verdict comes disclosed for this reader from the query; the events stay as stored (their sealed bytes are what the proofs prove).
      subject: { decisionId: view.decisionId, meetingId, itemId, bodyId, verdict: view.verdict, asKnownAt: view.asKnownAt },
      cited,
      checkpoint: checkpoint.note,
      policy: (await this.status.view()).policy,
      events,
    };
  }

  /** The newest cosigned checkpoint covering the first `size` leaves, else the newest (or one signed now). */
  private async witnessedCovering(size: number): Promise<{ treeSize: number }> {
    const sizes = (await this.tree.checkpoints.sizes()).filter((treeSize) => treeSize >= size).reverse();
    for (const treeSize of sizes) if ((await this.tree.checkpoints.cosignatures(treeSize)).length > 0) return { treeSize };
    return this.signer.covering(size);
  }
}
