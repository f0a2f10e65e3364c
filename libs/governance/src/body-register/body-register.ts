import { BodyName, bodyEnd, namesInEffectOrder, namesOver } from '../bodies/body-life';
import { evolveBody } from '../bodies/body.evolve';
import { foldEvents } from '../decider';
import { BodyEvent, Member } from '../bodies/body.events';
import { BodyState, EstablishedBody, NameGiven } from '../bodies/body.state';
import { LedgerFact } from '../projections/ledger-fact';
import { evolveReorganisation } from '../reorganisations/reorganisation.evolve';
import { ReorganisationEvent } from '../reorganisations/reorganisation.events';
import { ReorganisationState, successionsOf } from '../reorganisations/reorganisation.state';
import { CivilDate } from '../shared/civil-date';
import { contains, Interval } from '../shared/interval';
import { Area, BodyKind } from '../shared/vocabulary';
import { citing, StandingFact, standingStreams } from './standing-facts';

export type { BodyName } from '../bodies/body-life';

export type SuccessionKind = 'merger' | 'transfer-scheme';

/** One link of a body's lineage: the body on the other side of a merger or transfer scheme. */
export interface Succession {
  bodyId: string;
  legalDate: CivilDate;
  reorganisationId: string;
  kind: SuccessionKind;
  citedEvents: string[];
}

/** A link reached while walking a lineage: `of` is the body whose predecessor (or successor) it is. */
export interface LineageLink extends Succession {
  of: string;
}

/** A name as an answer gives it: with the facts of the body's life it rests on. */
export interface CitedBodyName extends BodyName {
  citedEvents: string[];
}

export interface MembershipView extends Interval {
  membershipId: string;
  member: Member;
  role: string;
  voting: boolean;
  onBehalfOfBodyId?: string;
  citedEvents: string[];
}

export interface BodyView {
  id: string;
  kind: BodyKind;
  odsCode?: string;
  parentBodyId?: string;
  areas: Area[];
  established: CivilDate;
  /** The end of the body: its dissolution, or the legal date of the reorganisation that ended it (the earlier). */
  dissolved: CivilDate | null;
  names: CitedBodyName[];
  memberships: MembershipView[];
  lineage: { predecessors: Succession[]; successors: Succession[] };
  citedEvents: string[];
}

export interface BodyAt {
  id: string;
  kind: BodyKind;
  name: string;
  odsCode?: string;
  parentBodyId?: string;
  citedEvents: string[];
}

export interface RecordedSuccession {
  predecessorBodyId: string;
  successorBodyId: string;
  legalDate: CivilDate;
  reorganisationId: string;
  kind: SuccessionKind;
  citedEvents: string[];
}

export interface RegisteredBody {
  /** As its stream records it, but ended by any reorganisation that ended it. */
  body: EstablishedBody;
  names: BodyName[];
  /** Its establishment, renames and end: what its names and existence rest on. */
  lifeEvents: string[];
  citedEvents: string[];
}

export interface BodyRegister {
  readonly bodies: ReadonlyMap<string, RegisteredBody>;
  /** Every succession, in ledger order; a rename is never one. */
  readonly successions: readonly RecordedSuccession[];
}

export function buildBodyRegister(facts: readonly LedgerFact[]): BodyRegister {
  return assembleBodyRegister(
    standingStreams<BodyEvent>(facts, 'body-').map(bodyStreamPart),
    standingStreams<ReorganisationEvent>(facts, 'reorganisation-').map(successionsRecorded),
  );
}

/**
 * What one body stream gives the register, whatever the other streams say: the folded body and the
 * events cited. A reader keeping the register at many bases keeps these per stream (they depend on
 * that stream's facts alone) and assembles them per basis.
 */
export interface BodyStreamPart {
  readonly state: BodyState;
  /** Its names in the order they take effect. */
  readonly namesInEffect: readonly NameGiven[];
  readonly citedEvents: readonly string[];
  /** The names over the body's life, for the last end asked about (an end comes from other streams). */
  names?: { end: CivilDate | null; names: BodyName[] };
}

export function bodyStreamPart(stream: readonly StandingFact<BodyEvent>[]): BodyStreamPart {
  const state = foldEvents<BodyState, StandingFact<BodyEvent>>(stream, evolveBody, { recorded: false });
  return {
    state,
    namesInEffect: state.recorded ? namesInEffectOrder(state) : [],
    citedEvents: citing(...stream.map((event) => event.citedEvents)),
  };
}

