import { BodyRegister, buildBodyRegister } from '../body-register/body-register';
import { citing, StandingFact, standingStreams } from '../body-register/standing-facts';
import {
  CallInResult,
  Confidentiality,
  DecisionCounts,
  MeetingBody,
  MeetingEvent,
  MinutesApproval,
  Quorum,
} from '../meetings/meeting.events';
import { CastingVote } from '../meetings/meeting-rules';
import type { MeetingToday } from '../meetings/item-content';
import { OfficerDecisionData, OfficerDecisionEvent } from '../officer-decisions/officer-decision.events';
import { factSources, FactSources } from '../projections/fact-provenance';
import { LedgerFact } from '../projections/ledger-fact';
import { DecisionReference, RecommendationEvent, RecommendationResponse } from '../recommendations/recommendation.events';
import { CivilDate } from '../shared/civil-date';
import { Area, CommissioningFunction, DecisionOutcome, InterestAction, VoteOption } from '../shared/vocabulary';

/** Every recorded thing below keeps `citedEvents`: the events (and corrections) it rests on. */
interface Cited {
  citedEvents: string[];
}

export interface RecordedDeclaration extends Cited {
  membershipId: string;
  bodyId: string;
  interest: string;
  action: InterestAction;
}

export interface RecordedMotion extends Cited {
  motionId: string;
  wording: string;
  mover: string;
  seconder: string;
}

export interface RecordedVote extends Cited {
  membershipId: string;
  bodyId: string;
  vote: VoteOption;
  motionId?: string;
}

export interface RecordedCallIn extends Cited {
  effective: CivilDate;
  reason: string;
  result?: Cited & { result: CallInResult; effective: CivilDate; reason?: string };
}

export interface RecordedDecision extends Cited {
  bodyId: string;
  outcome: DecisionOutcome;
  resolution: string;
  motionId?: string;
  counts?: DecisionCounts;
  countsFrom?: 'votes' | 'entered';
  castingVote?: CastingVote;
  /** As computed when the decision was recorded. */
  quorum: Quorum;
  callIn?: RecordedCallIn;
}

export interface RecordedItem extends Cited {
  itemId: string;
  title: string;
  text: string;
  functions: CommissioningFunction[];
  areas: Area[];
  confidential?: Confidentiality;
  lifted?: Cited & { effective: CivilDate; reason: string };
  /** Each erasure of the item's content, and why. */
  erasures: (Cited & { reason: string })[];
  declarations: RecordedDeclaration[];
  motions: Map<string, RecordedMotion>;
  /** By membershipId: one vote per member per item, the later replacing the earlier (as the meeting fold does). */
  votes: Map<string, RecordedVote>;
  /** By deciding body. */
  decisions: Map<string, RecordedDecision>;
}

export interface RecordedMeeting extends Cited {
  meetingId: string;
  date: CivilDate;
  location?: string;
  inCommon: boolean;
  bodies: MeetingBody[];
  /** membershipId → the body it sat for, and the attendance record naming it. */
  present: Map<string, Cited & { bodyId: string }>;
  items: Map<string, RecordedItem>;
}

/** Minutes of one meeting approved at another. */
export interface MinutesApprovalRecord extends Cited {
  atMeetingId: string;
  approval: MinutesApproval;
  amendments: string[];
}

export type RecordedOfficerDecision = OfficerDecisionData & Cited;

export interface RecordedResponse extends Cited {
  bodyId: string;
  response: RecommendationResponse;
  date: CivilDate;
  decision?: DecisionReference;
  reason?: string;
}

/** One round of parallel approval: the proposal as made or as revised after a referral back. */
export interface RecommendationRound extends Cited {
  round: number;
  proposal: string;
  opened: CivilDate;
  responses: Map<string, RecordedResponse>;
}

export interface RecordedRecommendation extends Cited {
  recommendationId: string;
  fromBodyId: string;
  toBodyIds: string[];
  title: string;
  functions: CommissioningFunction[];
  areas: Area[];
  date: CivilDate;
  rounds: RecommendationRound[];
}

export interface DecisionRegister {
  readonly bodies: BodyRegister;
  readonly meetings: ReadonlyMap<string, RecordedMeeting>;
  /** By the meeting whose minutes were approved. */
  readonly minutesApprovals: ReadonlyMap<string, readonly MinutesApprovalRecord[]>;
  readonly officerDecisions: ReadonlyMap<string, RecordedOfficerDecision>;
  readonly recommendations: ReadonlyMap<string, RecordedRecommendation>;
  /** The sources of the meeting facts folded in (standing facts' sources are kept by the view that holds them). */
  readonly meetingSources: FactSources;
}

