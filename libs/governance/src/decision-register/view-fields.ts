import { Member } from '../bodies/body.events';
import { nameAt, registeredBody } from '../body-register/body-register';
import { CivilDate } from '../shared/civil-date';
import { BodyKind } from '../shared/vocabulary';
import { DecisionRegister } from './decision-register';

/** The fields every decision view shares: the bodies and members it names, as the register holds them. */

export interface BodyRef {
  id: string;
  kind?: BodyKind;
  /** Its name on the decision date. */
  name?: string;
  parentBodyId?: string;
}

export interface MemberRef {
  membershipId: string;
  /** Null when the membership is not (or no longer) recorded for the body. */
  member: Member | null;
}

export function bodyRef(register: DecisionRegister, bodyId: string, at: CivilDate): BodyRef {
  const body = registeredBody(register.bodies, bodyId);
  return {
    id: bodyId,
    ...optional('kind', body?.kind),
    ...optional('name', nameAt(register.bodies, bodyId, at)),
    ...optional('parentBodyId', body?.parentBodyId),
  };
}

export function memberRef(register: DecisionRegister, bodyId: string, membershipId: string): MemberRef {
  return { membershipId, member: registeredBody(register.bodies, bodyId)?.memberships[membershipId]?.member ?? null };
}

/** A field only when it has a value, so views carry no `undefined` keys. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
