import { Fact } from '../shared/cited';
import { DelegationEvent } from './delegation.events';
import { DelegationState, GrantedDelegation, Variation } from './delegation.state';

type Granted = Extract<DelegationEvent, { type: 'DelegationGranted' }>;

/** The one fold of a delegation stream, for the decider and the authority model alike. */
export function evolveDelegation(delegation: DelegationState, event: Fact<DelegationEvent>): DelegationState {
  if (event.type === 'DelegationGranted') return granted(event);
  if (!delegation.recorded) return delegation;
  switch (event.type) {
    case 'DelegationVaried': {
      const { effective, functions, areas, to, subDelegationAllowed } = event.data;
      const variation: Variation = withoutAbsentTerms({ effective, functions, areas, to, subDelegationAllowed, eventId: event.id });
      return { ...delegation, variations: [...delegation.variations, variation] };
    }
    case 'DelegationRevoked':
      return { ...delegation, revoked: event.data.effective, revocationEventId: event.id };
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
}

function granted({ data, id, position }: Fact<Granted>): GrantedDelegation {
  const { delegationId, delegatorBodyId, delegateBodyId, instrument, approvedBy, parentDelegationId, from, to } = data;
  const terms = { functions: data.functions, areas: data.areas, subDelegationAllowed: data.subDelegationAllowed };
  return {
    recorded: true,
    delegationId,
    delegatorBodyId,
    delegateBodyId,
    instrument,
    approvedBy,
    parentDelegationId,
    from,
    to,
    terms,
    variations: [],
    revoked: null,
    eventId: id,
    position,
  };
}

/** Keeps only the terms a variation gives, so an absent field never reads as a change. */
export function withoutAbsentTerms<T extends object>(data: T): T {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)) as T;
}
