import { Module } from '@nestjs/common';
import { BodiesModule } from '../bodies/bodies.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { WorkspaceBodiesController } from './workspace-bodies.controller';
import { WorkspaceMeetingsController } from './workspace-meetings.controller';
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
  imports: [BodiesModule, MeetingsModule],
  controllers: [WorkspaceController, WorkspaceBodiesController, WorkspaceMeetingsController],
  providers: [WorkspaceSessions, SignInThrottle, WorkspaceGate, WorkspaceRecorder],
})
export class WorkspaceModule {}
