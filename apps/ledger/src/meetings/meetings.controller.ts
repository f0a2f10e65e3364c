import { applyDecorators, Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { Actor } from '../access/actor';
import { Reader } from '../access/records.decorator';
import { LedgerErrorDto } from '../recording/command-routes';
import { BodyMeetingsQuery, MeetingQuery, MeetingsQuery } from './dto/meeting-read.dto';
import { MeetingQueries } from './meeting-queries';
import { MEETING_ANSWER, MEETINGS_ANSWER } from './meeting-read.schema';

/** A read's OpenAPI entry: its summary, its answer, and its refusals in the one error shape. */
const read = (summary: string, schema: object, notFound: string) =>
  applyDecorators(
    ApiOperation({ summary }),
    ApiOkResponse({ schema }),
    ApiBadRequestResponse({ type: LedgerErrorDto, description: 'a query parameter that is not valid (rule invalid-field names it)' }),
    ApiNotFoundResponse({ type: LedgerErrorDto, description: notFound }),
  );

/**
 * Public reads of meetings: upcoming and past, and one meeting whole. A key (officer, auditor, admin) is
 * optional and unlocks the content of Part 2 items its holder is entitled to.
 */
@ApiTags('meetings')
@ApiBearerAuth()
@ApiSecurity({})
@Controller()
export class MeetingsController {
  constructor(private readonly queries: MeetingQueries) {}

  @Get('meetings')
  @read('Meetings, upcoming and past, each with its status (of a body, between dates)', MEETINGS_ANSWER, 'the body is not recorded')
  list(@Query() query: MeetingsQuery) {
    return this.queries.meetings(query);
  }

  @Get('bodies/:bodyId/meetings')
  @read('The meetings of a body (alone or in common), upcoming and past, each with its status', MEETINGS_ANSWER, 'the body is not recorded')
  ofBody(@Param('bodyId') bodyId: string, @Query() query: BodyMeetingsQuery) {
    return this.queries.meetings(query, bodyId);
  }

  @Get('meetings/:meetingId')
  @read(
    'A meeting whole: its status, agenda, attendance, declarations, motions, votes, decisions with verdicts, minutes and call-ins',
    MEETING_ANSWER,
    'the meeting is not recorded',
  )
  meeting(@Param('meetingId') meetingId: string, @Query() query: MeetingQuery, @Reader() reader: Actor | undefined) {
    return this.queries.meeting(meetingId, reader, query.at, query.asKnownAt);
  }
}
