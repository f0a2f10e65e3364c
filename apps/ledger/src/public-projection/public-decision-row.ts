import { CivilDate, civilDateAt, DecisionView, LedgerFact, liftedBy, meetingAggregate, MeetingDecisionView } from '@ledger/governance';
import { PublicCorrection, PublicDecisionRow, PublicMeetingDecision } from '@ledger/public-contract';
import { MeetingFacts } from './meeting-facts';
import { publicItemAmendments } from './public-meeting-row';

/** What the mapping needs besides the view (which the public reader already redacted): when its meeting's items become public. */
export interface PublicContext {
  /** The lift dates of the meeting's Part 2 items, null where never lifted: amendments about the minutes as a whole may be about any of them. */
  meetingPart2Lifts: (CivilDate | null)[];
  /** Europe/London. */
  today: CivilDate;
  /** The facts of the decision's meeting as recorded, corrections included (absent: none shown). */
  meetingFacts?: readonly LedgerFact[] | MeetingFacts;
}

/**
 * The one mapping from a decision as the governance views give it (to the public reader) to its public
 * row. For a Part 2 item still confidential on `today` (Europe/London) it keeps only what the public may
 * see: title, Schedule 12A paragraph, public-interest reason, public summary, outcome, votes and counts.
 * Amendments about the minutes as a whole are shown only when no item of the meeting is still
 * confidential; those about the decision's item, when it is public. Everything is
 * copied field by field, never spread, so a field added to the view stays out until it is named here.
 */
export function publicDecisionRow(view: DecisionView, { meetingPart2Lifts, today, meetingFacts }: PublicContext): PublicDecisionRow {
  if (view.kind === 'officer') return { decision: view, revealOn: null };
  const facts = meetingFacts instanceof MeetingFacts ? meetingFacts : new MeetingFacts(meetingFacts);
  // The view was built for the public reader by the confidentiality rules (contentReader): its redaction is the rule.
  const part2 = view.item.confidential;
  const liftedOn = part2?.lifted;
  const confidential = part2 !== undefined;
  const redacted = view.item.redacted;
  const open = !redacted;
  const closedInMeeting = meetingPart2Lifts.filter((lift) => !liftedBy(lift, today));
  const laterLifts = [...(redacted ? [liftedOn ?? null] : []), ...closedInMeeting].filter((lift): lift is CivilDate => lift !== null);
  const decision: PublicMeetingDecision = {
    kind: 'meeting',
    decisionId: view.decisionId,
    date: view.date,
    meeting: {
      id: view.meeting.id,
      date: view.meeting.date,
      ...(view.meeting.location !== undefined ? { location: view.meeting.location } : {}),
      inCommon: view.meeting.inCommon,
      bodies: view.meeting.bodies.map(({ bodyId, name, quorum }) => ({ bodyId, ...(name !== undefined ? { name } : {}), quorum })),
    },
    item: {
      id: view.item.id,
      title: view.item.title,
      functions: view.item.functions,
      areas: view.item.areas,
      ...(open && view.item.text !== undefined ? { text: view.item.text } : {}),
      ...(confidential
        ? {
            part2: {
              paragraph: part2!.paragraph,
              publicInterestReason: part2!.publicInterestReason,
              publicSummary: part2!.publicSummary,
              ...(liftedOn !== undefined && open ? { liftedOn } : {}),
            },
          }
        : {}),
      redacted,
    },
    motions: view.item.motions.map(({ motionId, mover, seconder, wording }) => ({
      motionId,
      mover,
      seconder,
      ...(open && wording !== undefined ? { wording } : {}),
    })),
    decidingBody: {
      id: view.decidingBody.id,
      ...(view.decidingBody.name !== undefined ? { name: view.decidingBody.name } : {}),
      ...(view.decidingBody.kind !== undefined ? { kind: view.decidingBody.kind } : {}),
      ...(view.decidingBody.parentBodyId !== undefined ? { parentBodyId: view.decidingBody.parentBodyId } : {}),
    },
    outcome: view.outcome,
    ...(open && view.resolution !== undefined ? { resolution: view.resolution } : {}),
    votes: view.votes.map(({ membershipId, member, vote }) => ({ membershipId, member, vote })),
    counts: view.counts,
    ...(view.castingVote !== undefined ? { castingVote: view.castingVote } : {}),
    quorum: view.quorum,
    declarations: view.declarations.map(({ membershipId, member, action, interest }) => ({
      membershipId,
      member,
      action,
      ...(open ? { interest } : {}),
    })),
    callIn: view.callIn
      ? {
          calledIn: view.callIn.calledIn,
          status: view.callIn.status,
          ...(view.callIn.resultOn !== undefined ? { resultOn: view.callIn.resultOn } : {}),
          ...(open ? { reason: view.callIn.reason } : {}),
          ...(open && view.callIn.resultReason !== undefined ? { resultReason: view.callIn.resultReason } : {}),
        }
      : null,
    minutes: view.minutes.map(({ atMeetingId, atMeetingDate, approval, amendments, itemAmendments }) => ({
      atMeetingId,
      ...(atMeetingDate !== undefined ? { atMeetingDate } : {}),
      approval,
      ...(amendments !== undefined ? { amendments: amendments.length, amendmentTexts: amendments } : {}),
      ...publicItemAmendments(itemAmendments),
    })),
    verdict: {
      valid: view.verdict.valid,
      findings: view.verdict.findings.map((finding) => ({
        rule: finding.rule,
        ok: finding.ok,
        ...(finding.assessed === false ? { assessed: false as const } : {}),
        // A call-in finding quotes the call-in's reason: for a confidential item, the outcome alone.
        message: open || finding.rule !== 'call-in' ? finding.message : callInSummary(view),
        citedEvents: finding.citedEvents,
      })),
    },
    citedEvents: view.citedEvents,
    corrections: correctionsOf(view, facts, open),
    ...recordedAtOf(view, facts),
  };
  // Rewritten on the first day something it hides becomes public; never, while what it hides is unlifted.
  const revealOn = laterLifts.length === 0 ? null : laterLifts.sort()[0];
  return { decision, revealOn };
}

