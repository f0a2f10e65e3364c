import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { LedgerRequest } from '../access/records.decorator';
import { Forbidden, Unauthenticated } from '../http/ledger-errors';

/**
 * The raw log holds every field of every event, Part 2 text included, until confidential fields are
 * stored as ciphertext: until then only auditors and admins read it (the decision register stays public,
 * redacted). Proofs, checkpoints and the public key stay public.
 */
@Injectable()
export class RawLogReaders implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const { actor } = context.switchToHttp().getRequest<LedgerRequest>();
    if (!actor) throw new Unauthenticated('key-required', 'the raw event log needs an auditor or admin key ("Bearer <key>")');
    if (actor.role !== 'auditor' && actor.role !== 'admin') {
      throw new Forbidden('role-not-allowed', `the raw event log is read with an auditor or admin key (this key is ${actor.role})`);
    }
    return true;
  }
}
