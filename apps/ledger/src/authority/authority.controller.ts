import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthorityPointQuery, AuthorityTimelineQuery } from '../read-models/query.dto';
import { AuthorityQueries } from './authority.queries';

/** Public: who held authority is public information (no key needed). */
@ApiTags('authority')
@Controller('authority')
export class AuthorityController {
  constructor(private readonly queries: AuthorityQueries) {}

  @Get()
  at(@Query() query: AuthorityPointQuery) {
    return this.queries.at(query.function, query.area, query.at, query.asKnownAt);
  }

  @Get('timeline')
  timeline(@Query() query: AuthorityTimelineQuery) {
    return this.queries.timeline(query.function, query.area, query.asKnownAt);
  }
}
