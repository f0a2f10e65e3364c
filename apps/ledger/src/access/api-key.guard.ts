import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Unauthenticated } from '../http/ledger-errors';
import { AccessPolicy } from './access-policy';
import { Role } from './actor';
import { LedgerRequest, RECORDING_ROLES } from './records.decorator';

/**
 * Global guard, after the request intake has authenticated any key sent (request-intake.ts). A
 * write route's role is checked here, before its body is validated, so a key that may never record is
 * refused (403) whatever it sent; the pipeline checks the same roles again for every path into the
 * ledger, imports included, and the bodies the key serves once it knows the command's.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessPolicy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(RECORDING_ROLES, [context.getHandler(), context.getClass()]);
    if (!roles) return true;
    const { actor } = context.switchToHttp().getRequest<LedgerRequest>();
    if (!actor) throw new Unauthenticated('key-required', 'Authorization: recording needs an API key ("Bearer <key>")');
    await this.access.assertRole(actor, roles, 'this');
    return true;
  }
}
