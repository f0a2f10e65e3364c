import { CivilDate } from '../shared/civil-date';
import { DomainEvent } from '../decider';
import { Provenance } from '../shared/source';
import { Area, CommissioningFunction } from '../shared/vocabulary';

/** What becomes of the delegations the predecessors had granted: the successor becomes their delegator, or they end. */
export const GRANTED_DELEGATIONS_ON_MERGER = ['carry-over', 'lapse'] as const;
export type GrantedDelegationsOnMerger = (typeof GRANTED_DELEGATIONS_ON_MERGER)[number];

/**
 * One reorganisation is one event, however many bodies it touches. Body streams are not written:
 * projections derive the successions (and the ends of the predecessors) from these events.
 */
export type ReorganisationEvent =
  | DomainEvent<
      'MergerRecorded',
      Provenance & {
        reorganisationId: string;
        predecessorBodyIds: string[];
        successorBodyId: string;
        /** Predecessors end on it (closed-open); the successor starts on it. */
        legalDate: CivilDate;
        grantedDelegations: GrantedDelegationsOnMerger;
      }
    >
  | DomainEvent<
      'TransferSchemeRecorded',
      Provenance & {
        reorganisationId: string;
        abolishedBodyIds: string[];
        receivingBodyId: string;
        legalDate: CivilDate;
        functions: CommissioningFunction[] | 'all';
        areas: Area[] | 'all';
        liabilities?: string;
      }
    >;

export type ReorganisationEventType = ReorganisationEvent['type'];
