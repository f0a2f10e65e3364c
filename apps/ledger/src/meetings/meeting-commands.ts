import { meetingAggregate } from '@ledger/governance';
import { declareCommands } from '../recording/command-declaration';
import {
  AddAgendaItemDto,
  ApproveMinutesDto,
  CallInDto,
  CastVoteDto,
  ConveneMeetingDto,
  DeclareInterestDto,
  EraseConfidentialContentDto,
  ImposeConfidentialityDto,
  LiftConfidentialityDto,
  ProposeMotionDto,
  RecordAttendanceDto,
  RecordCallInResultDto,
  RecordDecisionDto,
} from './dto/meeting.dto';

const item = 'meetings/:meetingId/items/:itemId';

/** Officers of the meeting's bodies (or of their parents) and admins record what happened at a meeting. */
export const MEETING_COMMANDS = declareCommands(
  'meetings',
  meetingAggregate,
  (
    [
      ['ConveneMeeting', 'Record a meeting of one body, or of committees in common', ConveneMeetingDto, 'meetings'],
      [
        'AddAgendaItem',
        'Record an item on the agenda (Part 2 items cite a Schedule 12A paragraph)',
        AddAgendaItemDto,
        'meetings/:meetingId/items',
      ],
      ['RecordAttendance', 'Record who was present', RecordAttendanceDto, 'meetings/:meetingId/attendance'],
      [
        'DeclareInterest',
        'Record a declaration of interest on an item, and what the member did',
        DeclareInterestDto,
        `${item}/declarations`,
      ],
      ['ProposeMotion', 'Record a motion, its mover and seconder', ProposeMotionDto, `${item}/motions`],
      ['CastVote', "Record a member's vote on an item", CastVoteDto, `${item}/votes`],
      [
        'RecordDecision',
        "Record a body's decision on an item (its tally is derived from the votes)",
        RecordDecisionDto,
        `${item}/decisions`,
      ],
      [
        'LiftConfidentiality',
        'Record that a Part 2 item became public, from a date',
        LiftConfidentialityDto,
        `${item}/confidentiality-lifted`,
      ],
      [
        'ImposeConfidentiality',
        'Take an item into Part 2 from now on (a public item, or one whose confidentiality was lifted)',
        ImposeConfidentialityDto,
        `${item}/confidentiality-imposed`,
      ],
      [
        'EraseConfidentialContent',
        "Erase an item's content recorded so far (its key is destroyed; the event log is unchanged)",
        EraseConfidentialContentDto,
        `${item}/erasures`,
      ],
      ['ApproveMinutes', "Record the approval of an earlier meeting's minutes", ApproveMinutesDto, 'meetings/:meetingId/minutes-approvals'],
      ['CallIn', 'Record that a decision was called in for scrutiny', CallInDto, `${item}/call-ins`],
      ['RecordCallInResult', 'Record the outcome of a call-in', RecordCallInResultDto, `${item}/call-in-results`],
    ] as const
  ).map(([command, summary, dto, route]) => ({ command, summary, dto, route, roles: ['officer', 'admin'] as const })),
);
