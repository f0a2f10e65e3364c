import { Module } from '@nestjs/common';
import { commandRoutes } from '../recording/command-routes';
import { OFFICER_DECISION_COMMANDS } from './officer-decision-commands';

@Module({ controllers: [commandRoutes(OFFICER_DECISION_COMMANDS)] })
export class OfficerDecisionsModule {}
