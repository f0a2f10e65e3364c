import { CivilDate } from '../shared/civil-date';
import { contains, earlierEnd, Interval } from '../shared/interval';
import { Area, CommissioningFunction } from '../shared/vocabulary';
import { ApprovingDecision, Instrument } from './delegation.events';

/** What a delegation moves, and whether its delegate may pass it on. */
export interface DelegationTerms {
  functions: CommissioningFunction[];
  areas: Area[];
  subDelegationAllowed: boolean;
}

/** The terms in force over one stretch of valid time. */
export type TermsInForce = Interval & DelegationTerms;

export interface Variation {
  effective: CivilDate;
  functions?: CommissioningFunction[];
  areas?: Area[];
  to?: CivilDate | null;
  subDelegationAllowed?: boolean;
  /** The event recording it, where the one folding the stream knows it. */
  eventId?: string;
}

export interface GrantedDelegation {
  recorded: true;
  delegationId: string;
  delegatorBodyId: string;
  delegateBodyId: string;
  instrument: Instrument;
  approvedBy?: ApprovingDecision;
  parentDelegationId?: string;
  from: CivilDate;
  /** The end as granted; variations may move it, a revocation may cut it short. */
  to: CivilDate | null;
  /** The terms as granted. */
  terms: DelegationTerms;
  /** The variation history, in the order it was recorded (not necessarily the order it took effect). */
  variations: Variation[];
  revoked: CivilDate | null;
  /** The events granting and revoking it, and the grant's place in the ledger, where the one folding the stream knows them. */
  eventId?: string;
  position?: number;
  revocationEventId?: string;
}

export type DelegationState = { recorded: false } | GrantedDelegation;

/**
 * Variations in valid-time order. A retrospective variation recorded later slots in by its effective
 * date; variations effective on the same day apply in recording order.
 */
export function variationsInEffectOrder(delegation: GrantedDelegation): Variation[] {
  return delegation.variations
    .map((variation, recorded) => ({ variation, recorded }))
    .sort((a, b) =>
      a.variation.effective === b.variation.effective ? a.recorded - b.recorded : a.variation.effective < b.variation.effective ? -1 : 1,
    )
    .map(({ variation }) => variation);
}

/** The end the grant and its variations set, before any revocation. */
export function scheduledEnd(delegation: GrantedDelegation): CivilDate | null {
  return variationsInEffectOrder(delegation).reduce<CivilDate | null>(
    (end, variation) => (variation.to === undefined ? end : variation.to),
    delegation.to,
  );
}

/** When the delegation was in force: from the grant to the earlier of its scheduled end and its revocation. */
export function delegationInterval(delegation: GrantedDelegation): Interval {
  return { from: delegation.from, to: earlierEnd(scheduledEnd(delegation), delegation.revoked) };
}

/** The delegation's terms over its interval, one stretch per change, in valid-time order. */
export function termsOverTime(delegation: GrantedDelegation): TermsInForce[] {
  const end = delegationInterval(delegation).to;
  const stretches: TermsInForce[] = [];
  let current: TermsInForce = { from: delegation.from, to: end, ...delegation.terms };
  for (const variation of variationsInEffectOrder(delegation)) {
    if (end !== null && variation.effective >= end) break;
    const terms: DelegationTerms = {
      functions: variation.functions ?? current.functions,
      areas: variation.areas ?? current.areas,
      subDelegationAllowed: variation.subDelegationAllowed ?? current.subDelegationAllowed,
    };
    if (variation.effective <= current.from) {
      current = { ...current, ...terms };
    } else {
      stretches.push({ ...current, to: variation.effective });
      current = { from: variation.effective, to: end, ...terms };
    }
  }
  return [...stretches, current];
}

export function termsAt(delegation: GrantedDelegation, at: CivilDate): TermsInForce | undefined {
  return termsOverTime(delegation).find((stretch) => contains(stretch, at));
}
