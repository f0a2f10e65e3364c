import { CivilDate, civilDateAt, ConvenedMeeting, LedgerFact, liftedBy, meetingAggregate, meetingDecisionId } from '@ledger/governance';
import { PublicMeeting } from '@ledger/public-contract';

/**
 * The one mapping from a meeting as its stream folds to its public row: the meeting's own facts (day,
 * time, place, bodies, cancellation, agenda publication), never its items. Copied field by field, so a
 * field added to the state stays out until it is named here. The times are the ledger's recorded times
 * of the facts the state cites.
 */
export function publicMeetingRow(meeting: ConvenedMeeting, facts: readonly LedgerFact[], today: CivilDate): PublicMeeting {
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
    withdrawnDecisions: withdrawnDecisions(meeting, facts, today),
  };
}

/** The meeting's decisions withdrawn by a correction: the item's title and the reason only where the item is public today. */
function withdrawnDecisions(meeting: ConvenedMeeting, facts: readonly LedgerFact[], today: CivilDate): PublicMeeting['withdrawnDecisions'] {
  const stream = `${meetingAggregate.category}-${meeting.meetingId}`;
  const byId = new Map(facts.map((fact) => [fact.id, fact]));
  return facts.flatMap((fact) => {
    if (fact.type !== 'FactCorrected' || fact.stream !== stream) return [];
    const { correctedEventId, reason, withdrawn } = fact.data as { correctedEventId: string; reason: string; withdrawn?: boolean };
    const target = byId.get(correctedEventId);
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
