import {
  CivilDate,
  civilDateAt,
  ConvenedMeeting,
  DecisionRegister,
  LedgerFact,
  liftedBy,
  meetingAggregate,
  meetingDecisionId,
  MeetingRecordView,
  registeredBody,
} from '@ledger/governance';
import { PublicItemAmendment, PublicMeeting, PublicMeetingItem } from '@ledger/public-contract';
import { MeetingFacts } from './meeting-facts';

/**
 * The one mapping from a meeting as its stream folds to its public row: the meeting's own facts (day,
 * time, place, bodies, cancellation, agenda publication) and its record as the public reader sees it
 * (`view`: the ledger's meeting record view, already disclosed with that reader). Copied field by field,
 * so a field added to the state or the view stays out until it is named here. The times are the
 * ledger's recorded times of the facts the state cites.
 */
export function publicMeetingRow(
  meeting: ConvenedMeeting,
  view: MeetingRecordView,
  register: DecisionRegister,
  meetingFacts: readonly LedgerFact[] | MeetingFacts,
  today: CivilDate,
): PublicMeeting {
  const facts = meetingFacts instanceof MeetingFacts ? meetingFacts : new MeetingFacts(meetingFacts);
  const times = (citedEvents: readonly string[] | undefined) =>
    (citedEvents ?? [])
      .map((id) => facts.byId.get(id)?.recordedAt)
      .filter((at): at is string => at !== undefined)
      .sort();
  const latest = (citedEvents: readonly string[] | undefined) => times(citedEvents).at(-1);
  // The convening is the first fact the meeting rests on.
  const scheduledRecordedAt = times(meeting.citedEvents)[0];
  const agendaRecordedAt = latest(meeting.agendaPublished?.citedEvents);
  const changedRecordedAt = latest([...meeting.reschedulings.flatMap((r) => r.citedEvents), ...(meeting.cancelled?.citedEvents ?? [])]);
  return {
    meetingId: meeting.meetingId,
    date: meeting.date,
    ...(meeting.time !== undefined ? { time: meeting.time } : {}),
    ...(meeting.location !== undefined ? { location: meeting.location } : {}),
    inCommon: meeting.inCommon,
    bodyIds: meeting.bodies.map((body) => body.bodyId),
    cancelled: meeting.cancelled !== undefined,
    ...(meeting.agendaPublished ? { agendaPublishedOn: meeting.agendaPublished.publishedOn } : {}),
    ...(scheduledRecordedAt ? { scheduledRecordedAt } : {}),
    ...(agendaRecordedAt ? { agendaRecordedAt } : {}),
    ...(changedRecordedAt ? { changedRecordedAt } : {}),
    withdrawnDecisions: withdrawnDecisions(meeting, facts, today),
    ...recordPart(view, register),
  };
}

type RecordPart = Pick<PublicMeeting, 'status' | 'rescheduled' | 'cancelledReason' | 'agenda' | 'attendance' | 'items' | 'minutes'>;

/** The public fields of the meeting's record; a Part 2 item's content (late reason, interest) is left out, not masked. */
function recordPart(view: MeetingRecordView, register: DecisionRegister): RecordPart {
  const memberOf = (bodyId: string, membershipId: string) =>
    registeredBody(register.bodies, bodyId)?.memberships[membershipId]?.member ?? null;
  return {
    status: view.status,
    rescheduled: view.rescheduled.map(({ from, fromTime, date, time, reason }) => ({
      from,
      ...(fromTime !== undefined ? { fromTime } : {}),
      date,
      ...(time !== undefined ? { time } : {}),
      reason,
    })),
    ...(view.cancelled ? { cancelledReason: view.cancelled.reason } : {}),
    agenda: view.agenda ? { publishedOn: view.agenda.publishedOn, clearDays: view.agenda.clearDays, late: view.agenda.late } : null,
    attendance: {
      present: view.attendance.present.map(({ member, bodyId, substituteFor }) => ({
        member,
        bodyId,
        ...(substituteFor !== undefined ? { substituteFor: memberOf(bodyId, substituteFor) } : {}),
      })),
      apologies: view.attendance.apologies.map(({ member, bodyId }) => ({ member, bodyId })),
      inAttendance: view.attendance.inAttendance.map(({ name, role }) => ({ name, role })),
      arrivals: view.attendance.arrivals.map(({ member, bodyId, beforeItem }) => ({ member, bodyId, beforeItem })),
      departures: view.attendance.departures.map(({ member, bodyId, afterItem }) => ({ member, bodyId, afterItem })),
    },
    items: view.items.map(publicItem),
    minutes: view.minutes.map(({ atMeetingId, atMeetingDate, approval, amendments, itemAmendments }) => ({
      atMeetingId,
      ...(atMeetingDate !== undefined ? { atMeetingDate } : {}),
      approval,
      ...(amendments !== undefined ? { amendments: [...amendments] } : {}),
      ...publicItemAmendments(itemAmendments),
    })),
  };
}

