import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import type { Pool } from 'pg';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { API_KEY_STORE, ApiKeyStore, PostgresApiKeyStore, SqliteApiKeyStore } from '../access/api-key-store';
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
    {
      // On PostgreSQL the keys live beside the events, so every node accepts every key.
      provide: API_KEY_STORE,
      inject: [ledgerConfig.KEY, LocalDatabase, EVENT_STORE],
      useFactory: async (config: ConfigType<typeof ledgerConfig>, local: LocalDatabase, store: EventStore): Promise<ApiKeyStore> =>
        config.store === 'postgres' ? PostgresApiKeyStore.open((store as EventStore & { pool: Pool }).pool) : new SqliteApiKeyStore(local),
    },
  ],
  exports: [LocalDatabase, API_KEY_STORE],
})
export class LocalDatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(LocalDatabase) private readonly local: LocalDatabase) {}

  onApplicationShutdown(): void {
    this.local.close();
  }
}
