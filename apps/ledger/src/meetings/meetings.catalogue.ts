import { MeetingCommand } from '@ledger/governance/meetings/meeting.commands';
import { CatalogueEntry } from '../recording/command-catalogue';
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

const entry = (command: MeetingCommand['type'], dto: CatalogueEntry['dto'], pathIds: string[]): CatalogueEntry => ({
  command,
  dto,
  pathIds,
  dispatch: (data, recording) => new RecordMeetingFact({ type: command, data } as unknown as MeetingCommand, recording),
});

export const MEETINGS_COMMANDS: CatalogueEntry[] = [
  entry('ConveneMeeting', ConveneMeetingDto, []),
  entry('AddAgendaItem', AddAgendaItemDto, ['meetingId']),
  entry('RecordAttendance', RecordAttendanceDto, ['meetingId']),
  entry('DeclareInterest', DeclareInterestDto, ['meetingId', 'itemId']),
  entry('ProposeMotion', ProposeMotionDto, ['meetingId', 'itemId']),
  entry('CastVote', CastVoteDto, ['meetingId', 'itemId']),
  entry('RecordDecision', RecordDecisionDto, ['meetingId', 'itemId']),
  entry('LiftConfidentiality', LiftConfidentialityDto, ['meetingId', 'itemId']),
  entry('ApproveMinutes', ApproveMinutesDto, ['meetingId']),
  entry('CallIn', CallInDto, ['meetingId', 'itemId']),
  entry('RecordCallInResult', RecordCallInResultDto, ['meetingId', 'itemId']),
];
