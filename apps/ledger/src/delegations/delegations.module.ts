import { Module } from '@nestjs/common';
import { UseInterceptors } from '@nestjs/common';
import { commandRoutes } from '../recording/command-routes';
import { DELEGATION_COMMANDS } from './delegation-commands';
import { DelegationAnswers } from './delegation-answers';
import { DelegationGrantAnswer } from './delegation-grant-answer';
import { DelegationsController } from './delegations.controller';

const DelegationCommandRoutes = commandRoutes(DELEGATION_COMMANDS);
UseInterceptors(DelegationGrantAnswer)(DelegationCommandRoutes);

@Module({ controllers: [DelegationCommandRoutes, DelegationsController], providers: [DelegationAnswers, DelegationGrantAnswer] })
export class DelegationsModule {}
