import { CivilDate } from '../shared/civil-date';
import { Area, CommissioningFunction } from '../shared/vocabulary';
import { DecisionReference, RecommendationResponse } from './recommendation.events';

export interface BodyResponse {
  bodyId: string;
  response: RecommendationResponse;
  date: CivilDate;
  decision?: DecisionReference;
  reason?: string;
}

export interface MadeRecommendation {
  recorded: true;
  recommendationId: string;
  fromBodyId: string;
  toBodyIds: string[];
  title: string;
  /** The proposal as it stands in the current round. */
  proposal: string;
  functions: CommissioningFunction[];
  areas: Area[];
  date: CivilDate;
  /** 1 for the proposal as made; each revision after a referral back opens the next round. */
  round: number;
  roundOpened: CivilDate;
  /** Responses in the current round only, by body: a revision asks every body afresh. */
  responses: Record<string, BodyResponse>;
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
  const answers: (RecommendationResponse | undefined)[] = toBodyIds.map((bodyId) => responses[bodyId]?.response);
  if (answers.includes('rejected')) return 'rejected';
  if (answers.includes('referred-back')) return 'referred-back';
  if (answers.includes(undefined)) return 'pending';
  return 'approved';
}
