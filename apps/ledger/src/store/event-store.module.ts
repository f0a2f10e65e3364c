import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { EVENT_STORE, EventStore, openEventStore } from '@ledger/event-store';
import { ledgerConfig } from '../config/ledger.config';
import { openSharedPostgres, ownsSharedPostgres, SHARED_POSTGRES, SharedPostgres } from './shared-postgres';

type Config = ConfigType<typeof ledgerConfig>;

/** Opens the configured event-store adapter once, and the database of the pieces every node shares; closes both on shutdown. */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [ledgerConfig.KEY],
      useFactory: (config: Config) =>
        openEventStore({
          kind: config.store,
          dataDir: config.dataDir,
          kurrentDbUrl: config.kurrentDbUrl,
          postgresUrl: config.postgresUrl,
        }),
    },
    {
      provide: SHARED_POSTGRES,
      inject: [ledgerConfig.KEY, EVENT_STORE],
      useFactory: (config: Config, store: EventStore) => openSharedPostgres(config, store),
    },
  ],
  exports: [EVENT_STORE, SHARED_POSTGRES],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SHARED_POSTGRES) private readonly shared: SharedPostgres,
    @Inject(ledgerConfig.KEY) private readonly config: Config,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    if (this.shared && ownsSharedPostgres(this.config)) await this.shared.end();
  }
}
