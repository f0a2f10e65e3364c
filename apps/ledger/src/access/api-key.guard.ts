import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from './actor';
import { Forbidden, Unauthenticated } from '../http/ledger-errors';
import { ApiKeys } from './api-keys';
import { LedgerRequest, RECORDING_ROLES } from './records.decorator';

/**
 * Global guard. Writes (routes marked @Records) need a valid key of an allowed role: none → 401,
 * wrong role → 403. Reads are public; a key sent with a read is still checked, so it can unlock
 * confidential text for officers and auditors.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeys,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<LedgerRequest>();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(RECORDING_ROLES, [context.getHandler(), context.getClass()]);
    const header = request.header('authorization');
    if (header && !request.actor) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const actor = match ? this.keys.authenticate(match[1]) : undefined;
      if (!actor) throw new Unauthenticated('key-invalid', 'Authorization: the API key is not valid (expected "Bearer <key>")');
      request.actor = actor;
    }
    if (!roles) return true;
    if (!request.actor) throw new Unauthenticated('key-required', 'Authorization: recording needs an API key ("Bearer <key>")');
    if (!roles.includes(request.actor.role)) {
      throw new Forbidden('role-not-allowed', `role ${request.actor.role} may not do this; it needs one of: ${roles.join(', ')}`);
    }
    return true;
  }
}
