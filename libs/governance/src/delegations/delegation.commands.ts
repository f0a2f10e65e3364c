import { CivilDate } from '../shared/civil-date';
import { Provenance } from '../shared/source';
import { Area, CommissioningFunction } from '../shared/vocabulary';
import { ApprovingDecision, Instrument } from './delegation.events';

export type DelegationCommand =
  | {
      type: 'GrantDelegation';
      data: Provenance & {
        delegationId: string;
        delegatorBodyId: string;
        delegateBodyId: string;
        functions: CommissioningFunction[];
        areas: Area[];
        from: CivilDate;
        to?: CivilDate | null;
        instrument: Instrument;
        approvedBy?: ApprovingDecision;
        subDelegationAllowed: boolean;
        parentDelegationId?: string;
      };
    }
  | {
      type: 'VaryDelegation';
      data: Provenance & {
        delegationId: string;
        effective: CivilDate;
        functions?: CommissioningFunction[];
        areas?: Area[];
        /** `null` makes the delegation open-ended; absent leaves the end as it was. */
        to?: CivilDate | null;
        subDelegationAllowed?: boolean;
      };
    }
  | { type: 'RevokeDelegation'; data: Provenance & { delegationId: string; effective: CivilDate } };
