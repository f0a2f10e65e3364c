import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, EventStore, LedgerHead } from '@ledger/event-store';

@ApiTags('ledger')
@Controller('ledger')
export class LedgerHeadController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Where the ledger stands: newest global position, number of events, transaction time of the newest. */
  @Get('head')
  head(): Promise<LedgerHead> {
    return this.store.head();
  }
}
