import { Module } from '@nestjs/common';
import { RecommendationsController } from './recommendations.controller';
import { RecordRecommendationFactHandler } from './record-recommendation-fact';

@Module({ controllers: [RecommendationsController], providers: [RecordRecommendationFactHandler] })
export class RecommendationsModule {}
