import { Member } from '../bodies/body.events';
import { membershipEvents, nameAt, registeredBody } from '../body-register/body-register';
import { citing } from '../body-register/standing-facts';
import { CallInResult, DecisionCounts, MinutesApproval, Quorum, Schedule12AParagraph } from '../meetings/meeting.events';
import {
  barsVoting,
  CastingVote,
  countsFrom,
  isBinding,
  membersPresent,
  quorumOf,
  silentVoters,
  tally,
  votersPresent,
  votesOf,
} from '../meetings/meeting-rules';
import { Reader } from '../meetings/item-content';
import { DeclaredConflict, DelegationRelied, Officer } from '../officer-decisions/officer-decision.events';
import { CivilDate } from '../shared/civil-date';
import { Area, BodyKind, CommissioningFunction, DecisionOutcome, InterestAction, VoteOption } from '../shared/vocabulary';
import {
  DecisionRegister,
  RecordedDecision,
  RecordedItem,
  RecordedMeeting,
  RecordedOfficerDecision,
  RecordedVote,
} from './decision-register';
import { AuthorityJudge, authorityFinding, Finding, Verdict, verdictOf } from './verdict';

export interface DecisionFilter {
  bodyId?: string;
  /** Closed-open on the decision date: from <= date < to. */
  from?: CivilDate;
  to?: CivilDate;
  function?: CommissioningFunction;
}

export interface BodyRef {
  id: string;
  kind?: BodyKind;
  /** Its name on the decision date. */
  name?: string;
  parentBodyId?: string;
}

export interface MemberRef {
  membershipId: string;
  /** Null when the membership is not (or no longer) recorded for the body. */
  member: Member | null;
}

export interface MeetingDecisionView {
  kind: 'meeting';
  decisionId: string;
  date: CivilDate;
  meeting: {
    id: string;
    date: CivilDate;
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
  /** Amendments left out when the reader may not read the meeting's minutes (a Part 2 item among them). */
  minutes: { atMeetingId: string; atMeetingDate?: CivilDate; approval: MinutesApproval; amendments?: string[] }[];
  verdict: Verdict;
  citedEvents: string[];
}

export interface OfficerDecisionView {
  kind: 'officer';
  decisionId: string;
  date: CivilDate;
  officer: Officer;
  /** The body on whose behalf the officer decided. */
  onBehalfOf: BodyRef;
  delegationRelied: DelegationRelied;
  decision: string;
  reasons: string;
  alternativesRejected: string[];
  conflicts: DeclaredConflict[];
  functions: CommissioningFunction[];
  areas: Area[];
  verdict: Verdict;
  citedEvents: string[];
}

export type DecisionView = MeetingDecisionView | OfficerDecisionView;

export const meetingDecisionId = (meetingId: string, itemId: string, bodyId: string) => `${meetingId}/${itemId}/${bodyId}`;
export const officerDecisionId = (decisionId: string) => `officer/${decisionId}`;

/** One decision: at a meeting in common, each committee's decision is its own, with its own verdict. */
export function decisionView(
  register: DecisionRegister,
  decisionId: string,
  authority: AuthorityJudge,
  reader: Reader,
): DecisionView | undefined {
  const parts = decisionId.split('/');
  if (parts.length === 2 && parts[0] === 'officer') {
    const recorded = register.officerDecisions.get(parts[1]);
    return recorded && officerView(register, recorded, authority);
  }
  if (parts.length !== 3) return undefined;
  const [meetingId, itemId, bodyId] = parts;
  const meeting = register.meetings.get(meetingId);
  const item = meeting?.items.get(itemId);
  const decision = item?.decisions.get(bodyId);
  return meeting && item && decision && meetingView(register, meeting, item, decision, authority, reader);
}

/** Decisions in date order (then by id), meeting and officer decisions alike. */
export function listDecisions(
  register: DecisionRegister,
  filter: DecisionFilter,
  authority: AuthorityJudge,
  reader: Reader,
): DecisionView[] {
  const matches = (bodyId: string, date: CivilDate, functions: CommissioningFunction[]) =>
    (filter.bodyId === undefined || filter.bodyId === bodyId) &&
    (filter.from === undefined || filter.from <= date) &&
    (filter.to === undefined || date < filter.to) &&
    (filter.function === undefined || functions.includes(filter.function));
  const views: DecisionView[] = [];
  for (const meeting of register.meetings.values()) {
    for (const item of meeting.items.values()) {
      for (const decision of item.decisions.values()) {
        if (matches(decision.bodyId, meeting.date, item.functions))
          views.push(meetingView(register, meeting, item, decision, authority, reader));
      }
    }
  }
  for (const recorded of register.officerDecisions.values()) {
    if (matches(recorded.bodyId, recorded.date, recorded.functions)) views.push(officerView(register, recorded, authority));
  }
  return views.sort(inRegisterOrder);
}

/** The register's order: by date, then by decision id. */
export function inRegisterOrder(a: DecisionView, b: DecisionView): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.decisionId < b.decisionId ? -1 : a.decisionId > b.decisionId ? 1 : 0;
}

