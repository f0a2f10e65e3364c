import { Module } from '@nestjs/common';
import { BodiesModule } from '../bodies/bodies.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { AtTheMeetingController } from './at-the-meeting/at-the-meeting.controller';
import { MeetingDesk } from './at-the-meeting/meeting-desk';
import { SignInThrottle } from './sign-in-throttle';
import { WorkspaceBodiesController } from './bodies/workspace-bodies.controller';
import { WorkspaceController } from './workspace.controller';
import { WorkspaceMeetingsController } from './agenda/workspace-meetings.controller';
import { WorkspaceSessions } from './workspace-sessions';
import { WorkspaceGate } from './workspace-gate';
import { WorkspaceRecorder } from './workspace-recorder';
import { WorkspaceCorrectionsController } from './corrections/workspace-corrections.controller';
import { WorkspaceConfidentialityController } from './part-2/workspace-confidentiality.controller';
import { WorkspaceMinutesController } from './minutes/workspace-minutes.controller';
import { WorkspaceKeysController } from './keys/workspace-keys.controller';

/**
 * The officers' workspace: its pages read through the API's own queries and post through the one write
 * pipeline (WorkspaceRecorder). ApiKeys comes from the global RecordingModule: one instance, on the node's key store.
 */
@Module({
  imports: [BodiesModule, MeetingsModule],
  controllers: [
    WorkspaceController,
    WorkspaceBodiesController,
    WorkspaceMeetingsController,
    AtTheMeetingController,
    WorkspaceCorrectionsController,
    WorkspaceConfidentialityController,
    WorkspaceMinutesController,
    WorkspaceKeysController,
  ],
  providers: [WorkspaceSessions, SignInThrottle, WorkspaceGate, WorkspaceRecorder, MeetingDesk],
})
export class WorkspaceModule {}
