import { Aggregate, commandsRecording } from '../aggregate';
import { MeetingCommand } from './meeting.commands';
import { meetingBodiesNamedBy, meetingDecider, MeetingDecisionState, meetingsNamedBy, meetingStream } from './meeting.decider';
import { MeetingEvent } from './meeting.events';

/** Fields a meeting's events hold that the ledger derived, not the recorder gave. */
function recordedData(event: MeetingEvent): unknown {
  switch (event.type) {
    case 'AttendanceRecorded':
      return { ...event.data, present: event.data.present.map(({ membershipId }) => membershipId) };
    case 'InterestDeclared':
    case 'VoteCast': {
      const { bodyId: _derived, ...data } = event.data;
      return data;
    }
    case 'DecisionRecorded': {
      const { quorum: _quorum, countsFrom, counts, ...data } = event.data;
      return countsFrom === 'entered' && counts
        ? { ...data, counts: { for: counts.for, against: counts.against, abstain: counts.abstain } }
        : data;
    }
    default:
      return event.data;
  }
}

/** A meeting's stream: what happened at it, recorded by officers of the meeting's bodies (or of their parents). */
export const meetingAggregate: Aggregate<MeetingCommand, MeetingDecisionState, MeetingEvent> = {
  category: 'meeting',
  decider: meetingDecider,
  streamOf: (command) => meetingStream(command.data.meetingId),
  reads: (command, { meeting }) => ({ bodies: meetingBodiesNamedBy(command, meeting), meetings: meetingsNamedBy(command) }),
  recordedFor: (command, { meeting }) => meetingBodiesNamedBy(command, meeting),
  withContext: (state, { bodies, meetings }) => ({ ...state, bodies, meetings }),
  commandRecording: commandsRecording<MeetingCommand, MeetingEvent>(
    {
      MeetingConvened: 'ConveneMeeting',
      AgendaItemAdded: 'AddAgendaItem',
      AttendanceRecorded: 'RecordAttendance',
      InterestDeclared: 'DeclareInterest',
      MotionProposed: 'ProposeMotion',
      VoteCast: 'CastVote',
      DecisionRecorded: 'RecordDecision',
      ConfidentialityLifted: 'LiftConfidentiality',
      MinutesApproved: 'ApproveMinutes',
      DecisionCalledIn: 'CallIn',
      CallInResultRecorded: 'RecordCallInResult',
    },
    recordedData,
  ),
};
