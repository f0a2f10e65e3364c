import { meetingAggregate } from '@ledger/governance';
import { declareCommands } from '../recording/command-declaration';
import {
  AddAgendaItemDto,
  ApproveMinutesDto,
  CallInDto,
  CancelMeetingDto,
  CastVoteDto,
  ConveneMeetingDto,
  DeclareInterestDto,
  EraseConfidentialContentDto,
  ImposeConfidentialityDto,
  LiftConfidentialityDto,
  ProposeMotionDto,
  PublishAgendaDto,
  RecordForwardPlanEntryDto,
  RecordArrivalDto,
  RecordAttendanceDto,
  RecordCallInResultDto,
  RecordDecisionDto,
  RecordDepartureDto,
  RescheduleMeetingDto,
} from './dto/meeting.dto';
import { RecordItemOutcomeDto } from './dto/item-outcome.dto';

/** Officers of the meeting's bodies (or of their parents) and admins record what happened at a meeting. */
const roles = ['officer', 'admin'] as const;

export const MEETING_COMMANDS = declareCommands('meetings', meetingAggregate, {
  ConveneMeeting: {
    summary: 'Record a meeting of one body, or of committees in common: held, or scheduled for a date to come',
    dto: ConveneMeetingDto,
    route: 'meetings',
    roles,
  },
  RescheduleMeeting: {
    summary: 'Move a meeting not yet held to another date (and time), with the reason',
    dto: RescheduleMeetingDto,
    route: 'meetings/:meetingId/reschedulings',
    roles,
  },
  CancelMeeting: {
    summary: 'Cancel a meeting not yet held, with the reason',
    dto: CancelMeetingDto,
    route: 'meetings/:meetingId/cancellation',
    roles,
  },
  AddAgendaItem: {
    summary: 'Record an item on the agenda (Part 2 items cite a Schedule 12A paragraph)',
    dto: AddAgendaItemDto,
    route: 'meetings/:meetingId/items',
    roles,
  },
  PublishAgenda: {
    summary: 'Record when the agenda was published (late with fewer than 5 clear working days before the meeting)',
    dto: PublishAgendaDto,
    route: 'meetings/:meetingId/agenda-publications',
    roles,
  },
  RecordForwardPlanEntry: {
    summary: "Record a key decision's forward plan entry (late with fewer than 28 clear days before the meeting)",
    dto: RecordForwardPlanEntryDto,
    route: 'meetings/:meetingId/items/:itemId/forward-plan-entries',
    roles,
  },
  RecordAttendance: {
    summary: 'Record who was present, apologies, substitutes and others in attendance (a later record adds)',
    dto: RecordAttendanceDto,
    route: 'meetings/:meetingId/attendance',
    roles,
  },
  RecordArrival: {
    summary: 'Record that a member arrived late, before an item',
    dto: RecordArrivalDto,
    route: 'meetings/:meetingId/arrivals',
    roles,
  },
  RecordDeparture: {
    summary: 'Record that a member left early, after an item',
    dto: RecordDepartureDto,
    route: 'meetings/:meetingId/departures',
    roles,
  },
  DeclareInterest: {
    summary: 'Record a declaration of interest on an item, and what the member did',
    dto: DeclareInterestDto,
    route: 'meetings/:meetingId/items/:itemId/declarations',
    roles,
  },
  ProposeMotion: {
    summary: 'Record a motion, its mover and seconder',
    dto: ProposeMotionDto,
    route: 'meetings/:meetingId/items/:itemId/motions',
    roles,
  },
  CastVote: { summary: "Record a member's vote on an item", dto: CastVoteDto, route: 'meetings/:meetingId/items/:itemId/votes', roles },
  RecordDecision: {
    summary: "Record a body's decision on an item (its tally is derived from the votes)",
    dto: RecordDecisionDto,
    route: 'meetings/:meetingId/items/:itemId/decisions',
    roles,
  },
  RecordItemOutcome: {
    summary: "Record an item's declarations, motion, votes and decision at once (judged as the separate commands are)",
    dto: RecordItemOutcomeDto,
    route: 'meetings/:meetingId/items/:itemId/outcome',
    roles,
  },
  LiftConfidentiality: {
    summary: 'Record that a Part 2 item became public, from a date',
    dto: LiftConfidentialityDto,
    route: 'meetings/:meetingId/items/:itemId/confidentiality-lifted',
    roles,
  },
  ImposeConfidentiality: {
    summary: 'Take an item into Part 2 from now on (a public item, or one whose confidentiality was lifted)',
    dto: ImposeConfidentialityDto,
    route: 'meetings/:meetingId/items/:itemId/confidentiality-imposed',
    roles,
  },
  EraseConfidentialContent: {
    summary: "Erase an item's content recorded so far (its key is destroyed; the event log is unchanged)",
    dto: EraseConfidentialContentDto,
    route: 'meetings/:meetingId/items/:itemId/erasures',
    roles,
  },
  ApproveMinutes: {
    summary: "Record the approval of an earlier meeting's minutes",
    dto: ApproveMinutesDto,
    route: 'meetings/:meetingId/minutes-approvals',
    roles,
  },
  CallIn: {
    summary: 'Record that a decision was called in for scrutiny',
    dto: CallInDto,
    route: 'meetings/:meetingId/items/:itemId/call-ins',
    roles,
  },
  RecordCallInResult: {
    summary: 'Record the outcome of a call-in',
    dto: RecordCallInResultDto,
    route: 'meetings/:meetingId/items/:itemId/call-in-results',
    roles,
  },
});
