import { Module } from '@nestjs/common';
import { commandRoutes } from '../recording/command-routes';
import { RECOMMENDATION_COMMANDS } from './recommendation-commands';

@Module({ controllers: [commandRoutes(RECOMMENDATION_COMMANDS)] })
export class RecommendationsModule {}
