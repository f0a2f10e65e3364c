import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Actor } from '../access/actor';
import { Reader } from '../access/records.decorator';
import { AsKnownAtQuery, DecisionsQuery } from '../read-models/query.dto';
import { DecisionRegisterQueries } from './decision-register.queries';

/**
 * Public reads of decisions and how members voted. A key (officer, auditor, admin) is optional and
 * unlocks the text of confidential items; without one they show paragraph, public summary and outcome.
 */
@ApiTags('decisions')
// The key is optional on reads: it only unlocks what the reader is entitled to see.
@ApiBearerAuth()
@ApiSecurity({})
@Controller()
export class DecisionsController {
  constructor(private readonly queries: DecisionRegisterQueries) {}

  @Get('decisions')
  list(@Query() query: DecisionsQuery, @Reader() reader: Actor | undefined) {
    return this.queries.decisions(query, reader);
  }

  @Get('decisions/officer/:decisionId')
  officerDecision(@Param('decisionId') decisionId: string, @Query() query: AsKnownAtQuery, @Reader() reader: Actor | undefined) {
    return this.queries.officerDecision(decisionId, reader, query.asKnownAt);
  }

  @Get('decisions/:meetingId/:itemId/:bodyId')
  meetingDecision(
    @Param('meetingId') meetingId: string,
    @Param('itemId') itemId: string,
    @Param('bodyId') bodyId: string,
    @Query() query: AsKnownAtQuery,
    @Reader() reader: Actor | undefined,
  ) {
    return this.queries.meetingDecision(meetingId, itemId, bodyId, reader, query.asKnownAt);
  }

  @Get('recommendations/:recommendationId')
  recommendation(@Param('recommendationId') recommendationId: string, @Query() query: AsKnownAtQuery) {
    return this.queries.recommendation(recommendationId, query.asKnownAt);
  }
}
