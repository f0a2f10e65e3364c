import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ledgerConfig } from './config/ledger.config';
import { HealthModule } from './health/health.module';
import { EventStoreModule } from './store/event-store.module';

@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, load: [ledgerConfig] }), EventStoreModule, HealthModule],
})
export class LedgerModule {}
