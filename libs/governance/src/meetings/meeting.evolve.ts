import { changed, extendable, withAppended, withEntry } from '../decider';
import { citedBy, Fact } from '../shared/cited';
import { MeetingEvent } from './meeting.events';
import { AgendaItem, ConvenedMeeting, Decision, MeetingState } from './meeting.state';

type Event<Type extends MeetingEvent['type']> = Extract<MeetingEvent, { type: Type }>['data'];

/**
 * The one fold of a meeting stream, for the decider and the decision register alike. Tolerates facts
 * about items or decisions no longer there (a correction withdrew them): it keeps what remains rather
 * than failing. Within one fold (`foldEvents`) it extends what it made in place.
 */
export function evolveMeeting(meeting: MeetingState, event: Fact<MeetingEvent>): MeetingState {
  const citedEvents = citedBy(event);
  if (event.type === 'MeetingConvened') {
    const { meetingId, date, time, location, inCommon, bodies } = event.data;
    const [present, items, minutesApproved] = [new Map(), new Map(), new Map()];
    const convened = { recorded: true as const, meetingId, date, time, location, inCommon, bodies, present, items, minutesApproved };
    const [apologies, arrivals, departures] = [new Map(), new Map(), new Map()];
    return { ...convened, apologies, inAttendance: [], arrivals, departures, reschedulings: [], citedEvents };
  }
  if (!meeting.recorded) return meeting;
  switch (event.type) {
    case 'AgendaItemAdded':
      return changed(meeting, { items: withEntry(meeting.items, event.data.itemId, agendaItem(event.data, citedEvents)) });
    case 'AttendanceRecorded': {
      const { apologies: sent = [], substitutes = [], inAttendance = [] } = event.data;
      const [present, apologies] = [extendable(meeting.present), extendable(meeting.apologies)];
      for (const { membershipId, bodyId } of event.data.present) present.set(membershipId, { bodyId, citedEvents });
      for (const { membershipId, bodyId, substituteFor } of substitutes) present.set(membershipId, { bodyId, substituteFor, citedEvents });
      for (const { membershipId, bodyId } of sent) apologies.set(membershipId, { bodyId, citedEvents });
      const attending = [...meeting.inAttendance, ...inAttendance.map(({ name, role }) => ({ name, role, citedEvents }))];
      return changed(meeting, { present, apologies, inAttendance: attending });
    }
    case 'MemberArrived': {
      const { membershipId, bodyId, beforeItem } = event.data;
      return changed(meeting, { arrivals: withEntry(meeting.arrivals, membershipId, { bodyId, beforeItem, citedEvents }) });
    }
    case 'MemberDeparted': {
      const { membershipId, bodyId, afterItem } = event.data;
      return changed(meeting, { departures: withEntry(meeting.departures, membershipId, { bodyId, afterItem, citedEvents }) });
    }
    case 'InterestDeclared': {
      const { itemId, membershipId, bodyId, interest, action } = event.data;
      const declaration = { membershipId, bodyId, interest, action, citedEvents };
      return withItem(meeting, itemId, (item) => ({ declarations: withAppended(item.declarations, declaration) }));
    }
    case 'MotionProposed': {
      const { itemId, motionId, wording, mover, seconder } = event.data;
      const motion = { motionId, wording, mover, seconder, citedEvents };
      return withItem(meeting, itemId, (item) => ({ motions: withEntry(item.motions, motionId, motion) }));
    }
    case 'VoteCast': {
      const { itemId, membershipId, bodyId, vote, motionId } = event.data;
      const cast = { membershipId, bodyId, vote, motionId, citedEvents };
      return withItem(meeting, itemId, (item) => ({ votes: withEntry(item.votes, membershipId, cast) }));
    }
    case 'DecisionRecorded': {
      const { itemId, bodyId, outcome, resolution, motionId, counts, countsFrom, castingVote, quorum } = event.data;
      const decision = { bodyId, outcome, resolution, motionId, counts, countsFrom, castingVote, quorum, citedEvents };
      return withItem(meeting, itemId, (item) => ({ decisions: withEntry(item.decisions, bodyId, decision) }));
    }
    case 'ConfidentialityLifted': {
      const { itemId, effective, reason } = event.data;
      return withItem(meeting, itemId, () => ({ lifted: { effective, reason, citedEvents } }));
    }
    case 'ConfidentialityImposed': {
      const { itemId, paragraph, publicInterestReason, publicSummary } = event.data;
      return withItem(meeting, itemId, () => ({ confidential: { paragraph, publicInterestReason, publicSummary }, lifted: undefined }));
    }
    case 'ConfidentialContentErased': {
      const erasure = { reason: event.data.reason, citedEvents };
      return withItem(meeting, event.data.itemId, (item) => ({ erasures: withAppended(item.erasures, erasure) }));
    }
    case 'MinutesApproved': {
      const { minutesOfMeetingId, approval, amendments, itemAmendments = [] } = event.data;
      const approved = { approval, amendments, itemAmendments, citedEvents };
      return changed(meeting, { minutesApproved: withEntry(meeting.minutesApproved, minutesOfMeetingId, approved) });
    }
    case 'DecisionCalledIn': {
      const { itemId, bodyId, effective, reason } = event.data;
      return withDecision(meeting, itemId, bodyId, () => ({ callIn: { effective, reason, citedEvents } }));
    }
    case 'CallInResultRecorded': {
      const { itemId, bodyId, result, effective, reason } = event.data;
      return withDecision(meeting, itemId, bodyId, ({ callIn }) =>
        callIn ? { callIn: { ...callIn, result: { result, effective, reason, citedEvents } } } : {},
      );
    }
    case 'MeetingRescheduled': {
      const { date, time, reason } = event.data;
      const rescheduling = { from: meeting.date, fromTime: meeting.time, date, time, reason, citedEvents };
      return changed(meeting, { date, time, reschedulings: withAppended(meeting.reschedulings, rescheduling) });
    }
    case 'ForwardPlanEntryRecorded': {
      const forwardPlan = { publishedOn: event.data.publishedOn, citedEvents };
      return withItem(meeting, event.data.itemId, () => ({ forwardPlan }));
    }
    case 'AgendaPublished':
      return changed(meeting, { agendaPublished: { publishedOn: event.data.publishedOn, citedEvents } });
    case 'MeetingCancelled':
      return changed(meeting, { cancelled: { reason: event.data.reason, citedEvents } });
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
}

function agendaItem(data: Event<'AgendaItemAdded'>, citedEvents: string[]): AgendaItem {
  const { itemId, title, text, functions, areas, confidential, lateReason } = data;
  const [motions, votes, decisions] = [new Map(), new Map(), new Map()];
  return {
    itemId,
    title,
    text,
    functions,
    areas,
    confidential,
    lateReason,
    erasures: [],
    declarations: [],
    motions,
    votes,
    decisions,
    citedEvents,
  };
}

/** Every fact about an item passes here. */
function withItem(meeting: ConvenedMeeting, itemId: string, change: (item: AgendaItem) => Partial<AgendaItem>): ConvenedMeeting {
  const item = meeting.items.get(itemId);
  if (!item) return meeting;
  return changed(meeting, { items: withEntry(meeting.items, itemId, changed(item, change(item))) });
}

function withDecision(
  meeting: ConvenedMeeting,
  itemId: string,
  bodyId: string,
  change: (decision: Decision) => Partial<Decision>,
): ConvenedMeeting {
  return withItem(meeting, itemId, (item) => {
    const decision = item.decisions.get(bodyId);
    return decision ? { decisions: withEntry(item.decisions, bodyId, changed(decision, change(decision))) } : {};
  });
}
