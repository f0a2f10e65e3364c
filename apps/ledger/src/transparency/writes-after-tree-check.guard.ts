import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { RECORDING_ROLES } from '../access/records.decorator';
import { TreeIntegrity } from './tree-integrity';

/**
 * Global guard on every write route: 503 until the start-up check of the tree has passed (`tree-check-running`,
 * with Retry-After), and for good after one that failed (its rule and position). The tree itself refuses the
 * append too, whichever way a write arrives (import, seed): this answers HTTP before the body is decided on.
 */
@Injectable()
export class WritesAfterTreeCheck implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly integrity: TreeIntegrity,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    if (!this.reflector.getAllAndOverride<unknown>(RECORDING_ROLES, [context.getHandler(), context.getClass()])) return true;
    if (this.integrity.state.status === 'running') context.switchToHttp().getResponse<Response>().setHeader('Retry-After', '5');
    this.integrity.assertVerified();
    return true;
  }
}
