import { RecommendationCommand } from '@ledger/governance/recommendations/recommendation.commands';
import { CatalogueEntry } from '../recording/command-catalogue';
import { MakeRecommendationDto, RespondToRecommendationDto, ReviseRecommendationDto } from './dto/recommendation.dto';
import { RecordRecommendationFact } from './record-recommendation-fact';

const entry = (command: RecommendationCommand['type'], dto: CatalogueEntry['dto'], pathIds: string[]): CatalogueEntry => ({
  command,
  dto,
  pathIds,
  dispatch: (data, recording) => new RecordRecommendationFact({ type: command, data } as unknown as RecommendationCommand, recording),
});

export const RECOMMENDATIONS_COMMANDS: CatalogueEntry[] = [
  entry('MakeRecommendation', MakeRecommendationDto, []),
  entry('RespondToRecommendation', RespondToRecommendationDto, ['recommendationId']),
  entry('ReviseRecommendation', ReviseRecommendationDto, ['recommendationId']),
];
