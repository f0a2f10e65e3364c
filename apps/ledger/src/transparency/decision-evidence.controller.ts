import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { EvidenceBundle } from '@ledger/transparency-log';
import { Actor } from '../access/actor';
import { Reader } from '../access/records.decorator';
import { RawRecords } from '../disclosure/disclosure.interceptor';
import { AsKnownAtQuery } from '../read-models/query.dto';
import { DecisionEvidence } from './decision-evidence';

/** GET the evidence file of a decision (see DecisionEvidence). */
@ApiTags('decisions')
// The key is optional on reads: it only unlocks what the reader is entitled to see.
@ApiBearerAuth()
@ApiSecurity({})
@RawRecords()
@Controller('decisions')
export class DecisionEvidenceController {
  constructor(private readonly evidence: DecisionEvidence) {}

  @Get(':meetingId/:itemId/:bodyId/evidence')
  evidenceOf(
    @Param('meetingId') meetingId: string,
    @Param('itemId') itemId: string,
    @Param('bodyId') bodyId: string,
    @Query() query: AsKnownAtQuery,
    @Reader() reader: Actor | undefined,
  ): Promise<EvidenceBundle> {
    return this.evidence.of(meetingId, itemId, bodyId, reader, query.asKnownAt);
  }
}
