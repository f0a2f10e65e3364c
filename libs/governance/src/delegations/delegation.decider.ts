import { Decider } from '../decider';
import { knownBody } from '../bodies/body.decider';
import { assertExistedOn, KnownBodies } from '../bodies/body.state';
import { assertCivilDate, CivilDate } from '../shared/civil-date';
import { BodyKind } from '../shared/vocabulary';
import { AlreadyRecorded, DomainError, UnknownReference } from '../shared/domain-error';
import { assertInterval, contains, Interval, overlaps, within } from '../shared/interval';
import { DelegationCommand } from './delegation.commands';
import { DelegationEvent } from './delegation.events';
import { evolveDelegation, withoutAbsentTerms } from './delegation.evolve';
import { delegationInterval, DelegationState, GrantedDelegation, TermsInForce, termsOverTime } from './delegation.state';

export { evolveDelegation } from './delegation.evolve';

/** Kinds of body that decide nothing, so cannot exercise a delegation: what a pooled fund pays for its partners decide. */
const NO_DECISION_POWERS: Partial<Record<BodyKind, string>> = {
  'advisory-group': 'an advisory group',
  'pooled-budget': 'a pooled budget (a fund its partners hold)',
};

export interface DelegationDecisionState {
  delegation: DelegationState;
  /** The delegator and delegate of a grant. */
  bodies: KnownBodies;
  /** For a sub-delegation: the delegation its delegator received, loaded from that delegation's stream. */
  parent: DelegationState;
}

export const delegationStream = (delegationId: string) => `delegation-${delegationId}`;

/** Bodies that must be loaded before deciding. */
export function delegationBodiesNamedBy(command: DelegationCommand): string[] {
  return command.type === 'GrantDelegation' ? [command.data.delegatorBodyId, command.data.delegateBodyId] : [];
}

/** The delegation a sub-delegation hangs from: named by a grant, or recorded in the delegation varied. */
export function parentDelegationNamedBy(command: DelegationCommand, delegation: DelegationState): string | undefined {
  if (command.type === 'GrantDelegation') return command.data.parentDelegationId;
  return delegation.recorded ? delegation.parentDelegationId : undefined;
}

type Command<Type extends DelegationCommand['type']> = Extract<DelegationCommand, { type: Type }>['data'];
type Decided = DelegationEvent[];

