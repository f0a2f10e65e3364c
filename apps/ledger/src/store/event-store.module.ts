import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { EVENT_STORE, EventStore, openEventStore } from '@ledger/event-store';
import { ledgerConfig } from '../config/ledger.config';

/** Opens the configured event-store adapter once and closes it on shutdown. */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [ledgerConfig.KEY],
      useFactory: (config: ConfigType<typeof ledgerConfig>) =>
        openEventStore({
          kind: config.store,
          dataDir: config.dataDir,
          kurrentDbUrl: config.kurrentDbUrl,
          postgresUrl: config.postgresUrl,
        }),
    },
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
