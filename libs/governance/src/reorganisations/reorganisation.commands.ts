import { CivilDate } from '../shared/civil-date';
import { Provenance } from '../shared/source';
import { Area, CommissioningFunction } from '../shared/vocabulary';
import { GrantedDelegationsOnMerger } from './reorganisation.events';

export type ReorganisationCommand =
  | {
      type: 'RecordMerger';
      data: Provenance & {
        reorganisationId: string;
        predecessorBodyIds: string[];
        successorBodyId: string;
        legalDate: CivilDate;
        /** Default: carry-over. */
        grantedDelegations?: GrantedDelegationsOnMerger;
      };
    }
  | {
      type: 'RecordTransferScheme';
      data: Provenance & {
        reorganisationId: string;
        abolishedBodyIds: string[];
        receivingBodyId: string;
        legalDate: CivilDate;
        /** Absent: every function (or area) the abolished bodies held transfers. */
        functions?: CommissioningFunction[];
        areas?: Area[];
        liabilities?: string;
      };
    };
