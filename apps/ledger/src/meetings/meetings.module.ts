import { Module } from '@nestjs/common';
import { MeetingsController } from './meetings.controller';
import { RecordMeetingFactHandler } from './record-meeting-fact';

@Module({ controllers: [MeetingsController], providers: [RecordMeetingFactHandler] })
export class MeetingsModule {}
