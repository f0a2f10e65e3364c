import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { API_KEY_STORE, ApiKeyStore, PostgresApiKeyStore, SqliteApiKeyStore } from '../access/api-key-store';
import { AccessPolicy } from '../access/access-policy';
import { ApiKeyGuard } from '../access/api-key.guard';
import { ApiKeys } from '../access/api-keys';
import { LedgerExceptionFilter } from '../http/ledger-exception.filter';
import { LocalDatabase } from '../local-database/local-database';
import { CommandRegistry } from './command-declaration';
import { PreviewCommandHandler, RecordCommandHandler } from './record-command';
import { RecordedCommands } from './recorded-commands';
import { SHARED_POSTGRES, SharedPostgres } from '../store/shared-postgres';

/** In the shared PostgreSQL when there is one (store/shared-postgres.ts), so every node accepts every key; else this node's. */
export const apiKeyStoreProvider = {
  provide: API_KEY_STORE,
  inject: [LocalDatabase, SHARED_POSTGRES],
  useFactory: async (local: LocalDatabase, shared: SharedPostgres): Promise<ApiKeyStore> =>
    shared ? PostgresApiKeyStore.open(shared) : new SqliteApiKeyStore(local),
};

/** The one write pipeline every declared command goes through, with the keys and the access policy it applies. */
@Global()
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    RecordCommandHandler,
    PreviewCommandHandler,
    RecordedCommands,
    apiKeyStoreProvider,
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
