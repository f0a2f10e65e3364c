import { Injectable } from '@nestjs/common';
import { BodyRegister, lineOfParents, registeredBody } from '@ledger/governance';
import { Forbidden } from '../http/ledger-errors';
import { Actor, Role } from './actor';

/** The committee structure as a decision reads it (recording's DecisionContextReader). */
export interface CommitteeStructure {
  lineOfParents(bodyId: string): Promise<Map<string, unknown>>;
}

/** Officers record only for the bodies on their key and those bodies' committees; admins for any body. */
@Injectable()
export class AccessPolicy {
  async assertRole(actor: Actor, roles: readonly Role[], what: string): Promise<void> {
    if (!roles.includes(actor.role)) {
      throw new Forbidden('role-not-allowed', `${what} is recorded by ${roles.join(' or ')} keys (this key is ${actor.role})`);
    }
  }

  /**
   * The committee structure is read through the decision's own reader: each body stream once, and
   * each a read condition of the append, since the authority to record rests on it as much as the decision.
   */
  async assertMayRecordFor(actor: Actor, bodyIds: string[], structure: CommitteeStructure): Promise<void> {
    if (actor.role === 'admin') return;
    if (actor.role !== 'officer') throw new Forbidden('role-not-allowed', `role ${actor.role} may not record`);
    if (bodyIds.length === 0)
      throw new Forbidden('role-not-allowed', "this is recorded by an admin key: it is not any one body's to record");
    for (const bodyId of bodyIds) {
      // An unrecorded body is still its own line: the decider then says it is unknown (404), not this policy.
      const line = [bodyId, ...(await structure.lineOfParents(bodyId)).keys()];
      if (!line.some((id) => actor.bodies.includes(id))) {
        throw new Forbidden('body-not-served', `this key may not record for body ${bodyId} (it serves: ${actor.bodies.join(', ')})`);
      }
    }
  }
}

/**
 * Auditors and admins read all content; an officer reads the content of the bodies on their key and of
 * those bodies' committees (a body above the deciding body is entitled), as the committee structure stands.
 */
export function mayReadContentOf(actor: Actor | undefined, bodyIds: readonly string[], bodies: BodyRegister): boolean {
  if (!actor) return false;
  if (actor.role === 'auditor' || actor.role === 'admin') return true;
  return bodyIds.some((bodyId) => lineOfParents(bodyId, (id) => registeredBody(bodies, id)).some((id) => actor.bodies.includes(id)));
}
