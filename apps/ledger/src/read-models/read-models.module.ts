import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { ledgerConfig } from '../config/ledger.config';
import { LedgerViews } from './ledger-views';
import { ProjectionRunner } from './projection-runner';
import { ReadModelDatabase } from './read-model-database';

@Global()
@Module({
  providers: [
    {
      provide: ReadModelDatabase,
      inject: [ledgerConfig.KEY],
      useFactory: (config: ConfigType<typeof ledgerConfig>) => new ReadModelDatabase(config.dataDir),
    },
    LedgerViews,
    ProjectionRunner,
  ],
  exports: [LedgerViews, ProjectionRunner],
})
export class ReadModelsModule implements OnApplicationShutdown {
  constructor(@Inject(ReadModelDatabase) private readonly database: ReadModelDatabase) {}

  onApplicationShutdown(): void {
    this.database.close();
  }
}
