import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessPolicy } from '../access/access-policy';
import { ApiKeyGuard } from '../access/api-key.guard';
import { ApiKeys } from '../access/api-keys';
import { LedgerExceptionFilter } from '../http/ledger-exception.filter';
import { CommandCatalogue } from './command-catalogue';
import { CommandRegistry } from './command-declaration';
import { RecordCommandHandler } from './record-command';
import { RecordedCommands } from './recorded-commands';

/** The one write pipeline every declared command goes through, with the keys and the access policy it applies. */
@Global()
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    RecordCommandHandler,
    RecordedCommands,
    CommandCatalogue,
    { provide: CommandRegistry, useExisting: CommandCatalogue },
    ApiKeys,
    AccessPolicy,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_FILTER, useClass: LedgerExceptionFilter },
  ],
  exports: [CommandCatalogue, ApiKeys, AccessPolicy, RecordedCommands, CqrsModule],
})
export class RecordingModule {}
