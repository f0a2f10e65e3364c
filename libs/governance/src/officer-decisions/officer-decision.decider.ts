import { knownBody } from '../bodies/body.decider';
import { assertExistedOn, KnownBodies } from '../bodies/body.state';
import { Decider } from '../decider';
import { GrantedDelegation, termsAt } from '../delegations/delegation.state';
import { assertCivilDate } from '../shared/civil-date';
import { AlreadyRecorded, DomainError, UnknownReference } from '../shared/domain-error';
import { OfficerDecisionCommand } from './officer-decision.commands';
import { OfficerDecisionData, OfficerDecisionEvent } from './officer-decision.events';

export interface OfficerDecisionState {
  recorded: boolean;
  /** The body on whose behalf the officer decided, loaded from its stream. */
  bodies: KnownBodies;
  /** The recorded delegation the command cites, loaded from its stream. */
  delegations: ReadonlyMap<string, GrantedDelegation>;
}

export const officerDecisionStream = (decisionId: string) => `officer-decision-${decisionId}`;

/** The stream records one decision: one command. */
function decide(command: OfficerDecisionCommand, state: OfficerDecisionState): OfficerDecisionEvent[] {
  return recordOfficerDecision(command.data, state);
}

function recordOfficerDecision(data: OfficerDecisionData, state: OfficerDecisionState): OfficerDecisionEvent[] {
  if (state.recorded) throw new AlreadyRecorded('officer decision', data.decisionId);
  assertCivilDate('date', data.date);
  const body = knownBody(state.bodies, data.bodyId);
  assertExistedOn(body, data.date);
  const { delegationId } = data.delegationRelied;
  if (delegationId !== undefined) {
    const delegation = state.delegations.get(delegationId);
    if (!delegation) throw new UnknownReference('delegation', delegationId);
    assertDecidedWithin(delegation, data);
  }
  const copied = { alternativesRejected: [...data.alternativesRejected], conflicts: data.conflicts.map((conflict) => ({ ...conflict })) };
  return [{ type: 'OfficerDecisionRecorded', data: { ...data, ...copied } }];
}

/** A recorded delegation relied on must be to the body decided for, in force on the date, and cover what was decided. */
function assertDecidedWithin(delegation: GrantedDelegation, { bodyId, date, functions, areas }: OfficerDecisionData): void {
  if (delegation.delegateBodyId !== bodyId) {
    throw new DomainError(
      'delegation-not-to-body',
      `delegation ${delegation.delegationId} was made to ${delegation.delegateBodyId}, not ${bodyId}`,
    );
  }
  const terms = termsAt(delegation, date);
  if (!terms) throw new DomainError('delegation-not-in-force', `delegation ${delegation.delegationId} was not in force on ${date}`);
  const outside = [...functions.filter((fn) => !terms.functions.includes(fn)), ...areas.filter((area) => !terms.areas.includes(area))];
  if (outside.length > 0) {
    throw new DomainError('outside-delegation', `delegation ${delegation.delegationId} did not cover ${outside.join(', ')} on ${date}`);
  }
}

/** An officer decision is recorded once and never changes, except by correction. */
function evolve(state: OfficerDecisionState, _event: OfficerDecisionEvent): OfficerDecisionState {
  return { ...state, recorded: true };
}

export const officerDecisionDecider: Decider<OfficerDecisionCommand, OfficerDecisionState, OfficerDecisionEvent> = {
  decide,
  evolve,
  initialState: () => ({ recorded: false, bodies: new Map(), delegations: new Map() }),
};
