import { DomainEvent } from '../decider';
import { CivilDate } from '../shared/civil-date';
import { Provenance } from '../shared/source';
import { Area, CommissioningFunction } from '../shared/vocabulary';

/** What each body named for parallel approval answers, at its own meeting. */
export const RECOMMENDATION_RESPONSES = ['approved', 'rejected', 'referred-back'] as const;
export type RecommendationResponse = (typeof RECOMMENDATION_RESPONSES)[number];

/** The meeting item at which a body made its response (the meeting need not be recorded yet). */
export interface DecisionReference {
  meetingId: string;
  itemId: string;
}

export type RecommendationEvent =
  | DomainEvent<
      'RecommendationMade',
      Provenance & {
        recommendationId: string;
        /** The advisory group: it recommends, it never decides. */
        fromBodyId: string;
        /** The bodies whose approval the joint proposal needs, each deciding for itself only. */
        toBodyIds: string[];
        title: string;
        proposal: string;
        functions: CommissioningFunction[];
        areas: Area[];
        date: CivilDate;
      }
    >
  | DomainEvent<
      'BodyRespondedToRecommendation',
      Provenance & {
        recommendationId: string;
        bodyId: string;
        response: RecommendationResponse;
        date: CivilDate;
        decision?: DecisionReference;
        reason?: string;
      }
    >
  | DomainEvent<'RecommendationRevised', Provenance & { recommendationId: string; proposal: string; date: CivilDate }>;

export type RecommendationEventType = RecommendationEvent['type'];
