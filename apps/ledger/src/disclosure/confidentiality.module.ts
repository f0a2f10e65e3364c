import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ledgerConfig } from '../config/ledger.config';
import { ReadCachingInterceptor } from './read-caching.interceptor';
import { MeetingRecords } from '../read-models/meeting-records';
import { ContentDisclosure } from './content-disclosure';
import { SHARED_POSTGRES, SharedPostgres } from '../store/shared-postgres';
import { PostgresContentKeyRows } from '../confidentiality/content-key-rows';
import { ContentKeys } from '../confidentiality/content-keys';
import { ContentSealing } from '../confidentiality/content-sealing';
import { DisclosureInterceptor } from './disclosure.interceptor';
import { FileMasterKey } from '../confidentiality/master-key';

/** In the shared PostgreSQL when there is one (store/shared-postgres.ts), so a text sealed on one node opens on every node. */
export const contentKeysProvider = {
  provide: ContentKeys,
  inject: [ledgerConfig.KEY, SHARED_POSTGRES],
  useFactory: async (config: ConfigType<typeof ledgerConfig>, shared: SharedPostgres) =>
    new ContentKeys(shared ? await PostgresContentKeyRows.open(shared) : config.dataDir, new FileMasterKey(config.masterKeyFile)),
};

/** Part 2 content: sealed on the way in, opened only for readers entitled to it, erased by destroying its key. */
@Global()
@Module({
  providers: [
    contentKeysProvider,
    ContentSealing,
    ContentDisclosure,
    MeetingRecords,
    // Registered in this order, disclosure runs nearest the route: caching sees the answer as it leaves.
    { provide: APP_INTERCEPTOR, useClass: ReadCachingInterceptor },
    { provide: APP_INTERCEPTOR, useClass: DisclosureInterceptor },
  ],
  exports: [ContentKeys, ContentSealing, ContentDisclosure],
})
export class ConfidentialityModule implements OnApplicationShutdown {
  constructor(@Inject(ContentKeys) private readonly keys: ContentKeys) {}

  async onApplicationShutdown(): Promise<void> {
    await this.keys.close();
  }
}
