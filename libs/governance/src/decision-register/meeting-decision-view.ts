import { citing } from '../body-register/standing-facts';
import { CallInResult, DecisionCounts, ItemAmendment, MinutesApproval, Quorum, Schedule12AParagraph } from '../meetings/meeting.events';
import { CastingVote, countsFrom, isBinding, silentVoters, tally, votesOf } from '../meetings/meeting-rules';
import { ItemConfidentiality, Reader } from '../meetings/item-content';
import { AgendaItem, CallIn, ConvenedMeeting, Decision, Vote } from '../meetings/meeting.state';
import { nameAt } from '../body-register/body-register';
import { CivilDate } from '../shared/civil-date';
import { Area, CommissioningFunction, DecisionOutcome, InterestAction, VoteOption } from '../shared/vocabulary';
import { DecisionRegister, MinutesApprovalRecord } from './decision-register';
import { callInFinding, conflictsFinding, quorumFinding } from './meeting-findings';
import { AuthorityJudge, authorityFinding, Finding, verdictOf, Verdict } from './verdict';
import { BodyRef, bodyRef, MemberRef, memberRef, optional } from './view-fields';

export interface MeetingDecisionView {
  kind: 'meeting';
  decisionId: string;
  date: CivilDate;
  meeting: {
    id: string;
    /** As it stands: where the meeting was moved, the date it moved to. */
    date: CivilDate;
    time?: string;
    /** The dates it moved from, oldest first, where it was rescheduled. */
    rescheduledFrom?: CivilDate[];
    location?: string;
    inCommon: boolean;
    bodies: { bodyId: string; name?: string; quorum: number }[];
  };
  item: {
    id: string;
    title: string;
    functions: CommissioningFunction[];
    areas: Area[];
    /** Left out when redacted. */
    text?: string;
    motions: { motionId: string; mover: string; seconder: string; wording?: string }[];
    /** As the item stands today, whatever the basis: a reader's rights are today's. */
    confidential?: { paragraph: Schedule12AParagraph; publicInterestReason: string; publicSummary: string; lifted?: CivilDate };
    /** True when this reader may not read the item's content (Part 2 today, and not entitled). */
    redacted: boolean;
    /** Each erasure of the item's content: the content recorded before it reads "[erased]" for everyone. */
    erasures: { reason: string }[];
  };
  decidingBody: BodyRef;
  outcome: DecisionOutcome;
  motionId?: string;
  /** Left out when redacted. */
  resolution?: string;
  votes: (MemberRef & { vote: VoteOption; citedEvents: string[] })[];
  counts: DecisionCounts | null;
  countsFrom: 'votes' | 'entered' | null;
  /** The chair's casting vote, where it broke a tie. */
  castingVote?: CastingVote;
  /** Recomputed from the facts as they now stand (attendance, memberships, declarations); `recorded` is the meeting's own. */
  quorum: Quorum & { counted: string[]; recorded: Quorum };
  /** `interest` left out when redacted. */
  declarations: (MemberRef & { interest?: string; action: InterestAction })[];
  /** Reasons left out when redacted. */
  callIn: { calledIn: CivilDate; reason?: string; status: 'suspended' | CallInResult; resultOn?: CivilDate; resultReason?: string } | null;
  /**
   * Amendments about the minutes as a whole left out when the reader may not read the meeting's minutes
   * (a Part 2 item among them); those about an item (this decision's, in a decision's view) only where
   * the reader may read that item, and left out when there are none.
   */
  minutes: {
    atMeetingId: string;
    atMeetingDate?: CivilDate;
    approval: MinutesApproval;
    amendments?: string[];
    itemAmendments?: ItemAmendmentView[];
  }[];
  verdict: Verdict;
  citedEvents: string[];
}

/** An amendment to the minutes about one item, with the item's title where the item is known. */
export interface ItemAmendmentView {
  itemId: string;
  title?: string;
  text: string;
}

export const meetingDecisionId = (meetingId: string, itemId: string, bodyId: string) => `${meetingId}/${itemId}/${bodyId}`;

/**
 * One body's decision on an item of a meeting, as the register holds the meeting (the state its stream
 * folds to), judged by the rules as the facts now stand and shown as `reader` may read it.
 */
