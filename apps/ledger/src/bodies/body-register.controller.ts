import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthorityQueries } from '../authority/authority.queries';
import { AsKnownAtQuery, BodiesQuery } from '../read-models/query.dto';
import { BodyRegisterQueries } from './body-register.queries';

/** Public reads: bodies, their lineage and the authority they held. */
@ApiTags('bodies')
@Controller('bodies')
export class BodyRegisterController {
  constructor(
    private readonly bodies: BodyRegisterQueries,
    private readonly authority: AuthorityQueries,
  ) {}

  @Get()
  list(@Query() query: BodiesQuery) {
    return this.bodies.bodiesAt(query.at, query.kind, query.odsCode, query.asKnownAt);
  }

  @Get('ods/:odsCode')
  byOdsCode(@Param('odsCode') odsCode: string, @Query() query: AsKnownAtQuery) {
    return this.bodies.byOdsCode(odsCode, query.asKnownAt);
  }

  @Get(':bodyId')
  body(@Param('bodyId') bodyId: string, @Query() query: AsKnownAtQuery) {
    return this.bodies.body(bodyId, query.asKnownAt);
  }

  @Get(':bodyId/authority')
  bodyAuthority(@Param('bodyId') bodyId: string, @Query() query: AsKnownAtQuery) {
    return this.authority.ofBody(bodyId, query.asKnownAt);
  }
}