function meetingView(
  register: DecisionRegister,
  meeting: RecordedMeeting,
  item: RecordedItem,
  decision: RecordedDecision,
  judge: AuthorityJudge,
  reader: Reader,
): MeetingDecisionView {
  const { bodyId } = decision;
  const visible = reader.mayRead({ meetingId: meeting.meetingId, itemId: item.itemId });
  const minutesVisible = reader.mayRead({ meetingId: meeting.meetingId });
  const confidentiality = reader.confidentialityToday(meeting.meetingId, item.itemId) ?? {
    confidential: item.confidential,
    lifted: item.lifted?.effective,
  };
  const votes = votesOf(item.votes.values(), bodyId);
  const member = (ofBodyId: string, membershipId: string): MemberRef => ({
    membershipId,
    member: registeredBody(register.bodies, ofBodyId)?.memberships[membershipId]?.member ?? null,
  });
  const quorum = quorumFinding(register, meeting, item, decision);
  // Once the body voted, a voter present who cast no vote is shown (and counted) as abstained-no-vote-cast.
  const silent = silentVoters(quorum.voters, votes).map((membershipId) => ({ membershipId, vote: 'abstained-no-vote-cast' as const }));
  const counts = votes.length > 0 ? tally(votes, silent.length) : (decision.counts ?? null);
  const findings: Finding[] = [
    isBinding(decision.outcome)
      ? authorityFinding(
          register.bodies,
          {
            bodyId,
            date: meeting.date,
            functions: item.functions,
            areas: item.areas,
            citedEvents: citing(item.citedEvents, meeting.citedEvents),
            ownAreasOnly: meeting.inCommon,
          },
          judge,
        )
      : { rule: 'authority', ok: true, message: `${decision.outcome}: no function exercised`, citedEvents: decision.citedEvents },
    quorum.finding,
    conflictsFinding(item, votes, bodyId),
    callInFinding(decision, visible),
  ];
  const callIn = decision.callIn;
  const minutes = (register.minutesApprovals.get(meeting.meetingId) ?? []).map(({ atMeetingId, approval, amendments }) => ({
    atMeetingId,
    ...optional('atMeetingDate', register.meetings.get(atMeetingId)?.date),
    approval,
    ...(minutesVisible ? { amendments } : {}),
  }));
  return {
    kind: 'meeting',
    decisionId: meetingDecisionId(meeting.meetingId, item.itemId, bodyId),
    date: meeting.date,
    meeting: {
      id: meeting.meetingId,
      date: meeting.date,
      ...optional('location', meeting.location),
      inCommon: meeting.inCommon,
      bodies: meeting.bodies.map(({ bodyId: id, quorum: required }) => ({
        bodyId: id,
        ...optional('name', nameAt(register.bodies, id, meeting.date)),
        quorum: required,
      })),
    },
    item: {
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
      ...(confidentiality.confidential
        ? {
            confidential: {
              paragraph: confidentiality.confidential.paragraph,
              publicInterestReason: confidentiality.confidential.publicInterestReason,
              publicSummary: confidentiality.confidential.publicSummary,
              ...optional('lifted', confidentiality.lifted),
            },
          }
        : {}),
      redacted: !visible,
      erasures: item.erasures.map(({ reason }) => ({ reason })),
    },
    decidingBody: bodyRef(register, bodyId, meeting.date),
    outcome: decision.outcome,
    ...optional('motionId', decision.motionId),
    ...(visible ? { resolution: decision.resolution } : {}),
    // A silent voter's vote rests on the attendance record that shows them present.
    votes: [
      ...votes.map((vote) => ({ ...member(bodyId, vote.membershipId), vote: vote.vote, citedEvents: vote.citedEvents })),
      ...silent.map((vote) => ({
        ...member(bodyId, vote.membershipId),
        vote: vote.vote,
        citedEvents: meeting.present.get(vote.membershipId)?.citedEvents ?? [],
      })),
    ],
    counts,
    countsFrom: countsFrom(votes.length, decision.counts),
    ...optional('castingVote', decision.castingVote),
    quorum: { ...quorum.quorum, counted: quorum.voters.map((voter) => voter.membershipId), recorded: decision.quorum },
    declarations: item.declarations
      .filter((declaration) => declaration.bodyId === bodyId)
      .map(({ membershipId, interest, action }) => ({ ...member(bodyId, membershipId), ...(visible ? { interest } : {}), action })),
    callIn: callIn
      ? {
          calledIn: callIn.effective,
          ...(visible ? { reason: callIn.reason } : {}),
          status: callIn.result?.result ?? 'suspended',
          ...optional('resultOn', callIn.result?.effective),
          ...optional('resultReason', visible ? callIn.result?.reason : undefined),
        }
      : null,
    minutes,
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
      ...(register.minutesApprovals.get(meeting.meetingId) ?? []).map((approval) => approval.citedEvents),
    ),
  };
}

