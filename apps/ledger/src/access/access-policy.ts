import { Injectable } from '@nestjs/common';
import { Forbidden } from '../http/ledger-errors';
import { BodyDirectory } from '../recording/body-directory';
import { Actor, Role } from './actor';

/** Officers record only for the bodies on their key and those bodies' committees; admins for any body. */
@Injectable()
export class AccessPolicy {
  constructor(private readonly directory: BodyDirectory) {}

  async assertRole(actor: Actor, roles: readonly Role[], what: string): Promise<void> {
    if (!roles.includes(actor.role)) {
      throw new Forbidden('role-not-allowed', `${what} is recorded by ${roles.join(' or ')} keys (this key is ${actor.role})`);
    }
  }

  async assertMayRecordFor(actor: Actor, bodyIds: string[]): Promise<void> {
    if (actor.role === 'admin') return;
    if (actor.role !== 'officer') throw new Forbidden('role-not-allowed', `role ${actor.role} may not record`);
    if (bodyIds.length === 0)
      throw new Forbidden('role-not-allowed', "this is recorded by an admin key: it is not any one body's to record");
    for (const bodyId of bodyIds) {
      const line = await this.directory.lineOfParents(bodyId);
      if (!line.some((id) => actor.bodies.includes(id))) {
        throw new Forbidden('body-not-served', `this key may not record for body ${bodyId} (it serves: ${actor.bodies.join(', ')})`);
      }
    }
  }
}
