import { citing } from '../body-register/standing-facts';
import { ItemConfidentiality, Reader } from '../meetings/item-content';
import { MeetingStatus, meetingStatus } from '../meetings/meeting-schedule';
import { agendaNotice, forwardPlanNotice } from '../meetings/meeting-agenda';
import { MinutesApproval } from '../meetings/meeting.events';
import { AgendaItem, ConvenedMeeting } from '../meetings/meeting.state';
import { CivilDate } from '../shared/civil-date';
import { InterestAction, VoteOption } from '../shared/vocabulary';
import { DecisionRegister } from './decision-register';
import {
  confidentialityOf,
  ItemAmendmentView,
  itemAmendmentsPart,
  itemPart,
  meetingPart,
  MeetingDecisionView,
  meetingView,
  minutesPart,
} from './meeting-decision-view';
import { AuthorityJudge } from './verdict';
import { MemberRef, memberRef, optional } from './view-fields';

/**
 * A meeting read back whole (issue 19), from the one fold of its stream (`evolveMeeting`): what is known
 * of it before it is held, and everything recorded at it, each decision with the same verdict the
 * decision's own answer gives (it is built by `meetingView`). Content is shown as `reader` may read it.
 */

export type MeetingSummary = MeetingDecisionView['meeting'] & { status: MeetingStatus };

export type DecisionAtMeeting = Pick<
  MeetingDecisionView,
  | 'decisionId'
  | 'decidingBody'
  | 'outcome'
  | 'motionId'
  | 'resolution'
  | 'counts'
  | 'countsFrom'
  | 'castingVote'
  | 'quorum'
  | 'callIn'
  | 'verdict'
  | 'citedEvents'
>;

export type ItemAtMeeting = MeetingDecisionView['item'] & {
  /** Why it was added after the agenda was published, with fewer than 5 clear working days left. */
  lateReason?: string;
  /** `interest` left out when redacted. */
  declarations: (MemberRef & { bodyId: string; interest?: string; action: InterestAction })[];
  votes: (MemberRef & { bodyId: string; vote: VoteOption; motionId?: string })[];
  decisions: DecisionAtMeeting[];
};

export interface MeetingRecordView extends MeetingSummary {
  rescheduled: { from: CivilDate; fromTime?: string; date: CivilDate; time?: string; reason: string }[];
  cancelled: { reason: string } | null;
  /** Clear working days before the meeting as it is now dated (a move changes them); late when fewer than 5. */
  agenda: { publishedOn: CivilDate; clearDays: number; late: boolean } | null;
  attendance: {
    /** Substitutes among them say whom they sat for. */
    present: (MemberRef & { bodyId: string; substituteFor?: string })[];
    apologies: (MemberRef & { bodyId: string })[];
    inAttendance: { name: string; role: string }[];
    arrivals: (MemberRef & { bodyId: string; beforeItem: string })[];
    departures: (MemberRef & { bodyId: string; afterItem: string })[];
  };
  /** In agenda order (the order the items were added). */
  items: ItemAtMeeting[];
  /**
   * Minutes of earlier meetings approved at this one; amendments about the minutes as a whole only for a
   * reader who may read those minutes, each about an item only for a reader who may read that item.
   */
  minutesApproved: {
    minutesOfMeetingId: string;
    approval: MinutesApproval;
    amendments?: string[];
    itemAmendments?: ItemAmendmentView[];
  }[];
  /** This meeting's minutes, approved at later meetings. */
  minutes: MeetingDecisionView['minutes'];
  citedEvents: string[];
}

/** Its status is judged on `today` (a meeting whose date has passed has been held). */
export function meetingSummary(register: DecisionRegister, meeting: ConvenedMeeting, today: CivilDate): MeetingSummary {
  return { ...meetingPart(register, meeting), status: meetingStatus(meeting, today) };
}

