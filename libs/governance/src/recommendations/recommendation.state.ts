import { CivilDate } from '../shared/civil-date';
import { Cited } from '../shared/cited';
import { Area, CommissioningFunction } from '../shared/vocabulary';
import { DecisionReference, RecommendationResponse } from './recommendation.events';

export interface BodyResponse extends Cited {
  bodyId: string;
  response: RecommendationResponse;
  date: CivilDate;
  decision?: DecisionReference;
  reason?: string;
}

/** One round of parallel approval: the proposal as made, or as revised after a referral back. */
export interface RecommendationRound extends Cited {
  round: number;
  proposal: string;
  opened: CivilDate;
  /** By body: a revision asks every body afresh. */
  responses: Map<string, BodyResponse>;
}

/** A recommendation as its stream records it: the one state the decider decides on and the register reads. */
export interface MadeRecommendation extends Cited {
  recorded: true;
  recommendationId: string;
  fromBodyId: string;
  toBodyIds: string[];
  title: string;
  functions: CommissioningFunction[];
  areas: Area[];
  date: CivilDate;
  /** Every round so far, the current one last. */
  rounds: RecommendationRound[];
  /** The current round's number (1 for the proposal as made), proposal, opening date and responses. */
  round: number;
  proposal: string;
  roundOpened: CivilDate;
  responses: Map<string, BodyResponse>;
}

export type RecommendationState = { recorded: false } | MadeRecommendation;

export type JointStatus = 'pending' | 'approved' | 'rejected' | 'referred-back';

/**
 * Where the joint proposal stands in its current round. Any rejection ends it; any referral back (and no
 * rejection) sends it back to the advisory group, whether or not the other bodies have answered yet;
 * otherwise it waits until every named body has answered, and stands only if every one approved.
 * No body's answer stands in for another's.
 */
export function jointStatus({ toBodyIds, responses }: Pick<MadeRecommendation, 'toBodyIds' | 'responses'>): JointStatus {
  const answers: (RecommendationResponse | undefined)[] = toBodyIds.map((bodyId) => responses.get(bodyId)?.response);
  if (answers.includes('rejected')) return 'rejected';
  if (answers.includes('referred-back')) return 'referred-back';
  if (answers.includes(undefined)) return 'pending';
  return 'approved';
}