export function buildDecisionRegister(facts: readonly LedgerFact[]): DecisionRegister {
  return withMeetings(
    assembleDecisionRegister(
      buildBodyRegister(facts),
      standingStreams<OfficerDecisionEvent>(facts, 'officer-decision-'),
      standingStreams<RecommendationEvent>(facts, 'recommendation-').map(recommendationRecorded),
    ),
    facts,
  );
}

/** The recommendation one stream records, folded (undefined when it records none). */
export function recommendationRecorded(stream: readonly StandingFact<RecommendationEvent>[]): RecordedRecommendation | undefined {
  return stream.reduce<RecordedRecommendation | undefined>(foldRecommendation, undefined);
}

/**
 * The register, without meetings, from its parts: the body register, the officer decision streams as
 * they stand and each recommendation stream's recommendation, each in ledger order. Every part depends
 * on its own streams alone, so a reader keeping the register at many bases keeps the parts.
 */
export function assembleDecisionRegister(
  bodies: BodyRegister,
  officerStreams: readonly (readonly StandingFact<OfficerDecisionEvent>[])[],
  recommendationsByStream: readonly (RecordedRecommendation | undefined)[],
): DecisionRegister {
  const officerDecisions = new Map<string, RecordedOfficerDecision>();
  for (const stream of officerStreams) {
    for (const event of stream) officerDecisions.set(event.data.decisionId, { ...event.data, citedEvents: event.citedEvents });
  }
  const recommendations = new Map<string, RecordedRecommendation>();
  for (const recommendation of recommendationsByStream) {
    if (recommendation) recommendations.set(recommendation.recommendationId, recommendation);
  }
  return { bodies, meetings: new Map(), minutesApprovals: new Map(), officerDecisions, recommendations, meetingSources: new Map() };
}

/**
 * The register with the meetings among `facts` folded in, in place of any it had. A reader that needs
 * only some meetings (one decision, one body's) passes just their streams: each meeting stands alone,
 * except minutes, which are approved at a later meeting, so that meeting's stream must be given too.
 */
export function withMeetings(register: DecisionRegister, facts: readonly LedgerFact[]): DecisionRegister {
  const meetings = new Map<string, RecordedMeeting>();
  const minutesApprovals = new Map<string, MinutesApprovalRecord[]>();
  for (const stream of standingStreams<MeetingEvent>(facts, 'meeting-')) {
    const meeting = stream.reduce<RecordedMeeting | undefined>((state, event) => foldMeeting(state, event, minutesApprovals), undefined);
    if (meeting) meetings.set(meeting.meetingId, meeting);
  }
  const meetingSources = factSources(facts.filter((fact) => fact.stream.startsWith('meeting-')));
  return { ...register, meetings, minutesApprovals, meetingSources };
}

/** The meetings of a register as the confidentiality rules need them (see `contentReader`): the register at the head stands for today. */
export function meetingsTodayOf(register: Pick<DecisionRegister, 'meetings'>): Map<string, MeetingToday> {
  return new Map(
    [...register.meetings.values()].map((meeting) => [
      meeting.meetingId,
      {
        bodyIds: meeting.bodies.map((body) => body.bodyId),
        items: new Map(
          [...meeting.items.values()].map((item) => [
            item.itemId,
            { confidential: item.confidential, lifted: item.lifted?.effective, erasures: item.erasures.length },
          ]),
        ),
      },
    ]),
  );
}

/**
 * Folds a meeting stream keeping the event ids behind every fact (what `evolveMeeting` does for the
 * decider, plus the texts and ids a published record needs). Like it, it passes over facts about items
 * or decisions a correction has withdrawn. Mutates only the state it builds.
 */