export function meetingView(
  register: DecisionRegister,
  meeting: ConvenedMeeting,
  item: AgendaItem,
  decision: Decision,
  judge: AuthorityJudge,
  reader: Reader,
): MeetingDecisionView {
  const { bodyId } = decision;
  const visible = reader.mayRead({ meetingId: meeting.meetingId, itemId: item.itemId });
  const votes = votesOf(item.votes.values(), bodyId);
  const quorum = quorumFinding(register, meeting, item, decision);
  // Once the body voted, a voter present who cast no vote is shown (and counted) as abstained-no-vote-cast.
  const silent = silentVoters(quorum.voters, votes);
  const findings: Finding[] = [
    authorityOf(register, meeting, item, decision, judge),
    quorum.finding,
    conflictsFinding(item, votes, bodyId),
    callInFinding(decision, visible),
  ];
  const approvals = register.minutesApprovals.get(meeting.meetingId) ?? [];
  return {
    kind: 'meeting',
    decisionId: meetingDecisionId(meeting.meetingId, item.itemId, bodyId),
    date: meeting.date,
    meeting: meetingPart(register, meeting),
    item: itemPart(item, visible, reader.confidentialityToday(meeting.meetingId, item.itemId) ?? confidentialityOf(item)),
    decidingBody: bodyRef(register, bodyId, meeting.date),
    outcome: decision.outcome,
    ...optional('motionId', decision.motionId),
    ...(visible ? { resolution: decision.resolution } : {}),
    votes: votesPart(register, meeting, bodyId, votes, silent),
    counts: votes.length > 0 ? tally(votes, silent.length) : (decision.counts ?? null),
    countsFrom: countsFrom(votes.length, decision.counts),
    ...optional('castingVote', decision.castingVote),
    quorum: { ...quorum.quorum, counted: quorum.voters.map((voter) => voter.membershipId), recorded: decision.quorum },
    declarations: item.declarations
      .filter((declaration) => declaration.bodyId === bodyId)
      .map(({ membershipId, interest, action }) => ({
        ...memberRef(register, bodyId, membershipId),
        ...(visible ? { interest } : {}),
        action,
      })),
    callIn: decision.callIn ? callInPart(decision.callIn, visible) : null,
    minutes: minutesPart(register, meeting, approvals, reader, item.itemId),
    verdict: verdictOf(findings),
    citedEvents: citing(
      meeting.citedEvents,
      item.citedEvents,
      item.lifted?.citedEvents ?? [],
      ...item.erasures.map((erasure) => erasure.citedEvents),
      ...[...item.motions.values()].map((motion) => motion.citedEvents),
      decision.citedEvents,
      ...votes.map((vote) => vote.citedEvents),
      ...findings.map((finding) => finding.citedEvents),
      ...approvals.map((approval) => approval.citedEvents),
    ),
  };
}

/** A decision exercises the item's functions only when binding; a meeting in common decides for its own body's areas only. */
function authorityOf(
  register: DecisionRegister,
  meeting: ConvenedMeeting,
  item: AgendaItem,
  decision: Decision,
  judge: AuthorityJudge,
): Finding {
  if (!isBinding(decision.outcome)) {
    return { rule: 'authority', ok: true, message: `${decision.outcome}: no function exercised`, citedEvents: decision.citedEvents };
  }
  const { functions, areas } = item;
  const act = { bodyId: decision.bodyId, date: meeting.date, functions, areas, ownAreasOnly: meeting.inCommon };
  return authorityFinding(register.bodies, { ...act, citedEvents: citing(item.citedEvents, meeting.citedEvents) }, judge);
}

export function meetingPart(register: DecisionRegister, meeting: ConvenedMeeting): MeetingDecisionView['meeting'] {
  return {
    id: meeting.meetingId,
    date: meeting.date,
    ...optional('time', meeting.time),
    ...(meeting.reschedulings.length > 0 ? { rescheduledFrom: meeting.reschedulings.map((moved) => moved.from) } : {}),
    ...optional('location', meeting.location),
    inCommon: meeting.inCommon,
    bodies: meeting.bodies.map(({ bodyId, quorum }) => ({
      bodyId,
      ...optional('name', nameAt(register.bodies, bodyId, meeting.date)),
      quorum,
    })),
  };
}