/**
 * The amendments about items the public reader may read (the view left out the others): each as public as
 * its item, whatever the meeting's other items are. Copied field by field.
 */
export function publicItemAmendments(itemAmendments: readonly { itemId: string; title?: string; text: string }[] | undefined): {
  itemAmendments?: PublicItemAmendment[];
} {
  if (itemAmendments === undefined || itemAmendments.length === 0) return {};
  return {
    itemAmendments: itemAmendments.map(({ itemId, title, text }) => ({ itemId, ...(title !== undefined ? { title } : {}), text })),
  };
}

function publicItem(item: MeetingRecordView['items'][number]): PublicMeetingItem {
  const open = !item.redacted;
  return {
    itemId: item.id,
    title: item.title,
    ...(item.confidential
      ? {
          confidential: {
            paragraph: item.confidential.paragraph,
            publicSummary: item.confidential.publicSummary,
            lifted: item.confidential.lifted !== undefined,
          },
        }
      : {}),
    redacted: item.redacted,
    ...(open && item.lateReason !== undefined ? { lateReason: item.lateReason } : {}),
    declarations: item.declarations.map(({ member, bodyId, action, interest }) => ({
      member,
      bodyId,
      action,
      ...(open && interest !== undefined ? { interest } : {}),
    })),
    decisions: item.decisions.map(({ decisionId, decidingBody, outcome, callIn }) => ({
      decisionId,
      bodyId: decidingBody.id,
      outcome,
      ...(callIn
        ? {
            callIn: {
              calledIn: callIn.calledIn,
              status: callIn.status,
              ...(callIn.resultOn !== undefined ? { resultOn: callIn.resultOn } : {}),
              ...(open && callIn.reason !== undefined ? { reason: callIn.reason } : {}),
            },
          }
        : {}),
    })),
  };
}

/** The meeting's decisions withdrawn by a correction: the item's title and the reason only where the item is public today. */
function withdrawnDecisions(meeting: ConvenedMeeting, facts: MeetingFacts, today: CivilDate): PublicMeeting['withdrawnDecisions'] {
  const stream = `${meetingAggregate.category}-${meeting.meetingId}`;
  return facts.ofStream(stream).flatMap((fact) => {
    if (fact.type !== 'FactCorrected') return [];
    const { correctedEventId, reason, withdrawn } = fact.data as { correctedEventId: string; reason: string; withdrawn?: boolean };
    const target = facts.byId.get(correctedEventId);
    if (withdrawn !== true || target?.type !== 'DecisionRecorded') return [];
    const { itemId, bodyId } = target.data as { itemId: string; bodyId: string };
    const item = meeting.items.get(itemId);
    const open =
      item !== undefined && (item.confidential === undefined || (item.lifted !== undefined && liftedBy(item.lifted.effective, today)));
    return [
      {
        decisionId: meetingDecisionId(meeting.meetingId, itemId, bodyId),
        ...(item ? { title: item.title } : {}),
        bodyId,
        on: civilDateAt(new Date(fact.recordedAt)),
        recordedAt: fact.recordedAt,
        ...(open ? { reason } : {}),
      },
    ];
  });
}
