import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import {
  DelegationMade,
  DelegationState,
  delegationStream,
  DelegatorFinding,
  delegatorFindings,
  evolveDelegation,
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

  /** The findings about the delegator as known at the basis: `asKnownAt` as a client gives it. */
  async findings(delegation: DelegationMade, asKnownAt?: string): Promise<DelegatorFinding[]> {
    return this.findingsAt(delegation, await this.views.basis(asKnownAt));
  }

  async delegation(delegationId: string, asKnownAt?: string) {
    const basis = await this.views.basis(asKnownAt);
    const events = (await this.store.readStream(delegationStream(delegationId))).filter((event) => event.globalPosition <= basis.position);
    const initial: DelegationState = { recorded: false };
    const facts = withCorrectionsApplied(events) as unknown as Parameters<typeof evolveDelegation>[1][];
    const delegation = foldEvents(facts, evolveDelegation, initial);
    if (!delegation.recorded) throw new UnknownReference('delegation', delegationId);
    const { delegatorBodyId, delegateBodyId, instrument, parentDelegationId, from, to, terms, variations, revoked } = delegation;
    const made = { delegationId, delegatorBodyId, delegateBodyId, functions: terms.functions, areas: terms.areas, from };
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
      findings: this.findingsAt(made, basis),
      citedEvents: events.map((event) => event.id),
    };
  }

  private findingsAt(delegation: DelegationMade, basis: Basis): DelegatorFinding[] {
    const authority = this.views.authority(basis);
    return delegatorFindings(delegation, (fn, area, at) => authority.authorityAt(fn, area, at));
  }
}
