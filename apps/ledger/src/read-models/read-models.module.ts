import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ledgerConfig } from '../config/ledger.config';
import { ContentRightsProjection } from './content-rights.projection';
import { ContentSealing } from '../confidentiality/content-sealing';
import { LedgerViews } from './ledger-views';
import { MeetingCalendar } from './meeting-calendar.projection';
import { MinPositionInterceptor } from './min-position.interceptor';
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
    { provide: MeetingCalendar, inject: [ReadModelDatabase], useFactory: (database: ReadModelDatabase) => new MeetingCalendar(database) },
    {
      provide: ContentRightsProjection,
      inject: [ReadModelDatabase, ContentSealing],
      useFactory: (database: ReadModelDatabase, sealing: ContentSealing) => new ContentRightsProjection(database, sealing),
    },
    LedgerViews,
    ProjectionRunner,
    { provide: APP_INTERCEPTOR, useClass: MinPositionInterceptor },
  ],
  exports: [LedgerViews, ProjectionRunner, MeetingCalendar, ContentRightsProjection],
})
export class ReadModelsModule implements OnApplicationShutdown {
  constructor(@Inject(ReadModelDatabase) private readonly database: ReadModelDatabase) {}

  onApplicationShutdown(): void {
    this.database.close();
  }
}
