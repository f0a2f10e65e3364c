import { Module } from '@nestjs/common';
import { commandRoutes } from '../recording/command-routes';
import { MEETING_COMMANDS } from './meeting-commands';

@Module({ controllers: [commandRoutes(MEETING_COMMANDS)] })
export class MeetingsModule {}
