import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ledgerConfig } from '../config/ledger.config';
import { ReadCachingInterceptor } from './read-caching.interceptor';
import { MeetingRecords } from '../read-models/meeting-records';
import { ContentDisclosure } from './content-disclosure';
import { ContentKeys } from '../confidentiality/content-keys';
import { ContentSealing } from '../confidentiality/content-sealing';
import { DisclosureInterceptor } from './disclosure.interceptor';
import { FileMasterKey } from '../confidentiality/master-key';

/** Part 2 content: sealed on the way in, opened only for readers entitled to it, erased by destroying its key. */
@Global()
@Module({
  providers: [
    {
      provide: ContentKeys,
      inject: [ledgerConfig.KEY],
      useFactory: (config: ConfigType<typeof ledgerConfig>) => new ContentKeys(config.dataDir, new FileMasterKey(config.masterKeyFile)),
    },
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

  onApplicationShutdown(): void {
    this.keys.close();
  }
}
