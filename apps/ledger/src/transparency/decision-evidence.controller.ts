import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { canonicalEventText, EVIDENCE_FORMAT, EvidenceBundle, leafHash } from '@ledger/transparency-log';
import { Actor } from '../access/actor';
import { Reader } from '../access/records.decorator';
import { RawRecords } from '../confidentiality/disclosure.interceptor';
import { DecisionRegisterQueries } from '../decisions/decision-register.queries';
import { AsKnownAtQuery } from '../read-models/query.dto';
import { CheckpointSigner } from './checkpoint-signer';
import { LedgerTree } from './ledger-tree';
import { unknown } from './read-errors';

/**
 * The evidence behind a decision's verdict as one file: every event the verdict cites with its
 * inclusion proof, against one signed checkpoint (the newest, or one signed now when a cited event
 * is newer). `npm run ledger -- verify-evidence FILE` checks it with nothing but the public key.
 */
@ApiTags('decisions')
// The key is optional on reads: it only unlocks what the reader is entitled to see.
@ApiBearerAuth()
@ApiSecurity({})
@RawRecords()
@Controller('decisions')
export class DecisionEvidenceController {
  constructor(
    private readonly queries: DecisionRegisterQueries,
    private readonly tree: LedgerTree,
    private readonly signer: CheckpointSigner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get(':meetingId/:itemId/:bodyId/evidence')
  async evidence(
    @Param('meetingId') meetingId: string,
    @Param('itemId') itemId: string,
    @Param('bodyId') bodyId: string,
    @Query() query: AsKnownAtQuery,
    @Reader() reader: Actor | undefined,
  ): Promise<EvidenceBundle> {
    const view = await this.queries.meetingDecision(meetingId, itemId, bodyId, reader, query.asKnownAt);
    const cited = [...new Set([...view.citedEvents, ...view.verdict.findings.flatMap((finding) => finding.citedEvents)])];
    const located = cited.map((eventId) => {
      const leafIndex = this.tree.leafIndexOfEvent(eventId);
      if (leafIndex === undefined) throw unknown('unknown-event', `cited event ${eventId} is not in the tree yet`);
      return { eventId, leafIndex, position: this.tree.tables.leaf(leafIndex)!.position };
    });
    const newest = Math.max(0, ...located.map(({ leafIndex }) => leafIndex + 1));
    const latest = this.tree.tables.latestCheckpoint();
    const checkpoint = latest && latest.treeSize >= newest ? latest : this.signer.signLatest();

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
            inclusionProof: this.tree.tables.inclusionProof(leafIndex, checkpoint.treeSize).map((hash) => hash.toString('base64')),
          };
        }),
    );
    return {
      format: EVIDENCE_FORMAT,
      // The verdict comes disclosed for this reader from the query; the events stay as stored (their sealed bytes are what the proofs prove).
      subject: { decisionId: view.decisionId, meetingId, itemId, bodyId, verdict: view.verdict, asKnownAt: view.asKnownAt },
      cited,
      checkpoint: checkpoint.note,
      events,
    };
  }
}