function decide(command: DelegationCommand, { delegation, bodies, parent }: DelegationDecisionState): Decided {
  if (command.type === 'GrantDelegation') return grantDelegation(command.data, delegation, bodies, parent);
  const existing = recordedDelegation(delegation, command.data.delegationId);
  switch (command.type) {
    case 'VaryDelegation':
      return varyDelegation(command.data, existing, parent);
    case 'RevokeDelegation':
      return revokeDelegation(command.data, existing);
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
}

function grantDelegation(
  command: Command<'GrantDelegation'>,
  delegation: DelegationState,
  bodies: KnownBodies,
  parent: DelegationState,
): Decided {
  const data = { ...command, to: command.to ?? null };
  if (delegation.recorded) throw new AlreadyRecorded('delegation', data.delegationId);
  assertCivilDate('from', data.from);
  if (data.to !== null) assertCivilDate('to', data.to);
  assertInterval('delegation', data);
  assertSomethingDelegated(data);
  if (data.delegatorBodyId === data.delegateBodyId) {
    throw new DomainError('delegation-to-self', `body ${data.delegatorBodyId} cannot delegate to itself`);
  }
  assertExistedOn(knownBody(bodies, data.delegatorBodyId), data.from, 'delegator');
  const delegate = knownBody(bodies, data.delegateBodyId);
  assertExistedOn(delegate, data.from, 'delegate');
  const cannotDecide = NO_DECISION_POWERS[delegate.kind];
  if (cannotDecide) {
    throw new DomainError(
      'delegate-cannot-decide',
      `${delegate.bodyId} is ${cannotDecide}: it has no decision powers to exercise a delegation`,
    );
  }
  if (data.parentDelegationId) assertWithinParent(parent, data.parentDelegationId, data.delegatorBodyId, [data], data);
  return [{ type: 'DelegationGranted', data: { ...data, functions: [...data.functions], areas: [...data.areas] } }];
}

function varyDelegation(command: Command<'VaryDelegation'>, existing: GrantedDelegation, parent: DelegationState): Decided {
  const { effective } = command;
  assertCivilDate('effective', effective);
  const data = withoutAbsentTerms(command);
  const { functions, areas, to, subDelegationAllowed } = data;
  if (functions === undefined && areas === undefined && to === undefined && subDelegationAllowed === undefined) {
    throw new DomainError('variation-changes-nothing', 'a variation gives at least one of functions, areas, to, subDelegationAllowed');
  }
  if (to !== undefined && to !== null) assertCivilDate('to', to);
  assertSomethingDelegated({ functions, areas });
  assertInForce(existing, effective, 'variation');
  if (to !== undefined) {
    assertInterval('variation', { from: effective, to });
    assertNothingRecordedFrom(existing, to);
  }
  const event: DelegationEvent = { type: 'DelegationVaried', data };
  if (existing.parentDelegationId) {
    const varied = evolveDelegation(existing, event) as GrantedDelegation;
    assertVariedWithinParent(varied, effective, parent, existing.parentDelegationId);
  }
  return [event];
}

/** A sub-delegation varied stays within its parent from the variation's effective date on: what went before was judged when it was recorded. */
function assertVariedWithinParent(
  varied: GrantedDelegation,
  effective: CivilDate,
  parent: DelegationState,
  parentDelegationId: string,
): void {
  const remainder = { from: effective, to: delegationInterval(varied).to };
  const stretches = termsOverTime(varied)
    .filter((stretch) => overlaps(stretch, remainder))
    .map((stretch) => ({ ...stretch, from: stretch.from < effective ? effective : stretch.from }));
  assertWithinParent(parent, parentDelegationId, varied.delegatorBodyId, stretches, remainder);
}

function revokeDelegation(data: Command<'RevokeDelegation'>, existing: GrantedDelegation): Decided {
  const { effective } = data;
  assertCivilDate('effective', effective);
  if (existing.revoked) {
    throw new DomainError('already-revoked', `delegation ${existing.delegationId} was revoked from ${existing.revoked}`, 409);
  }
  assertInForce(existing, effective, 'revocation');
  assertInterval('revocation', { from: existing.from, to: effective });
  assertNothingRecordedFrom(existing, effective);
  return [{ type: 'DelegationRevoked', data }];
}

function evolve(state: DelegationDecisionState, event: DelegationEvent): DelegationDecisionState {
  return { ...state, delegation: evolveDelegation(state.delegation, event) };
}

export const delegationDecider: Decider<DelegationCommand, DelegationDecisionState, DelegationEvent> = {
  decide,
  evolve,
  initialState: () => ({ delegation: { recorded: false }, bodies: new Map(), parent: { recorded: false } }),
};

export function recordedDelegation(delegation: DelegationState, delegationId: string): GrantedDelegation {
  if (!delegation.recorded) throw new UnknownReference('delegation', delegationId);
  return delegation;
}

/** Functions and areas, where given, are never empty: delegating nothing is not a delegation. */
function assertSomethingDelegated({ functions, areas }: { functions?: readonly string[]; areas?: readonly string[] }): void {
  if (functions?.length === 0) throw new DomainError('delegation-needs-functions', 'a delegation moves at least one function');
  if (areas?.length === 0) throw new DomainError('delegation-needs-areas', 'a delegation covers at least one area');
}

function assertInForce(delegation: GrantedDelegation, effective: CivilDate, what: 'variation' | 'revocation'): void {
  const interval = delegationInterval(delegation);
  if (!contains(interval, effective)) {
    throw new DomainError(
      'outside-delegation-interval',
      `${what} effective ${effective} is outside delegation ${delegation.delegationId} (in force from ${interval.from} to ${interval.to ?? 'open'})`,
    );
  }
}

/** Ending the delegation at `end` must not leave a recorded variation or revocation after its end. */
function assertNothingRecordedFrom(delegation: GrantedDelegation, end: CivilDate | null): void {
  if (end === null) return;
  const stranded = [
    ...delegation.variations.map((variation) => variation.effective),
    ...(delegation.revoked ? [delegation.revoked] : []),
  ].filter((effective) => effective >= end);
  if (stranded.length > 0) {
    throw new DomainError(
      'ends-before-recorded-change',
      `delegation ${delegation.delegationId} has a variation or revocation recorded from ${stranded.sort()[0]}; it cannot end on ${end}`,
      409,
    );
  }
}

/**
 * A sub-delegation passes on only what its delegator received: the parent's delegate must be its
 * delegator, the parent must allow sub-delegation and cover its functions and areas throughout, and
 * its interval must lie within the parent's.
 */
function assertWithinParent(
  parent: DelegationState,
  parentDelegationId: string,
  delegatorBodyId: string,
  stretches: TermsInForce[],
  interval: Interval,
): void {
  if (!parent.recorded) throw new UnknownReference('parent delegation', parentDelegationId);
  if (parent.delegateBodyId !== delegatorBodyId) {
    throw new DomainError(
      'sub-delegator-not-parent-delegate',
      `delegation ${parentDelegationId} was made to ${parent.delegateBodyId}, so only ${parent.delegateBodyId} can sub-delegate under it (not ${delegatorBodyId})`,
    );
  }
  const parentInterval = delegationInterval(parent);
  if (!within(interval, parentInterval)) {
    throw new DomainError(
      'sub-delegation-outside-parent-interval',
      `${interval.from} to ${interval.to ?? 'open'} is not within delegation ${parentDelegationId} (${parentInterval.from} to ${parentInterval.to ?? 'open'})`,
    );
  }
  assertParentTermsCover(termsOverTime(parent), parentDelegationId, stretches, interval);
}

/** The parent allows sub-delegation over `interval`, and covers every function and area of each stretch. */
function assertParentTermsCover(
  parentTerms: TermsInForce[],
  parentDelegationId: string,
  stretches: TermsInForce[],
  interval: Interval,
): void {
  for (const stretch of parentTerms.filter((terms) => overlaps(terms, interval))) {
    if (!stretch.subDelegationAllowed) {
      throw new DomainError(
        'sub-delegation-not-allowed',
        `delegation ${parentDelegationId} does not allow sub-delegation from ${stretch.from}`,
      );
    }
  }
  for (const terms of stretches) {
    for (const held of parentTerms.filter((candidate) => overlaps(candidate, terms))) {
      const beyond = [...terms.functions.filter((f) => !held.functions.includes(f)), ...terms.areas.filter((a) => !held.areas.includes(a))];
      if (beyond.length > 0) {
        throw new DomainError(
          'sub-delegation-exceeds-parent',
          `delegation ${parentDelegationId} does not cover ${beyond.join(', ')} from ${held.from > terms.from ? held.from : terms.from}`,
        );
      }
    }
  }
}
