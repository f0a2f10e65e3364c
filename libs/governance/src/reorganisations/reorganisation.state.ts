import { Instrument } from '../delegations/delegation.events';
import { CivilDate } from '../shared/civil-date';
import { Cited } from '../shared/cited';
import { Area, CommissioningFunction } from '../shared/vocabulary';
import { GrantedDelegationsOnMerger } from './reorganisation.events';

/** A merger or transfer scheme as its stream records it: what the decider, the body register and the authority model read. */
export interface RecordedReorganisation extends Cited {
  recorded: true;
  reorganisationId: string;
  kind: 'merger' | 'transfer-scheme';
  /** The bodies it ends end on it (closed-open); the successor starts on it, or receives from it. */
  legalDate: CivilDate;
  /** A merger's predecessors, or the bodies a transfer scheme abolished. */
  endedBodyIds: string[];
  /** A merger's successor, or the body receiving a transfer scheme. */
  successorBodyId: string;
  /** Whether the delegations the ended bodies granted pass on (a transfer scheme always passes them). */
  grantedDelegations: GrantedDelegationsOnMerger;
  /** What passes: all the ended bodies held, or (a transfer scheme) only these functions and areas. */
  functions: CommissioningFunction[] | 'all';
  areas: Area[] | 'all';
  /** The instrument a transfer scheme passes functions under; a merger passes them by succession. */
  instrument: Instrument | null;
  /** The event recording it and its place in the ledger, where the one folding it knows them. */
  eventId?: string;
  position?: number;
}

export type ReorganisationState = { recorded: false } | RecordedReorganisation;

/** A succession: the predecessor's business passes to the successor. */
export interface SuccessionLink {
  predecessorBodyId: string;
  successorBodyId: string;
}

/** The successions a reorganisation makes: each body it ended is succeeded by its successor (a rename is never one). */
export function successionsOf({ endedBodyIds, successorBodyId }: RecordedReorganisation): SuccessionLink[] {
  return endedBodyIds.map((predecessorBodyId) => ({ predecessorBodyId, successorBodyId }));
}
