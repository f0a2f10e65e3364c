import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AsKnownAtQuery } from '../read-models/query.dto';
import { DelegationAnswers } from './delegation-answers';

/** Public: a delegation as recorded, with what its delegator did not hold to pass on. */
@ApiTags('delegations')
@Controller('delegations')
export class DelegationsController {
  constructor(private readonly answers: DelegationAnswers) {}

  @Get(':delegationId')
  @ApiOperation({ summary: 'A delegation as recorded, with its findings (delegator-did-not-hold: function, area, date)' })
  @ApiOkResponse({ description: 'the delegation, its variations and revocation, and its findings' })
  @ApiNotFoundResponse({ description: 'no such delegation (as known at the basis)' })
  delegation(@Param('delegationId') delegationId: string, @Query() query: AsKnownAtQuery) {
    return this.answers.delegation(delegationId, query.asKnownAt);
  }
}