/**
 * The corrections the decision rests on (they change a fact it cites), and the withdrawals of facts of
 * its item in its meeting's stream (a withdrawn fact is cited by nothing, so it is found by its item).
 * The reason is given only where the item is public: it may speak of the item's content.
 */
function correctionsOf(view: MeetingDecisionView, facts: MeetingFacts, open: boolean): PublicCorrection[] {
  const stream = `${meetingAggregate.category}-${view.meeting.id}`;
  const cited = new Set(view.citedEvents);
  const byId = facts.byId;
  // Each corrected fact's fields as they stood before the next correction of it (facts come in ledger order).
  const standing = new Map<string, Record<string, unknown>>();
  return facts.ofStream(stream).flatMap((fact) => {
    if (fact.type !== 'FactCorrected') return [];
    const { correctedEventId, reason, withdrawn, changes } = fact.data as {
      correctedEventId: string;
      reason: string;
      withdrawn?: boolean;
      changes?: Record<string, unknown>;
    };
    const target = byId.get(correctedEventId)?.data as { itemId?: unknown; bodyId?: unknown } | undefined;
    const before = standing.get(correctedEventId) ?? { ...(target as Record<string, unknown> | undefined) };
    standing.set(correctedEventId, { ...before, ...changes });
    const ofThisDecision =
      withdrawn === true && target?.itemId === view.item.id && (target.bodyId === undefined || target.bodyId === view.decidingBody.id);
    if (!cited.has(fact.id) && !ofThisDecision) return [];
    const changed = Object.entries(changes ?? {}).map(([field, after]) => ({
      field,
      ...(VOCABULARY_FIELDS.has(field) && before[field] !== undefined ? { before: shown(before[field]) } : {}),
      after: shown(after),
    }));
    return [
      {
        eventId: fact.id,
        on: civilDateAt(new Date(fact.recordedAt)),
        withdrawn: withdrawn === true,
        recordedAt: fact.recordedAt,
        ...(open ? { reason, ...(changed.length > 0 ? { changes: changed } : {}) } : {}),
      },
    ];
  });
}

/**
 * The fields whose old value a correction shows: values from the ledger's vocabulary, dates and counts.
 * A replaced text is not shown again: it may be the very thing published in error.
 */
const VOCABULARY_FIELDS = new Set([
  'vote',
  'action',
  'outcome',
  'approval',
  'effective',
  'date',
  'quorum',
  'functions',
  'areas',
  'paragraph',
]);

const shown = (value: unknown): string =>
  Array.isArray(value)
    ? value.map(String).join(', ')
    : value === null
      ? 'none'
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);

/** When the ledger recorded the decision: the last recording of its item's decision by its body. */
function recordedAtOf(view: MeetingDecisionView, facts: MeetingFacts): { recordedAt?: string } {
  const stream = `${meetingAggregate.category}-${view.meeting.id}`;
  const recorded = facts.ofStream(stream).filter((fact) => {
    const data = fact.data as { itemId?: unknown; bodyId?: unknown };
    return fact.type === 'DecisionRecorded' && data.itemId === view.item.id && data.bodyId === view.decidingBody.id;
  });
  return recorded.length > 0 ? { recordedAt: recorded[recorded.length - 1].recordedAt } : {};
}

function callInSummary({ callIn }: MeetingDecisionView): string {
  if (!callIn) return 'not called in';
  const result = callIn.status === 'suspended' ? 'suspended until the call-in has a result' : `${callIn.status} on ${callIn.resultOn}`;
  return `called in on ${callIn.calledIn} (reason confidential): ${result}`;
}
