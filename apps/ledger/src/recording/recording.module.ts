import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessPolicy } from '../access/access-policy';
import { ApiKeyGuard } from '../access/api-key.guard';
import { ApiKeys } from '../access/api-keys';
import { IdempotencyInterceptor } from '../http/idempotency.interceptor';
import { LedgerExceptionFilter } from '../http/ledger-exception.filter';
import { BodyDirectory } from './body-directory';
import { LedgerWriter } from './ledger-writer';

/** What every recording feature shares: the writer, body lookups, keys and the access policy. */
@Global()
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    LedgerWriter,
    BodyDirectory,
    ApiKeys,
    AccessPolicy,
    IdempotencyInterceptor,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_FILTER, useClass: LedgerExceptionFilter },
  ],
  exports: [LedgerWriter, BodyDirectory, ApiKeys, AccessPolicy, IdempotencyInterceptor, CqrsModule],
})
export class RecordingModule {}
