import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Recording } from '../access/actor';
import { RecordingAs, Records } from '../access/records.decorator';
import { RecordedFacts } from '../recording/ledger-writer';
import {
  AddAgendaItemDto,
  ApproveMinutesDto,
  CallInDto,
  CastVoteDto,
  ConveneMeetingDto,
  DeclareInterestDto,
  LiftConfidentialityDto,
  ProposeMotionDto,
  RecordAttendanceDto,
  RecordCallInResultDto,
  RecordDecisionDto,
} from './dto/meeting.dto';
import { RecordMeetingFact } from './record-meeting-fact';

@ApiTags('meetings')
@Controller('meetings')
export class MeetingsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Records('officer', 'admin')
  convene(@Body() dto: ConveneMeetingDto, @RecordingAs() recording: Recording): Promise<RecordedFacts> {
    return this.commands.execute(new RecordMeetingFact({ type: 'ConveneMeeting', data: dto }, recording));
  }

  @Post(':meetingId/items')
  @Records('officer', 'admin')
  addItem(
    @Param('meetingId') meetingId: string,
    @Body() dto: AddAgendaItemDto,
    @RecordingAs() recording: Recording,
  ): Promise<RecordedFacts> {
    return this.commands.execute(new RecordMeetingFact({ type: 'AddAgendaItem', data: { ...dto, meetingId } }, recording));
  }

  @Post(':meetingId/attendance')
  @Records('officer', 'admin')
  recordAttendance(
    @Param('meetingId') meetingId: string,
    @Body() dto: RecordAttendanceDto,
    @RecordingAs() recording: Recording,
  ): Promise<RecordedFacts> {
    return this.commands.execute(new RecordMeetingFact({ type: 'RecordAttendance', data: { ...dto, meetingId } }, recording));
  }

  @Post(':meetingId/items/:itemId/declarations')
  @Records('officer', 'admin')
  declareInterest(
    @Param('meetingId') meetingId: string,
    @Param('itemId') itemId: string,
    @Body() dto: DeclareInterestDto,
    @RecordingAs() recording: Recording,
  ): Promise<RecordedFacts> {
    return this.commands.execute(new RecordMeetingFact({ type: 'DeclareInterest', data: { ...dto, meetingId, itemId } }, recording));
  }

  @Post(':meetingId/items/:itemId/motions')
  @Records('officer', 'admin')
  proposeMotion(
    @Param('meetingId') meetingId: string,
    @Param('itemId') itemId: string,
    @Body() dto: ProposeMotionDto,
    @RecordingAs() recording: Recording,
  ): Promise<RecordedFacts> {
    return this.commands.execute(new RecordMeetingFact({ type: 'ProposeMotion', data: { ...dto, meetingId, itemId } }, recording));
  }

  @Post(':meetingId/items/:itemId/votes')
  @Records('officer', 'admin')
  castVote(
    @Param('meetingId') meetingId: string,
    @Param('itemId') itemId: string,
    @Body() dto: CastVoteDto,
    @RecordingAs() recording: Recording,
  ): Promise<RecordedFacts> {
    return this.commands.execute(new RecordMeetingFact({ type: 'CastVote', data: { ...dto, meetingId, itemId } }, recording));
  }

  @Post(':meetingId/items/:itemId/decisions')
  @Records('officer', 'admin')
  recordDecision(
    @Param('meetingId') meetingId: string,
    @Param('itemId') itemId: string,
    @Body() dto: RecordDecisionDto,
    @RecordingAs() recording: Recording,
  ): Promise<RecordedFacts> {
    return this.commands.execute(new RecordMeetingFact({ type: 'RecordDecision', data: { ...dto, meetingId, itemId } }, recording));
  }

  @Post(':meetingId/items/:itemId/confidentiality-lifted')
  @Records('officer', 'admin')
  liftConfidentiality(
    @Param('meetingId') meetingId: string,
    @Param('itemId') itemId: string,
    @Body() dto: LiftConfidentialityDto,
    @RecordingAs() recording: Recording,
  ): Promise<RecordedFacts> {
    return this.commands.execute(new RecordMeetingFact({ type: 'LiftConfidentiality', data: { ...dto, meetingId, itemId } }, recording));
  }

  @Post(':meetingId/minutes-approvals')
  @Records('officer', 'admin')
  approveMinutes(
    @Param('meetingId') meetingId: string,
    @Body() dto: ApproveMinutesDto,
    @RecordingAs() recording: Recording,
  ): Promise<RecordedFacts> {
    return this.commands.execute(new RecordMeetingFact({ type: 'ApproveMinutes', data: { ...dto, meetingId } }, recording));
  }

  @Post(':meetingId/items/:itemId/call-ins')
  @Records('officer', 'admin')
  callIn(
    @Param('meetingId') meetingId: string,
    @Param('itemId') itemId: string,
    @Body() dto: CallInDto,
    @RecordingAs() recording: Recording,
  ): Promise<RecordedFacts> {
    return this.commands.execute(new RecordMeetingFact({ type: 'CallIn', data: { ...dto, meetingId, itemId } }, recording));
  }

  @Post(':meetingId/items/:itemId/call-in-results')
  @Records('officer', 'admin')
  recordCallInResult(
    @Param('meetingId') meetingId: string,
    @Param('itemId') itemId: string,
    @Body() dto: RecordCallInResultDto,
    @RecordingAs() recording: Recording,
  ): Promise<RecordedFacts> {
    return this.commands.execute(new RecordMeetingFact({ type: 'RecordCallInResult', data: { ...dto, meetingId, itemId } }, recording));
  }
}
