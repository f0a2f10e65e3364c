import { MeetingEvent } from './meeting.events';
import { AgendaItem, ConvenedMeeting, Decision, MeetingState } from './meeting.state';

/**
 * Tolerates facts about items or decisions no longer there (a correction withdrew them): the fold
 * keeps what remains rather than failing.
 */
export function evolveMeeting(meeting: MeetingState, event: MeetingEvent): MeetingState {
  if (event.type === 'MeetingConvened') {
    const { meetingId, date, location, inCommon, bodies } = event.data;
    return { recorded: true, meetingId, date, location, inCommon, bodies, present: {}, items: {}, minutesApproved: {} };
  }
  if (!meeting.recorded) return meeting;
  switch (event.type) {
    case 'AgendaItemAdded': {
      const { itemId, title, functions, areas, confidential } = event.data;
      const item: AgendaItem = {
        itemId,
        title,
        functions,
        areas,
        confidential,
        erasures: 0,
        declarations: [],
        motions: {},
        votes: {},
        decisions: {},
      };
      return { ...meeting, items: { ...meeting.items, [itemId]: item } };
    }
    case 'AttendanceRecorded': {
      const present = { ...meeting.present };
      for (const { membershipId, bodyId } of event.data.present) present[membershipId] = bodyId;
      return { ...meeting, present };
    }
    case 'InterestDeclared': {
      const { itemId, membershipId, bodyId, action } = event.data;
      return withItem(meeting, itemId, (item) => ({ ...item, declarations: [...item.declarations, { membershipId, bodyId, action }] }));
    }
    case 'MotionProposed': {
      const { itemId, motionId, mover, seconder } = event.data;
      return withItem(meeting, itemId, (item) => ({ ...item, motions: { ...item.motions, [motionId]: { motionId, mover, seconder } } }));
    }
    case 'VoteCast': {
      const { itemId, membershipId, bodyId, vote, motionId } = event.data;
      return withItem(meeting, itemId, (item) => ({
        ...item,
        votes: { ...item.votes, [membershipId]: { membershipId, bodyId, vote, motionId } },
      }));
    }
    case 'DecisionRecorded': {
      const { itemId, bodyId, outcome, counts, quorum } = event.data;
      return withItem(meeting, itemId, (item) => ({
        ...item,
        decisions: { ...item.decisions, [bodyId]: { bodyId, outcome, counts, quorum } },
      }));
    }
    case 'ConfidentialityLifted': {
      const { itemId, effective } = event.data;
      return withItem(meeting, itemId, (item) => ({ ...item, confidentialityLifted: effective }));
    }
    case 'ConfidentialityImposed': {
      const { itemId, paragraph, publicInterestReason, publicSummary } = event.data;
      return withItem(meeting, itemId, ({ confidentialityLifted: _lifted, ...item }) => ({
        ...item,
        confidential: { paragraph, publicInterestReason, publicSummary },
      }));
    }
    case 'ConfidentialContentErased': {
      const { itemId, generation } = event.data;
      return withItem(meeting, itemId, (item) => ({ ...item, erasures: generation + 1 }));
    }
    case 'MinutesApproved':
      return { ...meeting, minutesApproved: { ...meeting.minutesApproved, [event.data.minutesOfMeetingId]: event.data.approval } };
    case 'DecisionCalledIn': {
      const { itemId, bodyId, effective } = event.data;
      return withDecision(meeting, itemId, bodyId, (decision) => ({ ...decision, callIn: { effective } }));
    }
    case 'CallInResultRecorded': {
      const { itemId, bodyId, result, effective } = event.data;
      return withDecision(meeting, itemId, bodyId, (decision) =>
        decision.callIn ? { ...decision, callIn: { ...decision.callIn, result: { result, effective } } } : decision,
      );
    }
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
}

function withItem(meeting: ConvenedMeeting, itemId: string, change: (item: AgendaItem) => AgendaItem): ConvenedMeeting {
  const item = meeting.items[itemId];
  return item ? { ...meeting, items: { ...meeting.items, [itemId]: change(item) } } : meeting;
}

function withDecision(meeting: ConvenedMeeting, itemId: string, bodyId: string, change: (decision: Decision) => Decision): ConvenedMeeting {
  return withItem(meeting, itemId, (item) => {
    const decision = item.decisions[bodyId];
    return decision ? { ...item, decisions: { ...item.decisions, [bodyId]: change(decision) } } : item;
  });
}
