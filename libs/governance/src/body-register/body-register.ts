import { evolveBody } from '../bodies/body.decider';
import { foldEvents } from '../decider';
import { BodyEvent, Member } from '../bodies/body.events';
import { BodyState, EstablishedBody } from '../bodies/body.state';
import { LedgerFact } from '../projections/ledger-fact';
import { ReorganisationEvent } from '../reorganisations/reorganisation.events';
import { CivilDate } from '../shared/civil-date';
import { contains, Interval } from '../shared/interval';
import { Area, BodyKind } from '../shared/vocabulary';
import { citing, StandingFact, standingStreams } from './standing-facts';

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

export interface BodyName extends Interval {
  name: string;
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
  body: EstablishedBody;
  names: BodyName[];
  membershipEvents: ReadonlyMap<string, string[]>;
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
 * What one body stream gives the register, whatever the other streams say: the folded body, the
 * events behind each membership, the events cited. A reader keeping the register at many bases keeps
 * these per stream (they depend on that stream's facts alone) and assembles them per basis.
 */
export interface BodyStreamPart {
  readonly state: BodyState;
  readonly stream: readonly StandingFact<BodyEvent>[];
  readonly membershipEvents: ReadonlyMap<string, string[]>;
  /** The events of its life in the stream: establishment, renames, dissolution (successions that end it come from other streams). */
  readonly lifeEvents: readonly string[];
  readonly citedEvents: readonly string[];
  /** The names over the body's life, for the last end asked about (an end comes from other streams). */
  names?: { end: CivilDate | null; names: BodyName[] };
}

export function bodyStreamPart(stream: readonly StandingFact<BodyEvent>[]): BodyStreamPart {
  const state = foldEvents<BodyState, BodyEvent>(stream, evolveBody, { recorded: false });
  const membershipEvents = new Map<string, string[]>();
  for (const event of stream) {
    if (event.type === 'MemberAppointed' || event.type === 'MembershipEnded') {
      membershipEvents.set(event.data.membershipId, citing(membershipEvents.get(event.data.membershipId) ?? [], event.citedEvents));
    }
  }
  const life = stream.filter((event) => ['BodyEstablished', 'BodyRenamed', 'BodyDissolved'].includes(event.type));
  return {
    state,
    stream,
    membershipEvents,
    lifeEvents: citing(...life.map((event) => event.citedEvents)),
    citedEvents: citing(...stream.map((event) => event.citedEvents)),
  };
}

/** The successions one reorganisation stream records, in its order. */
export function successionsRecorded(stream: readonly StandingFact<ReorganisationEvent>[]): RecordedSuccession[] {
  return stream.flatMap((event): RecordedSuccession[] => {
    const { reorganisationId, legalDate } = event.data;
    const link = { legalDate, reorganisationId, citedEvents: event.citedEvents };
    switch (event.type) {
      case 'MergerRecorded':
        return event.data.predecessorBodyIds.map((predecessorBodyId) => ({
          ...link,
          kind: 'merger' as const,
          predecessorBodyId,
          successorBodyId: event.data.successorBodyId,
        }));
      case 'TransferSchemeRecorded':
        return event.data.abolishedBodyIds.map((predecessorBodyId) => ({
          ...link,
          kind: 'transfer-scheme' as const,
          predecessorBodyId,
          successorBodyId: event.data.receivingBodyId,
        }));
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
      }
    }
  });
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
  const body = { ...state, dissolved: earlierEnd(state.dissolved, ...ended.map((succession) => succession.legalDate)) };
  if (part.names?.end !== body.dissolved) part.names = { end: body.dissolved, names: namesOver(part.stream, body) };
  return {
    body,
    names: part.names.names,
    membershipEvents: part.membershipEvents,
    lifeEvents: citing(part.lifeEvents, ...ended.map((succession) => succession.citedEvents)),
    citedEvents: citing(part.citedEvents, ...[...started, ...ended].map((succession) => succession.citedEvents)),
  };
}

/**
 * Names over the body's life, closed-open. Renames apply in effective-date order whatever order they
 * were recorded in; a rename effective on or before the start of the current name replaces it.
 */
function namesOver(stream: readonly BodyEvent[], body: EstablishedBody): BodyName[] {
  const established = stream.find((event): event is Extract<BodyEvent, { type: 'BodyEstablished' }> => event.type === 'BodyEstablished');
  const renames = stream
    .flatMap((event) => (event.type === 'BodyRenamed' ? [event.data] : []))
    .map((rename, recorded) => ({ ...rename, recorded }))
    .sort((a, b) => (a.effective === b.effective ? a.recorded - b.recorded : a.effective < b.effective ? -1 : 1));
  const end = body.dissolved;
  const names: BodyName[] = [{ name: established?.data.name ?? body.name, from: body.established, to: end }];
  for (const { name, effective } of renames) {
    if (end !== null && effective >= end) break;
    const current = names[names.length - 1];
    if (effective <= current.from) names[names.length - 1] = { ...current, name };
    else names.splice(names.length - 1, 1, { ...current, to: effective }, { name, from: effective, to: end });
  }
  // Renames recorded out of order can leave the same name on both sides of a change: one stretch, then.
  return names.reduce<BodyName[]>((merged, name) => {
    const previous = merged[merged.length - 1];
    if (previous && previous.name === name.name) merged[merged.length - 1] = { ...previous, to: name.to };
    else merged.push(name);
    return merged;
  }, []);
}

export function bodyView(register: BodyRegister, bodyId: string): BodyView | undefined {
  const registered = register.bodies.get(bodyId);
  if (!registered) return undefined;
  const { body, names, membershipEvents, lifeEvents, citedEvents } = registered;
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
      citedEvents: membershipEvents.get(membership.membershipId) ?? [],
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
  return register.bodies.get(bodyId)?.membershipEvents.get(membershipId) ?? [];
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

function earlierEnd(...ends: (CivilDate | null)[]): CivilDate | null {
  const dates = ends.filter((end): end is CivilDate => end !== null);
  return dates.length === 0 ? null : dates.reduce((earliest, date) => (date < earliest ? date : earliest));
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
