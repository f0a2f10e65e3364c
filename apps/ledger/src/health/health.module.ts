import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PublicProjectionModule } from '../public-projection/public-projection.module';
import { TransparencyModule } from '../transparency/transparency.module';
import { EventStoreHealthIndicator } from './event-store.health';
import { HealthController } from './health.controller';
import { ReadModelsHealthIndicator } from './read-models.health';
import { TransparencyHealthIndicator } from './transparency.health';

@Module({
  imports: [TerminusModule, TransparencyModule, PublicProjectionModule],
  controllers: [HealthController],
  providers: [EventStoreHealthIndicator, ReadModelsHealthIndicator, TransparencyHealthIndicator],
})
export class HealthModule {}