function officerView(register: DecisionRegister, recorded: RecordedOfficerDecision, judge: AuthorityJudge): OfficerDecisionView {
  const {
    decisionId,
    officer,
    bodyId,
    delegationRelied,
    date,
    decision,
    reasons,
    alternativesRejected,
    conflicts,
    functions,
    areas,
    citedEvents,
  } = recorded;
  const findings = [authorityFinding(register.bodies, { bodyId, date, functions, areas, citedEvents }, judge)];
  return {
    kind: 'officer',
    decisionId: officerDecisionId(decisionId),
    date,
    officer,
    onBehalfOf: bodyRef(register, bodyId, date),
    delegationRelied,
    decision,
    reasons,
    alternativesRejected,
    conflicts,
    functions,
    areas,
    verdict: verdictOf(findings),
    citedEvents: citing(citedEvents, ...findings.map((finding) => finding.citedEvents)),
  };
}

/**
 * Quorum for the deciding body on the item: its voting members current on the date, present for it, and
 * not conflicted on the item. Recomputed so a correction to attendance or a declaration shows.
 */
function quorumFinding(register: DecisionRegister, meeting: RecordedMeeting, item: RecordedItem, decision: RecordedDecision) {
  const { bodyId } = decision;
  const required = meeting.bodies.find((body) => body.bodyId === bodyId)?.quorum ?? decision.quorum.required;
  const body = { bodyId, memberships: registeredBody(register.bodies, bodyId)?.memberships ?? {} };
  const presentFor = (membershipId: string) => meeting.present.get(membershipId)?.bodyId;
  const attending = membersPresent(body, meeting.date, presentFor);
  const voters = votersPresent(body, meeting.date, presentFor, item.declarations);
  const quorum = quorumOf(required, voters.length);
  const recorded = decision.quorum;
  const differs = recorded.present !== quorum.present || recorded.required !== required;
  const finding: Finding = {
    rule: 'quorum',
    ok: quorum.quorate,
    message:
      `${quorum.quorate ? 'quorate' : 'inquorate'}: ${quorum.present} voting member(s) of ${bodyId} present and not conflicted, ${required} required` +
      (differs ? ` (recorded at the meeting as ${recorded.present} of ${recorded.required})` : ''),
    citedEvents: citing(
      meeting.citedEvents,
      decision.citedEvents,
      ...attending.flatMap((membership) => [
        meeting.present.get(membership.membershipId)?.citedEvents ?? [],
        membershipEvents(register.bodies, bodyId, membership.membershipId),
        ...item.declarations
          .filter((declaration) => declaration.membershipId === membership.membershipId && barsVoting(declaration.action))
          .map((declaration) => declaration.citedEvents),
      ]),
    ),
  };
  return { quorum, voters, finding };
}

/** A member who withdrew or remained without voting cast no vote on the item; recording no vote cast is not voting. */
function conflictsFinding(item: RecordedItem, votes: RecordedVote[], bodyId: string): Finding {
  const declarations = item.declarations.filter((declaration) => declaration.bodyId === bodyId);
  const breaches = declarations.flatMap((declaration) => {
    const vote = votes.find((cast) => cast.membershipId === declaration.membershipId);
    return barsVoting(declaration.action) && vote && vote.vote !== 'abstained-no-vote-cast' ? [{ declaration, vote }] : [];
  });
  if (breaches.length === 0) {
    return {
      rule: 'conflicts',
      ok: true,
      message: declarations.length === 0 ? 'no interests declared' : 'no member barred by a declared interest voted',
      citedEvents: citing(...declarations.map((declaration) => declaration.citedEvents)),
    };
  }
  return {
    rule: 'conflicts',
    ok: false,
    message: breaches
      .map(({ declaration, vote }) => `${declaration.membershipId} declared an interest (${declaration.action}) yet voted ${vote.vote}`)
      .join('; '),
    citedEvents: citing(...breaches.flatMap(({ declaration, vote }) => [declaration.citedEvents, vote.citedEvents])),
  };
}

function callInFinding({ callIn }: RecordedDecision, reasonShown: boolean): Finding {
  if (!callIn) return { rule: 'call-in', ok: true, message: 'not called in', citedEvents: [] };
  const citedEvents = citing(callIn.citedEvents, callIn.result?.citedEvents ?? []);
  const calledIn = `called in on ${callIn.effective}` + (reasonShown ? ` (${callIn.reason})` : '');
  if (!callIn.result) return { rule: 'call-in', ok: false, message: `${calledIn}: suspended until the call-in has a result`, citedEvents };
  const { result, effective } = callIn.result;
  const outcome = {
    confirmed: `confirmed on ${effective}`,
    changed: `changed on ${effective}: the decision stands as changed, not as recorded`,
    'referred-to-full-council': `referred to full council on ${effective}`,
  }[result];
  return { rule: 'call-in', ok: true, message: `${calledIn}; ${outcome}`, citedEvents };
}

function bodyRef(register: DecisionRegister, bodyId: string, at: CivilDate): BodyRef {
  const body = registeredBody(register.bodies, bodyId);
  return {
    id: bodyId,
    ...optional('kind', body?.kind),
    ...optional('name', nameAt(register.bodies, bodyId, at)),
    ...optional('parentBodyId', body?.parentBodyId),
  };
}

/** A field only when it has a value, so views carry no `undefined` keys. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
