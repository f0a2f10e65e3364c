import { ConvenedMeeting, LedgerFact } from '@ledger/governance';
import { PublicMeeting } from '@ledger/public-contract';

/**
 * The one mapping from a meeting as its stream folds to its public row: the meeting's own facts (day,
 * time, place, bodies, cancellation, agenda publication), never its items. Copied field by field, so a
 * field added to the state stays out until it is named here. The times are the ledger's recorded times
 * of the facts the state cites.
 */
export function publicMeetingRow(meeting: ConvenedMeeting, facts: readonly LedgerFact[]): PublicMeeting {
  const recorded = new Map(facts.map((fact) => [fact.id, fact.recordedAt]));
  const times = (citedEvents: readonly string[] | undefined) =>
    (citedEvents ?? [])
      .map((id) => recorded.get(id))
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
  };
}
