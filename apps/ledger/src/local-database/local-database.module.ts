import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { ledgerConfig } from '../config/ledger.config';
import { LocalDatabase } from './local-database';

@Global()
@Module({
  providers: [
    {
      provide: LocalDatabase,
      inject: [ledgerConfig.KEY],
      useFactory: (config: ConfigType<typeof ledgerConfig>) => new LocalDatabase(config.dataDir),
    },
  ],
  exports: [LocalDatabase],
})
export class LocalDatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(LocalDatabase) private readonly local: LocalDatabase) {}

  onApplicationShutdown(): void {
    this.local.close();
  }
}
