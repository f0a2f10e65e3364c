import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module';
import { AtTheMeetingController } from './at-the-meeting/at-the-meeting.controller';
import { MeetingDesk } from './at-the-meeting/meeting-desk';
import { SignInThrottle } from './sign-in-throttle';
import { WorkspaceController } from './workspace.controller';
import { WorkspaceSessions } from './workspace-sessions';
import { WorkspaceGate } from './workspace-gate';
import { WorkspaceRecorder } from './workspace-recorder';

/**
 * The officers' workspace: signing in for now; its pages post through the one write pipeline (recording).
 * ApiKeys comes from the global RecordingModule: one instance, on the node's key store.
 */
@Module({
  imports: [MeetingsModule],
  controllers: [WorkspaceController, AtTheMeetingController],
  providers: [WorkspaceSessions, SignInThrottle, WorkspaceGate, WorkspaceRecorder, MeetingDesk],
})
export class WorkspaceModule {}
