import { CivilDate } from '../shared/civil-date';
import { DomainEvent } from '../decider';
import { Provenance } from '../shared/source';
import { Area, BodyKind, CommissioningFunction } from '../shared/vocabulary';

export interface Member {
  /** A named person, or a seat ("Healthwatch Cheshire East representative") when the person is not recorded. */
  person?: string;
  seat?: string;
}

export type BodyEvent =
  | DomainEvent<
      'BodyEstablished',
      Provenance & {
        bodyId: string;
        kind: BodyKind;
        name: string;
        odsCode?: string;
        parentBodyId?: string;
        areas: Area[];
        effective: CivilDate;
      }
    >
  | DomainEvent<'BodyRenamed', Provenance & { bodyId: string; name: string; effective: CivilDate }>
  | DomainEvent<'BodyDissolved', Provenance & { bodyId: string; effective: CivilDate }>
  | DomainEvent<
      'StatutoryFunctionsAssigned',
      Provenance & {
        bodyId: string;
        functions: CommissioningFunction[];
        areas: Area[];
        from: CivilDate;
        to: CivilDate | null;
        act: string;
      }
    >
  | DomainEvent<
      'MemberAppointed',
      Provenance & {
        bodyId: string;
        membershipId: string;
        member: Member;
        role: string;
        voting: boolean;
        onBehalfOfBodyId?: string;
        from: CivilDate;
        to: CivilDate | null;
      }
    >
  | DomainEvent<'MembershipEnded', Provenance & { bodyId: string; membershipId: string; to: CivilDate }>;

export type BodyEventType = BodyEvent['type'];
