import { Module } from '@nestjs/common';
import { OfficerDecisionsController } from './officer-decisions.controller';
import { RecordOfficerDecisionHandler } from './record-officer-decision';

@Module({ controllers: [OfficerDecisionsController], providers: [RecordOfficerDecisionHandler] })
export class OfficerDecisionsModule {}
