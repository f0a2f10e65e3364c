import { CivilDate } from '../shared/civil-date';
import { DomainEvent } from '../decider';
import { Provenance } from '../shared/source';
import { Area, CommissioningFunction, InstrumentKind } from '../shared/vocabulary';

/** The document under which the exercise of functions moves: its kind, and where to find it. */
export interface Instrument {
  kind: InstrumentKind;
  reference: string;
}

/** The meeting item whose decision approved a delegation; a reference, not checked against the meeting. */
export interface ApprovingDecision {
  meetingId: string;
  itemId: string;
}

export type DelegationEvent =
  | DomainEvent<
      'DelegationGranted',
      Provenance & {
        delegationId: string;
        delegatorBodyId: string;
        delegateBodyId: string;
        functions: CommissioningFunction[];
        areas: Area[];
        from: CivilDate;
        to: CivilDate | null;
        instrument: Instrument;
        approvedBy?: ApprovingDecision;
        subDelegationAllowed: boolean;
        /** Set when this is a sub-delegation: the delegation its delegator received. */
        parentDelegationId?: string;
      }
    >
  | DomainEvent<
      'DelegationVaried',
      Provenance & {
        delegationId: string;
        effective: CivilDate;
        /** Only the terms that change; the others stay as they were. */
        functions?: CommissioningFunction[];
        areas?: Area[];
        to?: CivilDate | null;
        subDelegationAllowed?: boolean;
      }
    >
  | DomainEvent<'DelegationRevoked', Provenance & { delegationId: string; effective: CivilDate }>;

export type DelegationEventType = DelegationEvent['type'];
