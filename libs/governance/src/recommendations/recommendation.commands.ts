import { CivilDate } from '../shared/civil-date';
import { Provenance } from '../shared/source';
import { Area, CommissioningFunction } from '../shared/vocabulary';
import { DecisionReference, RecommendationResponse } from './recommendation.events';

export type RecommendationCommand =
  | {
      type: 'MakeRecommendation';
      data: Provenance & {
        recommendationId: string;
        fromBodyId: string;
        toBodyIds: string[];
        title: string;
        proposal: string;
        functions: CommissioningFunction[];
        areas: Area[];
        date: CivilDate;
      };
    }
  | {
      type: 'RespondToRecommendation';
      data: Provenance & {
        recommendationId: string;
        bodyId: string;
        response: RecommendationResponse;
        date: CivilDate;
        decision?: DecisionReference;
        reason?: string;
      };
    }
  | { type: 'ReviseRecommendation'; data: Provenance & { recommendationId: string; proposal: string; date: CivilDate } };
