import { MeetingCommand } from './meeting.commands';
import { MeetingEvent } from './meeting.events';

/**
 * The command that recorded a meeting fact: the event without what the decider derived (the body of a
 * membership, quorum, totals counted from the votes, the bodies of those present). Deciding it again
 * over the state the fact was recorded on gives the same fact, so a correction can be judged by
 * re-deciding the corrected history.
 */
export function commandRecording(event: MeetingEvent): MeetingCommand {
  switch (event.type) {
    case 'MeetingConvened':
      return { type: 'ConveneMeeting', data: event.data };
    case 'AgendaItemAdded':
      return { type: 'AddAgendaItem', data: event.data };
    case 'AttendanceRecorded': {
      const { present, apologies, substitutes, ...data } = event.data;
      const ids = (attendees: { membershipId: string }[]) => attendees.map((attendee) => attendee.membershipId);
      const named = {
        ...(apologies ? { apologies: ids(apologies) } : {}),
        ...(substitutes ? { substitutes: substitutes.map(({ membershipId, substituteFor }) => ({ membershipId, substituteFor })) } : {}),
      };
      return { type: 'RecordAttendance', data: { ...data, present: ids(present), ...named } };
    }
    case 'AgendaPublished': {
      const { clearDays: _clearDays, late: _late, ...data } = event.data;
      return { type: 'PublishAgenda', data };
    }
    case 'ForwardPlanEntryRecorded': {
      const { clearDays: _clearDays, late: _late, ...data } = event.data;
      return { type: 'RecordForwardPlanEntry', data };
    }
    case 'MemberArrived': {
      const { bodyId: _derived, ...data } = event.data;
      return { type: 'RecordArrival', data };
    }
    case 'MemberDeparted': {
      const { bodyId: _derived, ...data } = event.data;
      return { type: 'RecordDeparture', data };
    }
    case 'InterestDeclared': {
      const { bodyId: _derived, ...data } = event.data;
      return { type: 'DeclareInterest', data };
    }
    case 'MotionProposed':
      return { type: 'ProposeMotion', data: event.data };
    case 'VoteCast': {
      const { bodyId: _derived, ...data } = event.data;
      return { type: 'CastVote', data };
    }
    case 'DecisionRecorded': {
      const { quorum: _quorum, counts, countsFrom, ...data } = event.data;
      const entered =
        countsFrom === 'entered' && counts ? { counts: { for: counts.for, against: counts.against, abstain: counts.abstain } } : {};
      return { type: 'RecordDecision', data: { ...data, ...entered } };
    }
    case 'ConfidentialityLifted':
      return { type: 'LiftConfidentiality', data: event.data };
    case 'ConfidentialityImposed':
      return { type: 'ImposeConfidentiality', data: event.data };
    case 'ConfidentialContentErased': {
      const { generation: _derived, ...data } = event.data;
      return { type: 'EraseConfidentialContent', data };
    }
    case 'MinutesApproved':
      return { type: 'ApproveMinutes', data: event.data };
    case 'DecisionCalledIn':
      return { type: 'CallIn', data: event.data };
    case 'CallInResultRecorded':
      return { type: 'RecordCallInResult', data: event.data };
    case 'MeetingRescheduled':
      return { type: 'RescheduleMeeting', data: event.data };
    case 'MeetingCancelled':
      return { type: 'CancelMeeting', data: event.data };
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
}