/** The successions one reorganisation stream records. */
export function successionsRecorded(stream: readonly StandingFact<ReorganisationEvent>[]): RecordedSuccession[] {
  const reorganisation = foldEvents<ReorganisationState, StandingFact<ReorganisationEvent>>(stream, evolveReorganisation, {
    recorded: false,
  });
  if (!reorganisation.recorded) return [];
  const { legalDate, reorganisationId, citedEvents, kind } = reorganisation;
  return successionsOf(reorganisation).map((link) => ({ legalDate, reorganisationId, citedEvents, kind, ...link }));
}

/** The register from its body streams' parts and its reorganisation streams' successions, each in ledger order. */
export function assembleBodyRegister(parts: readonly BodyStreamPart[], successionsByStream: readonly RecordedSuccession[][]): BodyRegister {
  const successions = indexSuccessions(successionsByStream);
  const bodies = new Map<string, RegisteredBody>();
  for (const part of parts) {
    const registered = registeredFrom(part, successions);
    if (registered) bodies.set(registered.body.bodyId, registered);
  }
  return { bodies, successions: successions.all };
}

/** Every succession in ledger order, and each body's at hand (filtering all of them per body grew with bodies × reorganisations). */
export interface SuccessionIndex {
  readonly all: readonly RecordedSuccession[];
  readonly ending: ReadonlyMap<string, readonly RecordedSuccession[]>;
  readonly starting: ReadonlyMap<string, readonly RecordedSuccession[]>;
}

export function indexSuccessions(successionsByStream: readonly RecordedSuccession[][]): SuccessionIndex {
  const all = successionsByStream.flat();
  const ending = new Map<string, RecordedSuccession[]>();
  const starting = new Map<string, RecordedSuccession[]>();
  for (const succession of all) {
    ending.set(succession.predecessorBodyId, [...(ending.get(succession.predecessorBodyId) ?? []), succession]);
    starting.set(succession.successorBodyId, [...(starting.get(succession.successorBodyId) ?? []), succession]);
  }
  return { all, ending, starting };
}

/** The body a stream records, as the register holds it: ended by any succession; undefined when the stream records none. */
export function registeredFrom(part: BodyStreamPart, successions: SuccessionIndex): RegisteredBody | undefined {
  const { state } = part;
  if (!state.recorded) return undefined;
  const ended = successions.ending.get(state.bodyId) ?? [];
  const started = successions.starting.get(state.bodyId) ?? [];
  const endedOn = ended.map((succession) => succession.legalDate);
  const end = bodyEnd(state.dissolved, endedOn);
  if (part.names?.end !== end) part.names = { end, names: namesOver(part.namesInEffect, { from: state.established, to: end }) };
  return {
    body: { ...state, dissolved: end },
    names: part.names.names,
    lifeEvents: citing(state.lifeEvents, ...ended.map((succession) => succession.citedEvents)),
    citedEvents: citing(part.citedEvents, ...[...started, ...ended].map((succession) => succession.citedEvents)),
  };
}

export function bodyView(register: BodyRegister, bodyId: string): BodyView | undefined {
  const registered = register.bodies.get(bodyId);
  if (!registered) return undefined;
  const { body, names, lifeEvents, citedEvents } = registered;
  return {
    id: body.bodyId,
    kind: body.kind,
    ...(body.odsCode !== undefined ? { odsCode: body.odsCode } : {}),
    ...(body.parentBodyId !== undefined ? { parentBodyId: body.parentBodyId } : {}),
    areas: body.areas,
    established: body.established,
    dissolved: body.dissolved,
    names: names.map((name) => ({ ...name, citedEvents: lifeEvents })),
    memberships: Object.values(body.memberships).map((membership) => ({
      membershipId: membership.membershipId,
      member: membership.member,
      role: membership.role,
      voting: membership.voting,
      ...(membership.onBehalfOfBodyId !== undefined ? { onBehalfOfBodyId: membership.onBehalfOfBodyId } : {}),
      from: membership.from,
      to: membership.to,
      citedEvents: membership.citedEvents,
    })),
    lineage: { predecessors: links(register, bodyId, 'predecessors'), successors: links(register, bodyId, 'successors') },
    citedEvents,
  };
}

/** The recorded body, with its end set by any reorganisation that ended it. */
export function registeredBody(register: BodyRegister, bodyId: string): EstablishedBody | undefined {
  return register.bodies.get(bodyId)?.body;
}

/** The events behind a membership of a body: its appointment and any end recorded. */
export function membershipEvents(register: BodyRegister, bodyId: string, membershipId: string): string[] {
  return register.bodies.get(bodyId)?.body.memberships[membershipId]?.citedEvents ?? [];
}

