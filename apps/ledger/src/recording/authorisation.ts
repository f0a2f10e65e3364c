import { DomainCommand } from '@ledger/governance';
import { AccessPolicy } from '../access/access-policy';
import { Actor } from '../access/actor';
import { AggregateCommandDeclaration } from './command-declaration';
import { DecisionContextReader } from './decision-context';

/**
 * Whether `actor` may record `command`: a role its declaration names, and, for an officer, the bodies its
 * aggregate says it is recorded for (on `state`, the stream as the decision takes it). The committee
 * structure is read through the decision's reader, so it is a read condition of the append too.
 */
export async function authorise(
  access: AccessPolicy,
  actor: Actor,
  declaration: AggregateCommandDeclaration,
  command: DomainCommand,
  state: unknown,
  context: DecisionContextReader,
): Promise<void> {
  await access.assertRole(actor, declaration.roles, declaration.command);
  if (actor.role === 'officer') await access.assertMayRecordFor(actor, declaration.aggregate.recordedFor(command, state), context);
}
