import { BodyRegister, buildBodyRegister } from '../body-register/body-register';
import { StandingFact, standingStreams } from '../body-register/standing-facts';
import { foldEvents } from '../decider';
import { ItemAmendment, MeetingEvent, MinutesApproval } from '../meetings/meeting.events';
import { evolveMeeting } from '../meetings/meeting.evolve';
import { ConvenedMeeting, MeetingState } from '../meetings/meeting.state';
import type { MeetingToday } from '../meetings/item-content';
import { OfficerDecisionData, OfficerDecisionEvent } from '../officer-decisions/officer-decision.events';
import { factSources, FactSources } from '../projections/fact-provenance';
import { LedgerFact } from '../projections/ledger-fact';
import { evolveRecommendation } from '../recommendations/recommendation.evolve';
import { RecommendationEvent } from '../recommendations/recommendation.events';
import { MadeRecommendation, RecommendationState } from '../recommendations/recommendation.state';
import { Cited } from '../shared/cited';

/** Minutes of one meeting approved at another. */
export interface MinutesApprovalRecord extends Cited {
  atMeetingId: string;
  approval: MinutesApproval;
  amendments: string[];
  itemAmendments: ItemAmendment[];
}

export type RecordedOfficerDecision = OfficerDecisionData & Cited;

/** A recommendation as the register holds it: as its stream folds (see `evolveRecommendation`). */
export type RecordedRecommendation = MadeRecommendation;

export interface DecisionRegister {
  readonly bodies: BodyRegister;
  readonly meetings: ReadonlyMap<string, ConvenedMeeting>;
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
  const recommendation = foldEvents<RecommendationState, StandingFact<RecommendationEvent>>(stream, evolveRecommendation, {
    recorded: false,
  });
  return recommendation.recorded ? recommendation : undefined;
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
  const meetings = new Map<string, ConvenedMeeting>();
  for (const stream of standingStreams<MeetingEvent>(facts, 'meeting-')) {
    const meeting = foldEvents<MeetingState, StandingFact<MeetingEvent>>(stream, evolveMeeting, { recorded: false });
    if (meeting.recorded) meetings.set(meeting.meetingId, meeting);
  }
  const meetingSources = factSources(facts.filter((fact) => fact.stream.startsWith('meeting-')));
  return { ...register, meetings, minutesApprovals: minutesApprovalsIn(meetings), meetingSources };
}

/** By the meeting whose minutes were approved: each approval, in the order the meetings were folded. */
function minutesApprovalsIn(meetings: ReadonlyMap<string, ConvenedMeeting>): Map<string, MinutesApprovalRecord[]> {
  const approvals = new Map<string, MinutesApprovalRecord[]>();
  for (const { meetingId, minutesApproved } of meetings.values()) {
    for (const [minutesOfMeetingId, { approval, amendments, itemAmendments, citedEvents }] of minutesApproved) {
      approvals.set(minutesOfMeetingId, [
        ...(approvals.get(minutesOfMeetingId) ?? []),
        { atMeetingId: meetingId, approval, amendments, itemAmendments, citedEvents },
      ]);
    }
  }
  return approvals;
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
