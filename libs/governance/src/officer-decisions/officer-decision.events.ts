import { DomainEvent } from '../decider';
import { CivilDate } from '../shared/civil-date';
import { Provenance } from '../shared/source';
import { Area, CommissioningFunction } from '../shared/vocabulary';

export interface Officer {
  name: string;
  post: string;
}

/** The delegation the officer acted under: the instrument as cited, and the recorded delegation when there is one. */
export interface DelegationRelied {
  delegationId?: string;
  instrument: string;
}

export interface DeclaredConflict {
  interest: string;
  /** How the conflict was managed, when a dispensation was given. */
  dispensation?: string;
}

export type OfficerDecisionData = Provenance & {
  decisionId: string;
  officer: Officer;
  /** The body on whose behalf the officer decided. */
  bodyId: string;
  delegationRelied: DelegationRelied;
  date: CivilDate;
  decision: string;
  reasons: string;
  alternativesRejected: string[];
  conflicts: DeclaredConflict[];
  functions: CommissioningFunction[];
  areas: Area[];
};

export type OfficerDecisionEvent = DomainEvent<'OfficerDecisionRecorded', OfficerDecisionData>;
