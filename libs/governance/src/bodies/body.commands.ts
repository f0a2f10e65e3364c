import { CivilDate } from '../shared/civil-date';
import { Provenance } from '../shared/source';
import { Area, BodyKind, CommissioningFunction } from '../shared/vocabulary';
import { Member } from './body.events';

export type BodyCommand =
  | {
      type: 'EstablishBody';
      data: Provenance & {
        bodyId: string;
        kind: BodyKind;
        name: string;
        odsCode?: string;
        parentBodyId?: string;
        areas: Area[];
        effective: CivilDate;
      };
    }
  | { type: 'RenameBody'; data: Provenance & { bodyId: string; name: string; effective: CivilDate } }
  | { type: 'DissolveBody'; data: Provenance & { bodyId: string; effective: CivilDate } }
  | {
      type: 'AssignStatutoryFunctions';
      data: Provenance & {
        bodyId: string;
        functions: CommissioningFunction[];
        areas: Area[];
        from: CivilDate;
        to?: CivilDate | null;
        act: string;
      };
    }
  | {
      type: 'AppointMember';
      data: Provenance & {
        bodyId: string;
        membershipId: string;
        member: Member;
        role: string;
        voting: boolean;
        onBehalfOfBodyId?: string;
        from: CivilDate;
        to?: CivilDate | null;
      };
    }
  | { type: 'EndMembership'; data: Provenance & { bodyId: string; membershipId: string; to: CivilDate } };
