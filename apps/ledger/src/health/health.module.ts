import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TransparencyModule } from '../transparency/transparency.module';
import { EventStoreHealthIndicator } from './event-store.health';
import { HealthController } from './health.controller';
import { TransparencyHealthIndicator } from './transparency.health';

@Module({
  imports: [TerminusModule, TransparencyModule],
  controllers: [HealthController],
  providers: [EventStoreHealthIndicator, TransparencyHealthIndicator],
})
export class HealthModule {}
