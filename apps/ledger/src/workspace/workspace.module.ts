import { Module } from '@nestjs/common';
import { SignInThrottle } from './sign-in-throttle';
import { WorkspaceController } from './workspace.controller';
import { WorkspaceSessions } from './workspace-sessions';
import { WorkspaceGate } from './workspace-gate';
import { WorkspaceRecorder } from './workspace-recorder';
import { MeetingsModule } from '../meetings/meetings.module';
import { WorkspaceCorrectionsController } from './workspace-corrections.controller';
import { WorkspaceConfidentialityController } from './workspace-confidentiality.controller';
import { WorkspaceMinutesController } from './workspace-minutes.controller';
import { WorkspaceKeysController } from './workspace-keys.controller';

/**
 * The officers' workspace: signing in for now; its pages post through the one write pipeline (recording).
 * ApiKeys comes from the global RecordingModule: one instance, on the node's key store.
 */
@Module({
  imports: [MeetingsModule],
  controllers: [
    WorkspaceController,
    WorkspaceCorrectionsController,
    WorkspaceConfidentialityController,
    WorkspaceMinutesController,
    WorkspaceKeysController,
  ],
  providers: [WorkspaceSessions, SignInThrottle, WorkspaceGate, WorkspaceRecorder],
})
export class WorkspaceModule {}