/** The body's name on a date; undefined when it did not exist then (or is not recorded). */
export function nameAt(register: BodyRegister, bodyId: string, at: CivilDate): string | undefined {
  return register.bodies.get(bodyId)?.names.find((name) => contains(name, at))?.name;
}

/** The bodies in existence on `at` (established on or before it, not yet ended), by id, with their names then. */
export function bodiesAt(register: BodyRegister, at: CivilDate, kind?: BodyKind): BodyAt[] {
  return [...register.bodies.values()]
    .filter(({ body }) => (kind === undefined || body.kind === kind) && contains({ from: body.established, to: body.dissolved }, at))
    .map(({ body, lifeEvents }) => ({
      id: body.bodyId,
      kind: body.kind,
      name: nameAt(register, body.bodyId, at) ?? body.name,
      ...(body.odsCode !== undefined ? { odsCode: body.odsCode } : {}),
      ...(body.parentBodyId !== undefined ? { parentBodyId: body.parentBodyId } : {}),
      citedEvents: lifeEvents,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The whole lineage in one direction, nearest first: the four Cheshire CCGs are predecessors of NHS
 * Cheshire CCG; its successors are NHS Cheshire and Merseyside ICB (2022 transfer scheme) and whatever
 * followed that. Each body appears once per reorganisation, however it is reached.
 */
export function lineage(register: BodyRegister, bodyId: string, direction: 'predecessors' | 'successors'): LineageLink[] {
  const found: LineageLink[] = [];
  const seen = new Set<string>([bodyId]);
  const visited = new Set<string>();
  const queue = [bodyId];
  while (queue.length > 0) {
    const of = queue.shift() as string;
    for (const succession of adjacent(register, of, direction)) {
      const bodyOnOtherSide = direction === 'predecessors' ? succession.predecessorBodyId : succession.successorBodyId;
      const key = `${bodyOnOtherSide}/${succession.reorganisationId}`;
      if (visited.has(key)) continue;
      visited.add(key);
      found.push({ ...linkTo(succession, bodyOnOtherSide), of });
      if (!seen.has(bodyOnOtherSide)) {
        seen.add(bodyOnOtherSide);
        queue.push(bodyOnOtherSide);
      }
    }
  }
  return found;
}

function links(register: BodyRegister, bodyId: string, direction: 'predecessors' | 'successors'): Succession[] {
  return adjacent(register, bodyId, direction).map((succession) =>
    linkTo(succession, direction === 'predecessors' ? succession.predecessorBodyId : succession.successorBodyId),
  );
}

function adjacent(register: BodyRegister, bodyId: string, direction: 'predecessors' | 'successors'): RecordedSuccession[] {
  return register.successions.filter((succession) =>
    direction === 'predecessors' ? succession.successorBodyId === bodyId : succession.predecessorBodyId === bodyId,
  );
}

function linkTo({ legalDate, reorganisationId, kind, citedEvents }: RecordedSuccession, bodyId: string): Succession {
  return { bodyId, legalDate, reorganisationId, kind, citedEvents };
}

export interface BodyEver extends BodyAt {
  established: CivilDate;
  dissolved: CivilDate | null;
  names: BodyName[];
}

/** Every body ever recorded, by id, with its latest name, its ODS code and its life (`GET /bodies` without a date). */
export function everyBody(register: BodyRegister, kind?: BodyKind): BodyEver[] {
  return [...register.bodies.values()]
    .filter(({ body }) => kind === undefined || body.kind === kind)
    .map(({ body, names, lifeEvents }) => ({
      id: body.bodyId,
      kind: body.kind,
      name: names[names.length - 1]?.name ?? body.name,
      ...(body.odsCode !== undefined ? { odsCode: body.odsCode } : {}),
      ...(body.parentBodyId !== undefined ? { parentBodyId: body.parentBodyId } : {}),
      established: body.established,
      dissolved: body.dissolved,
      names,
      citedEvents: lifeEvents,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The body that bears an ODS code (codes are never reused: NHS ODS), ignoring case. */
export function bodyWithOdsCode(register: BodyRegister, odsCode: string): string | undefined {
  const wanted = odsCode.toUpperCase();
  for (const { body } of register.bodies.values()) if (body.odsCode?.toUpperCase() === wanted) return body.bodyId;
  return undefined;
}

/** The body and every committee below it (committees of committees too), the body first. */
export function withCommittees(register: BodyRegister, bodyId: string): string[] {
  const found = [bodyId];
  for (let next = 0; next < found.length; next++) {
    for (const { body } of register.bodies.values()) {
      if (body.parentBodyId === found[next] && !found.includes(body.bodyId)) found.push(body.bodyId);
    }
  }
  return found;
}
