import { Module } from '@nestjs/common';
import { ApiKeys } from '../access/api-keys';
import { SignInThrottle } from './sign-in-throttle';
import { WorkspaceController } from './workspace.controller';
import { WorkspaceSessions } from './workspace-sessions';

/** The officers' workspace: signing in for now; its pages post through the one write pipeline (recording). */
@Module({ controllers: [WorkspaceController], providers: [ApiKeys, WorkspaceSessions, SignInThrottle] })
export class WorkspaceModule {}
