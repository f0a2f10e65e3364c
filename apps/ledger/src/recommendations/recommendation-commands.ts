import { recommendationAggregate } from '@ledger/governance';
import { declareCommands } from '../recording/command-declaration';
import { MakeRecommendationDto, RespondToRecommendationDto, ReviseRecommendationDto } from './dto/recommendation.dto';

/** Parallel approval: an advisory group recommends, each body asked records its own response. */
export const RECOMMENDATION_COMMANDS = declareCommands('recommendations', recommendationAggregate, {
  MakeRecommendation: {
    summary: "Record an advisory group's recommendation to bodies for parallel approval",
    dto: MakeRecommendationDto,
    route: 'recommendations',
    roles: ['officer', 'admin'],
  },
  RespondToRecommendation: {
    summary: "Record one body's response to a recommendation",
    dto: RespondToRecommendationDto,
    route: 'recommendations/:recommendationId/responses',
    roles: ['officer', 'admin'],
  },
  ReviseRecommendation: {
    summary: 'Record a revision of a recommendation',
    dto: ReviseRecommendationDto,
    route: 'recommendations/:recommendationId/revisions',
    roles: ['officer', 'admin'],
  },
});
