import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { API_KEY_STORE, ApiKeyStore, PostgresApiKeyStore, SqliteApiKeyStore } from '../access/api-key-store';
import { AccessPolicy } from '../access/access-policy';
import { ApiKeyGuard } from '../access/api-key.guard';
import { ApiKeys } from '../access/api-keys';
import { ledgerConfig } from '../config/ledger.config';
import { LedgerExceptionFilter } from '../http/ledger-exception.filter';
import { LocalDatabase } from '../local-database/local-database';
import { CommandRegistry } from './command-declaration';
import { PreviewCommandHandler, RecordCommandHandler } from './record-command';
import { RecordedCommands } from './recorded-commands';

/** The one write pipeline every declared command goes through, with the keys and the access policy it applies. */
@Global()
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    RecordCommandHandler,
    PreviewCommandHandler,
    RecordedCommands,
    {
      // On PostgreSQL the keys live beside the events, so every node accepts every key.
      provide: API_KEY_STORE,
      inject: [ledgerConfig.KEY, LocalDatabase, EVENT_STORE],
      useFactory: async (config: ConfigType<typeof ledgerConfig>, local: LocalDatabase, store: EventStore): Promise<ApiKeyStore> =>
        config.store === 'postgres' ? PostgresApiKeyStore.open((store as EventStore & { pool: Pool }).pool) : new SqliteApiKeyStore(local),
    },
    ApiKeys,
    AccessPolicy,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_FILTER, useClass: LedgerExceptionFilter },
  ],
  exports: [ApiKeys, AccessPolicy, RecordedCommands, CqrsModule],
})
export class RecordingModule {
  /** The pipeline for the commands `catalogue` declares (the app root lists every feature's declarations). */
  static forCommands(catalogue: Type<CommandRegistry>): DynamicModule {
    return {
      module: RecordingModule,
      providers: [catalogue, { provide: CommandRegistry, useExisting: catalogue }],
      exports: [catalogue, CommandRegistry],
    };
  }
}
