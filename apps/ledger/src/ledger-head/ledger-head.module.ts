import { Module } from '@nestjs/common';
import { LedgerHeadController } from './ledger-head.controller';

@Module({ controllers: [LedgerHeadController] })
export class LedgerHeadModule {}
