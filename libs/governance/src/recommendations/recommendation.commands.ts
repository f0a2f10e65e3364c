import { RecommendationEvent } from './recommendation.events';

/** The event each command records, by type: a command carries exactly what its event will. */
type DataOf<Type extends RecommendationEvent['type']> = Extract<RecommendationEvent, { type: Type }>['data'];

export type RecommendationCommand =
  | { type: 'MakeRecommendation'; data: DataOf<'RecommendationMade'> }
  | { type: 'RespondToRecommendation'; data: DataOf<'BodyRespondedToRecommendation'> }
  | { type: 'ReviseRecommendation'; data: DataOf<'RecommendationRevised'> };
