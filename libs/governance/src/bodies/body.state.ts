import { CivilDate } from '../shared/civil-date';
import { Cited } from '../shared/cited';
import { DomainError } from '../shared/domain-error';
import { contains } from '../shared/interval';
import { Area, BodyKind, CommissioningFunction } from '../shared/vocabulary';
import { Member } from './body.events';

export interface Membership extends Cited {
  membershipId: string;
  member: Member;
  role: string;
  voting: boolean;
  onBehalfOfBodyId?: string;
  from: CivilDate;
  to: CivilDate | null;
}

export interface StatutoryHolding {
  functions: CommissioningFunction[];
  areas: Area[];
  from: CivilDate;
  to: CivilDate | null;
  act: string;
  /** The event assigning it and its place in the ledger, where the one folding the stream knows them. */
  eventId?: string;
  position?: number;
}

/** A name the body was given: the one it was established with, or a rename, effective from a date. */
export interface NameGiven extends Cited {
  name: string;
  effective: CivilDate;
}

export interface EstablishedBody {
  recorded: true;
  bodyId: string;
  kind: BodyKind;
  name: string;
  odsCode?: string;
  parentBodyId?: string;
  areas: Area[];
  established: CivilDate;
  dissolved: CivilDate | null;
  memberships: Record<string, Membership>;
  statutoryFunctions: StatutoryHolding[];
  /** The name it was established with, then each rename, in the order recorded (see `namesInEffectOrder`). */
  names: NameGiven[];
  /** The events of its life in its stream: establishment, renames, dissolution. */
  lifeEvents: string[];
}

export type BodyState = { recorded: false } | EstablishedBody;

/** Bodies a command refers to besides its own, loaded by the handler from their streams. */
export type KnownBodies = ReadonlyMap<string, EstablishedBody>;

export function membershipsAt(body: EstablishedBody, at: CivilDate): Membership[] {
  return Object.values(body.memberships).filter((membership) => contains(membership, at));
}

export function existedOn(body: EstablishedBody, at: CivilDate): boolean {
  return contains({ from: body.established, to: body.dissolved }, at);
}

/** A body named as acting on a date must exist on it (`role` says how it was named, for the message). */
export function assertExistedOn(body: EstablishedBody, at: CivilDate, role = 'body'): void {
  if (!existedOn(body, at)) {
    const lifetime = body.dissolved ? `${body.established} to ${body.dissolved}` : `from ${body.established}`;
    throw new DomainError('body-not-in-existence', `${role} ${body.bodyId} did not exist on ${at} (it existed ${lifetime})`);
  }
}