/** `judged`, where given, is handed each decision's whole view as judged here, for a caller that needs it too. */
export function meetingRecordView(
  register: DecisionRegister,
  meeting: ConvenedMeeting,
  judge: AuthorityJudge,
  reader: Reader,
  today: CivilDate,
  judged?: (decision: MeetingDecisionView) => void,
): MeetingRecordView {
  const items = [...meeting.items.values()].map((item) => itemAtMeeting(register, meeting, item, judge, reader, judged));
  const approvals = register.minutesApprovals.get(meeting.meetingId) ?? [];
  return {
    ...meetingSummary(register, meeting, today),
    rescheduled: meeting.reschedulings.map(({ from, fromTime, date, time, reason }) => ({
      from,
      ...optional('fromTime', fromTime),
      date,
      ...optional('time', time),
      reason,
    })),
    cancelled: meeting.cancelled ? { reason: meeting.cancelled.reason } : null,
    agenda: meeting.agendaPublished
      ? { publishedOn: meeting.agendaPublished.publishedOn, ...agendaNotice(meeting, meeting.agendaPublished.publishedOn) }
      : null,
    attendance: attendancePart(register, meeting),
    items,
    minutesApproved: [...meeting.minutesApproved].map(([minutesOfMeetingId, { approval, amendments, itemAmendments }]) => ({
      minutesOfMeetingId,
      approval,
      ...(reader.mayRead({ meetingId: minutesOfMeetingId }) ? { amendments } : {}),
      ...itemAmendmentsPart(
        minutesOfMeetingId,
        itemAmendments,
        reader,
        (itemId) => register.meetings.get(minutesOfMeetingId)?.items.get(itemId)?.title,
      ),
    })),
    minutes: minutesPart(register, meeting, approvals, reader),
    citedEvents: citing(
      meeting.citedEvents,
      ...meeting.reschedulings.map((rescheduling) => rescheduling.citedEvents),
      meeting.cancelled?.citedEvents ?? [],
      meeting.agendaPublished?.citedEvents ?? [],
      ...[...meeting.present.values(), ...meeting.apologies.values(), ...meeting.arrivals.values(), ...meeting.departures.values()].map(
        (attendance) => attendance.citedEvents,
      ),
      ...meeting.inAttendance.map((attending) => attending.citedEvents),
      ...[...meeting.items.values()].flatMap((item) => [
        item.citedEvents,
        item.forwardPlan?.citedEvents ?? [],
        ...item.declarations.map((declaration) => declaration.citedEvents),
        ...[...item.votes.values()].map((vote) => vote.citedEvents),
      ]),
      ...[...meeting.minutesApproved.values()].map((approved) => approved.citedEvents),
      ...items.flatMap((item) => item.decisions.map((decision) => decision.citedEvents)),
    ),
  };
}

function attendancePart(register: DecisionRegister, meeting: ConvenedMeeting): MeetingRecordView['attendance'] {
  const member = (membershipId: string, bodyId: string) => ({ ...memberRef(register, bodyId, membershipId), bodyId });
  return {
    present: [...meeting.present].map(([id, { bodyId, substituteFor }]) => ({
      ...member(id, bodyId),
      ...optional('substituteFor', substituteFor),
    })),
    apologies: [...meeting.apologies].map(([id, { bodyId }]) => member(id, bodyId)),
    inAttendance: meeting.inAttendance.map(({ name, role }) => ({ name, role })),
    arrivals: [...meeting.arrivals].map(([id, { bodyId, beforeItem }]) => ({ ...member(id, bodyId), beforeItem })),
    departures: [...meeting.departures].map(([id, { bodyId, afterItem }]) => ({ ...member(id, bodyId), afterItem })),
  };
}

function itemAtMeeting(
  register: DecisionRegister,
  meeting: ConvenedMeeting,
  item: AgendaItem,
  judge: AuthorityJudge,
  reader: Reader,
  judged?: (decision: MeetingDecisionView) => void,
): ItemAtMeeting {
  const visible = reader.mayRead({ meetingId: meeting.meetingId, itemId: item.itemId });
  const confidentiality: ItemConfidentiality = reader.confidentialityToday(meeting.meetingId, item.itemId) ?? confidentialityOf(item);
  return {
    ...itemPart(item, visible, confidentiality),
    ...optional('lateReason', item.lateReason),
    ...(item.forwardPlan
      ? { forwardPlan: { publishedOn: item.forwardPlan.publishedOn, ...forwardPlanNotice(meeting, item.forwardPlan.publishedOn) } }
      : {}),
    declarations: item.declarations.map(({ membershipId, bodyId, interest, action }) => ({
      ...memberRef(register, bodyId, membershipId),
      bodyId,
      ...(visible ? { interest } : {}),
      action,
    })),
    votes: [...item.votes.values()].map(({ membershipId, bodyId, vote, motionId }) => ({
      ...memberRef(register, bodyId, membershipId),
      bodyId,
      vote,
      ...optional('motionId', motionId),
    })),
    decisions: [...item.decisions.values()].map((decision) => {
      const view = meetingView(register, meeting, item, decision, judge, reader);
      judged?.(view);
      const { decisionId, decidingBody, outcome, motionId, resolution, counts, countsFrom, castingVote, quorum, callIn, verdict } = view;
      return {
        decisionId,
        decidingBody,
        outcome,
        ...optional('motionId', motionId),
        ...optional('resolution', resolution),
        counts,
        countsFrom,
        ...optional('castingVote', castingVote),
        quorum,
        callIn,
        verdict,
        citedEvents: view.citedEvents,
      };
    }),
  };
}
