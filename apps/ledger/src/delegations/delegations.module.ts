import { Module } from '@nestjs/common';
import { DelegationsController } from './delegations.controller';
import { RecordDelegationFactHandler } from './record-delegation-fact';

@Module({ controllers: [DelegationsController], providers: [RecordDelegationFactHandler] })
export class DelegationsModule {}
