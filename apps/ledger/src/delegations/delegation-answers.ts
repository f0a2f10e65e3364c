import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import {
  DelegationMade,
  DelegationState,
  delegationStream,
  DelegatorFinding,
  delegatorFindings,
  evolveDelegation,
  termsOverTime,
  foldEvents,
  UnknownReference,
  withCorrectionsApplied,
} from '@ledger/governance';
import { Basis } from '../read-models/basis';
import { LedgerViews } from '../read-models/ledger-views';

/**
 * What the ledger answers about a delegation: as recorded, and what its delegator did not hold to pass
 * on (see `delegatorFindings`), judged by the authority known at the same basis.
 */
@Injectable()
export class DelegationAnswers {
  constructor(
    private readonly views: LedgerViews,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async delegation(delegationId: string, asKnownAt?: string) {
    const basis = await this.views.basis(asKnownAt);
    const events = (await this.store.readStream(delegationStream(delegationId))).filter((event) => event.globalPosition <= basis.position);
    const initial: DelegationState = { recorded: false };
    const facts = withCorrectionsApplied(events) as unknown as Parameters<typeof evolveDelegation>[1][];
    const delegation = foldEvents(facts, evolveDelegation, initial);
    if (!delegation.recorded) throw new UnknownReference('delegation', delegationId);
    const { delegatorBodyId, delegateBodyId, instrument, parentDelegationId, from, to, terms, variations, revoked } = delegation;
    // Judged from the start of each stretch of its terms: a variation may extend it to what the delegator did not hold.
    const stretches = termsOverTime(delegation).map(({ functions, areas, from: start }) => ({
      delegationId,
      delegatorBodyId,
      delegateBodyId,
      functions,
      areas,
      from: start,
    }));
    return {
      delegationId,
      delegatorBodyId,
      delegateBodyId,
      instrument,
      ...(parentDelegationId ? { parentDelegationId } : {}),
      from,
      to,
      ...terms,
      variations: variations.map(({ eventId: _eventId, ...variation }) => variation),
      revoked,
      asKnownAt: basis,
      findings: this.findingsAt(stretches, basis),
      citedEvents: events.map((event) => event.id),
    };
  }

  /** Each function and area not held, once: on the first date it was delegated without being held. */
  private findingsAt(stretches: DelegationMade[], basis: Basis): DelegatorFinding[] {
    const authority = this.views.authority(basis);
    const found = new Map<string, DelegatorFinding>();
    for (const stretch of stretches) {
      for (const finding of delegatorFindings(stretch, (fn, area, at) => authority.authorityAt(fn, area, at))) {
        const key = `${finding.function} ${finding.area}`;
        if (!found.has(key)) found.set(key, finding);
      }
    }
    return [...found.values()];
  }
}
