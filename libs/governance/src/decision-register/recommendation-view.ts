import { nameAt } from '../body-register/body-register';
import { citing } from '../body-register/standing-facts';
import { DecisionReference, RecommendationResponse } from '../recommendations/recommendation.events';
import { BodyResponse, JointStatus, jointStatus, RecommendationRound } from '../recommendations/recommendation.state';
import { CivilDate } from '../shared/civil-date';
import { Area, CommissioningFunction } from '../shared/vocabulary';
import { DecisionRegister } from './decision-register';
import { meetingDecisionId } from './meeting-decision-view';

export interface ResponseView {
  bodyId: string;
  response: RecommendationResponse;
  date: CivilDate;
  reason?: string;
  /** Where the body made its response; `decisionId` when that decision is in the register. */
  decision?: DecisionReference & { decisionId?: string };
  citedEvents: string[];
}

export interface RoundView {
  round: number;
  proposal: string;
  opened: CivilDate;
  status: JointStatus;
  responses: ResponseView[];
  citedEvents: string[];
}

export interface RecommendationView {
  recommendationId: string;
  /** The advisory group that recommends. */
  fromBody: { id: string; name?: string };
  title: string;
  /** The proposal in the current round. */
  proposal: string;
  functions: CommissioningFunction[];
  areas: Area[];
  date: CivilDate;
  round: number;
  /** Where the joint proposal stands in the current round: it stands only when every named body approved. */
  status: JointStatus;
  /** Each body named for parallel approval, with its response in the current round (null: not yet). */
  bodies: { bodyId: string; name?: string; response: ResponseView | null }[];
  rounds: RoundView[];
  citedEvents: string[];
}

export function recommendationView(register: DecisionRegister, recommendationId: string): RecommendationView | undefined {
  const recommendation = register.recommendations.get(recommendationId);
  if (!recommendation) return undefined;
  const { fromBodyId, toBodyIds, title, functions, areas, date, rounds } = recommendation;
  const current = rounds[rounds.length - 1];
  const named = (bodyId: string, at: CivilDate) => {
    const name = nameAt(register.bodies, bodyId, at);
    return name === undefined ? {} : { name };
  };
  const roundViews = rounds.map((round) => roundView(register, toBodyIds, round));
  return {
    recommendationId,
    fromBody: { id: fromBodyId, ...named(fromBodyId, date) },
    title,
    proposal: current.proposal,
    functions,
    areas,
    date,
    round: current.round,
    status: roundViews[roundViews.length - 1].status,
    bodies: toBodyIds.map((bodyId) => {
      const response = current.responses.get(bodyId);
      return { bodyId, ...named(bodyId, response?.date ?? current.opened), response: response ? responseView(register, response) : null };
    }),
    rounds: roundViews,
    citedEvents: citing(recommendation.citedEvents, ...roundViews.map((round) => round.citedEvents)),
  };
}

function roundView(register: DecisionRegister, toBodyIds: string[], round: RecommendationRound): RoundView {
  const responses = [...round.responses.values()];
  return {
    round: round.round,
    proposal: round.proposal,
    opened: round.opened,
    status: jointStatus({ toBodyIds, responses: round.responses }),
    responses: responses.map((response) => responseView(register, response)),
    citedEvents: citing(round.citedEvents, ...responses.map((response) => response.citedEvents)),
  };
}

function responseView(register: DecisionRegister, { bodyId, response, date, reason, decision, citedEvents }: BodyResponse): ResponseView {
  const recorded = decision && register.meetings.get(decision.meetingId)?.items.get(decision.itemId)?.decisions.has(bodyId);
  return {
    bodyId,
    response,
    date,
    ...(reason !== undefined ? { reason } : {}),
    ...(decision
      ? { decision: { ...decision, ...(recorded ? { decisionId: meetingDecisionId(decision.meetingId, decision.itemId, bodyId) } : {}) } }
      : {}),
    citedEvents,
  };
}