function foldMeeting(
  meeting: RecordedMeeting | undefined,
  event: StandingFact<MeetingEvent>,
  minutesApprovals: Map<string, MinutesApprovalRecord[]>,
): RecordedMeeting | undefined {
  if (event.type === 'MeetingConvened') {
    const { meetingId, date, location, inCommon, bodies } = event.data;
    return { meetingId, date, location, inCommon, bodies, present: new Map(), items: new Map(), citedEvents: event.citedEvents };
  }
  if (!meeting) return meeting;
  const { citedEvents } = event;
  switch (event.type) {
    case 'AgendaItemAdded': {
      const { itemId, title, text, functions, areas, confidential } = event.data;
      meeting.items.set(itemId, {
        itemId,
        title,
        text,
        functions,
        areas,
        confidential,
        erasures: [],
        declarations: [],
        motions: new Map(),
        votes: new Map(),
        decisions: new Map(),
        citedEvents,
      });
      break;
    }
    case 'AttendanceRecorded':
      for (const { membershipId, bodyId } of event.data.present) meeting.present.set(membershipId, { bodyId, citedEvents });
      break;
    case 'InterestDeclared': {
      const { membershipId, bodyId, interest, action } = event.data;
      meeting.items.get(event.data.itemId)?.declarations.push({ membershipId, bodyId, interest, action, citedEvents });
      break;
    }
    case 'MotionProposed': {
      const { motionId, wording, mover, seconder } = event.data;
      meeting.items.get(event.data.itemId)?.motions.set(motionId, { motionId, wording, mover, seconder, citedEvents });
      break;
    }
    case 'VoteCast': {
      const { membershipId, bodyId, vote, motionId } = event.data;
      meeting.items.get(event.data.itemId)?.votes.set(membershipId, { membershipId, bodyId, vote, motionId, citedEvents });
      break;
    }
    case 'DecisionRecorded': {
      const { bodyId, outcome, resolution, motionId, counts, countsFrom, castingVote, quorum } = event.data;
      meeting.items
        .get(event.data.itemId)
        ?.decisions.set(bodyId, { bodyId, outcome, resolution, motionId, counts, countsFrom, castingVote, quorum, citedEvents });
      break;
    }
    case 'ConfidentialityLifted': {
      const item = meeting.items.get(event.data.itemId);
      if (item) item.lifted = { effective: event.data.effective, reason: event.data.reason, citedEvents };
      break;
    }
    case 'ConfidentialityImposed': {
      const item = meeting.items.get(event.data.itemId);
      const { paragraph, publicInterestReason, publicSummary } = event.data;
      if (item) Object.assign(item, { confidential: { paragraph, publicInterestReason, publicSummary }, lifted: undefined });
      break;
    }
    case 'ConfidentialContentErased':
      meeting.items.get(event.data.itemId)?.erasures.push({ reason: event.data.reason, citedEvents });
      break;
    case 'MinutesApproved': {
      const { minutesOfMeetingId, approval, amendments } = event.data;
      const approvals = minutesApprovals.get(minutesOfMeetingId) ?? [];
      approvals.push({ atMeetingId: meeting.meetingId, approval, amendments, citedEvents });
      minutesApprovals.set(minutesOfMeetingId, approvals);
      break;
    }
    case 'DecisionCalledIn': {
      const decision = meeting.items.get(event.data.itemId)?.decisions.get(event.data.bodyId);
      if (decision) decision.callIn = { effective: event.data.effective, reason: event.data.reason, citedEvents };
      break;
    }
    case 'CallInResultRecorded': {
      const callIn = meeting.items.get(event.data.itemId)?.decisions.get(event.data.bodyId)?.callIn;
      if (callIn) callIn.result = { result: event.data.result, effective: event.data.effective, reason: event.data.reason, citedEvents };
      break;
    }
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
  return meeting;
}

/** Responses belong to the round open when they were given; a revision opens the next round. */
function foldRecommendation(
  recommendation: RecordedRecommendation | undefined,
  event: StandingFact<RecommendationEvent>,
): RecordedRecommendation | undefined {
  if (event.type === 'RecommendationMade') {
    const { recommendationId, fromBodyId, toBodyIds, title, proposal, functions, areas, date } = event.data;
    const round: RecommendationRound = { round: 1, proposal, opened: date, responses: new Map(), citedEvents: event.citedEvents };
    return { recommendationId, fromBodyId, toBodyIds, title, functions, areas, date, rounds: [round], citedEvents: event.citedEvents };
  }
  if (!recommendation) return recommendation;
  switch (event.type) {
    case 'BodyRespondedToRecommendation': {
      const { bodyId, response, date, decision, reason } = event.data;
      recommendation.rounds[recommendation.rounds.length - 1].responses.set(bodyId, {
        bodyId,
        response,
        date,
        decision,
        reason,
        citedEvents: event.citedEvents,
      });
      break;
    }
    case 'RecommendationRevised': {
      const { proposal, date } = event.data;
      recommendation.rounds.push({
        round: recommendation.rounds.length + 1,
        proposal,
        opened: date,
        responses: new Map(),
        citedEvents: event.citedEvents,
      });
      break;
    }
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
  recommendation.citedEvents = citing(recommendation.citedEvents, event.citedEvents);
  return recommendation;
}