export function confidentialityOf(item: AgendaItem): ItemConfidentiality {
  return { confidential: item.confidential, lifted: item.lifted?.effective };
}

/** The item, its content left out when redacted; its confidentiality as it stands today. */
export function itemPart(item: AgendaItem, visible: boolean, { confidential, lifted }: ItemConfidentiality): MeetingDecisionView['item'] {
  return {
    id: item.itemId,
    title: item.title,
    functions: item.functions,
    areas: item.areas,
    ...(visible ? { text: item.text } : {}),
    motions: [...item.motions.values()].map(({ motionId, mover, seconder, wording }) => ({
      motionId,
      mover,
      seconder,
      ...(visible ? { wording } : {}),
    })),
    ...(confidential
      ? {
          confidential: {
            paragraph: confidential.paragraph,
            publicInterestReason: confidential.publicInterestReason,
            publicSummary: confidential.publicSummary,
            ...optional('lifted', lifted),
          },
        }
      : {}),
    redacted: !visible,
    erasures: item.erasures.map(({ reason }) => ({ reason })),
  };
}

/** The votes cast, then the silent voters', each resting on the attendance record that shows them present. */
function votesPart(
  register: DecisionRegister,
  meeting: ConvenedMeeting,
  bodyId: string,
  votes: readonly Vote[],
  silent: readonly string[],
): MeetingDecisionView['votes'] {
  return [
    ...votes.map(({ membershipId, vote, citedEvents }) => ({ ...memberRef(register, bodyId, membershipId), vote, citedEvents })),
    ...silent.map((membershipId) => ({
      ...memberRef(register, bodyId, membershipId),
      vote: 'abstained-no-vote-cast' as const,
      citedEvents: meeting.present.get(membershipId)?.citedEvents ?? [],
    })),
  ];
}

function callInPart(callIn: CallIn, visible: boolean): NonNullable<MeetingDecisionView['callIn']> {
  return {
    calledIn: callIn.effective,
    ...(visible ? { reason: callIn.reason } : {}),
    status: callIn.result?.result ?? 'suspended',
    ...optional('resultOn', callIn.result?.effective),
    ...optional('resultReason', visible ? callIn.result?.reason : undefined),
  };
}

/**
 * Approvals of the meeting's minutes at later meetings: amendments about the minutes as a whole only for
 * a reader who may read the minutes, and each about an item (`onlyItem`, or any) for a reader who may read that item.
 */
export function minutesPart(
  register: DecisionRegister,
  meeting: ConvenedMeeting,
  approvals: readonly MinutesApprovalRecord[],
  reader: Reader,
  onlyItem?: string,
): MeetingDecisionView['minutes'] {
  const minutesVisible = reader.mayRead({ meetingId: meeting.meetingId });
  return approvals.map(({ atMeetingId, approval, amendments, itemAmendments }) => {
    const about = itemAmendments.filter(({ itemId }) => onlyItem === undefined || itemId === onlyItem);
    return {
      atMeetingId,
      ...optional('atMeetingDate', register.meetings.get(atMeetingId)?.date),
      approval,
      ...(minutesVisible ? { amendments } : {}),
      ...itemAmendmentsPart(meeting.meetingId, about, reader, (itemId) => meeting.items.get(itemId)?.title),
    };
  });
}

/** The amendments about items the reader may read, with each item's title where known; absent when there are none. */
export function itemAmendmentsPart(
  minutesOfMeetingId: string,
  itemAmendments: readonly ItemAmendment[],
  reader: Reader,
  titleOf: (itemId: string) => string | undefined,
): { itemAmendments?: ItemAmendmentView[] } {
  const shown = itemAmendments
    .filter(({ itemId }) => reader.mayRead({ meetingId: minutesOfMeetingId, itemId }))
    .map(({ itemId, text }) => ({ itemId, ...optional('title', titleOf(itemId)), text }));
  return shown.length > 0 ? { itemAmendments: shown } : {};
}
