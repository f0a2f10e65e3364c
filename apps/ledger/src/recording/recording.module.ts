import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessPolicy } from '../access/access-policy';
import { ApiKeyGuard } from '../access/api-key.guard';
import { ApiKeys } from '../access/api-keys';
import { LedgerExceptionFilter } from '../http/ledger-exception.filter';
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
