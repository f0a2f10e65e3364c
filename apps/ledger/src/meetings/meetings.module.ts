import { Module } from '@nestjs/common';
import { DecisionsModule } from '../decisions/decisions.module';
import { commandRoutes } from '../recording/command-routes';
import { MeetingQueries } from './meeting-queries';
import { MEETING_COMMANDS } from './meeting-commands';
import { MeetingsController } from './meetings.controller';

@Module({
  imports: [DecisionsModule],
  controllers: [commandRoutes(MEETING_COMMANDS), MeetingsController],
  providers: [MeetingQueries],
  exports: [MeetingQueries],
})
export class MeetingsModule {}
