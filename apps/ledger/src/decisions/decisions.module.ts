import { Module } from '@nestjs/common';
import { DecisionRegisterQueries } from './decision-register.queries';
import { DecisionsController } from './decisions.controller';
import { MeetingRecords } from '../read-models/meeting-records';

@Module({
  controllers: [DecisionsController],
  providers: [DecisionRegisterQueries, MeetingRecords],
  exports: [DecisionRegisterQueries, MeetingRecords],
})
export class DecisionsModule {}
