import { BodyEvent } from '../bodies/body.events';
import { withCorrectionsApplied } from '../corrections/correction';
import { evolveDelegation } from '../delegations/delegation.decider';
import { DelegationEvent, Instrument } from '../delegations/delegation.events';
import { DelegationState, GrantedDelegation, TermsInForce, termsOverTime } from '../delegations/delegation.state';
import { factSources, FactSources } from '../projections/fact-provenance';
import { LedgerFact } from '../projections/ledger-fact';
import { ReorganisationEvent } from '../reorganisations/reorganisation.events';
import { CivilDate } from '../shared/civil-date';
import { contains, Interval, overlaps } from '../shared/interval';
import { Area, BodyKind, CommissioningFunction, FUNCTIONS } from '../shared/vocabulary';
import { clip, earlierEnd, elementaryStretches, mergeAdjacent, segmentAt, Segment, union } from './timeline';

/**
 * Who held authority for a function in an area, when: the accountable body, the body that exercised
 * it, and the chain of links between them (DOMAIN.md §3–§4). Built once from the facts up to a basis
 * (body, delegation and reorganisation streams, corrections applied); each (function, area) timeline
 * is worked out on first use and kept, so a point query is a binary search.
 *
 * Choices where the rules are silent:
 * - Several bodies holding F for A at once (conflicting records): the holding assigned with the latest
 *   `from` is accountable, then the one recorded last. A successor keeps the rank of what it inherited.
 * - Several delegations from the chain's last body covering F for A on a date: latest `from`, then the
 *   grant recorded last.
 * - A body ends at the earliest of its dissolution and the legal dates of the reorganisations naming it.
 *   What it held passes on only through reorganisations taking effect on that end date (the first
 *   recorded that covers F for A); a reorganisation dated after the end passes nothing.
 * - A transfer scheme passes, within its functions and areas, what the abolished body held: its
 *   statutory functions, the delegations it received (the receiving body becomes their delegate) and
 *   those it granted (the receiving body becomes their delegator: the scheme moved rights and
 *   liabilities). A merger passes all three, granted ones only under `carry-over`.
 * - A sub-delegation naming its parent continues the chain only where the parent, on that date, covers
 *   F for A and allows sub-delegation. A delegation naming no parent, by a body that holds F for A only
 *   by delegation, is a sub-delegation too: it counts only while the delegation that body holds by
 *   allows sub-delegation. A chain never visits a body twice.
 * - Timelines leave out the stretches where no body held F for A.
 * - A link's `from`/`to` is the interval of the holding or delegation it rests on for F in A (with the
 *   same bodies), not of the query; a statutory holding assigned twice gives two links.
 */

export interface BodyRef {
  readonly id: string;
  /** The name the body bore on the date asked about. */
  readonly name: string;
  readonly kind: BodyKind;
  readonly odsCode: string | null;
}

export type AuthorityBasis = 'statutory' | 'succession' | 'transfer-scheme' | 'delegation' | 'sub-delegation';

/** Answers share their parts with the model's memo: treat them as immutable. */
export interface ChainLink {
  readonly body: BodyRef;
  readonly basis: AuthorityBasis;
  readonly instrument: Instrument | null;
  readonly from: CivilDate;
  readonly to: CivilDate | null;
  /** Ids of the events the link rests on. */
  readonly citedEvents: readonly string[];
}

export interface Authority {
  readonly accountable: BodyRef | null;
  readonly exercisedBy: BodyRef | null;
  /** From the accountable body to the body that exercised the function. */
  readonly chain: readonly ChainLink[];
}

export type AuthoritySegment = Interval & Authority;

export type AuthorityRole = 'accountable' | 'exercised';

export interface BodyAuthorityEntry {
  function: string;
  area: string;
  role: AuthorityRole;
  intervals: Interval[];
  /** The events of the chains over those intervals. */
  citedEvents: string[];
}

export interface BodyInfo {
  id: string;
  kind: BodyKind;
  odsCode: string | null;
  established: CivilDate;
  /** Dissolution or the legal date of the reorganisation that ended it. */
  ended: CivilDate | null;
  names: Segment<string>[];
}

interface RecordedBody {
  id: string;
  kind: BodyKind;
  odsCode: string | null;
  established: CivilDate;
  dissolved: CivilDate | null;
  /** From establishment, then renames in effect order (same day: recording order), each with its reference. */
  names: { from: CivilDate; ref: BodyRef }[];
  holdings: Holding[];
  end: CivilDate | null;
  /** Reorganisations taking effect on `end` that name the body, in recording order. */
  endings: Reorganisation[];
}

interface Holding {
  eventId: string;
  position: number;
  bodyId: string;
  functions: readonly string[];
  areas: readonly string[];
  from: CivilDate;
  to: CivilDate | null;
  act: string;
}

interface Reorganisation {
  eventId: string;
  position: number;
  kind: 'merger' | 'transfer-scheme';
  endedBodyIds: readonly string[];
  heirId: string;
  legalDate: CivilDate;
  grantedDelegations: 'carry-over' | 'lapse';
  functions: readonly string[] | 'all';
  areas: readonly string[] | 'all';
  instrument: Instrument | null;
}

interface RecordedDelegation {
  delegation: GrantedDelegation;
  grantId: string;
  position: number;
  /** In effect order. */
  variations: { eventId: string; effective: CivilDate }[];
  revocationId: string | null;
  stretches: TermsInForce[];
}

/** By function, then area. */
type PairIndex<T> = Map<string, Map<string, T[]>>;

export interface AuthorityModel {
  readonly bodies: ReadonlyMap<string, RecordedBody>;
  readonly delegations: ReadonlyMap<string, RecordedDelegation>;
  readonly holdings: PairIndex<Holding>;
  readonly delegationsCovering: PairIndex<RecordedDelegation>;
  /** Timelines worked out so far. */
  readonly timelines: PairIndex<AuthoritySegment>;
  /** Where each fact the model rests on comes from, for the provenance of answers. */
  readonly sources: FactSources;
}

const NO_AUTHORITY: Authority = Object.freeze({ accountable: null, exercisedBy: null, chain: Object.freeze([]) });

export function isKnownFunction(value: string): value is CommissioningFunction {
  return (FUNCTIONS as readonly string[]).includes(value);
}

export function buildAuthorityModel(facts: readonly LedgerFact[]): AuthorityModel {
  const streams = new Map<string, LedgerFact[]>();
  for (const fact of facts) {
    const { stream } = fact;
    if (!stream.startsWith('body-') && !stream.startsWith('delegation-') && !stream.startsWith('reorganisation-')) continue;
    const events = streams.get(stream);
    if (events) events.push(fact);
    else streams.set(stream, [fact]);
  }
  const bodies = new Map<string, RecordedBody>();
  const delegations = new Map<string, RecordedDelegation>();
  const reorganisations: Reorganisation[] = [];
  for (const [stream, events] of streams) {
    const corrected = withCorrectionsApplied(events);
    if (stream.startsWith('body-')) recordBody(corrected, bodies);
    else if (stream.startsWith('delegation-')) recordDelegation(corrected, delegations);
    else recordReorganisations(corrected, reorganisations);
  }
  endBodies(bodies, reorganisations);

  const holdings: PairIndex<Holding> = new Map();
  for (const body of bodies.values()) {
    for (const holding of body.holdings) {
      for (const fn of holding.functions) for (const area of holding.areas) addOnce(holdings, fn, area, holding);
    }
  }
  const delegationsCovering: PairIndex<RecordedDelegation> = new Map();
  for (const recorded of delegations.values()) {
    for (const stretch of recorded.stretches) {
      for (const fn of stretch.functions) for (const area of stretch.areas) addOnce(delegationsCovering, fn, area, recorded);
    }
  }
  return { bodies, delegations, holdings, delegationsCovering, timelines: new Map(), sources: factSources(facts) };
}

export function authorityAt(model: AuthorityModel, fn: string, area: string, at: CivilDate): Authority {
  const segment = segmentAt(authorityTimeline(model, fn, area), at);
  if (!segment) return NO_AUTHORITY;
  return { accountable: segment.accountable, exercisedBy: segment.exercisedBy, chain: segment.chain };
}

/** Closed-open segments in valid-time order; stretches where no body held F for A are absent. */
export function authorityTimeline(model: AuthorityModel, fn: string, area: string): readonly AuthoritySegment[] {
  let timeline = model.timelines.get(fn)?.get(area);
  if (!timeline) {
    timeline = workOutTimeline(model, fn, area);
    let byArea = model.timelines.get(fn);
    if (!byArea) model.timelines.set(fn, (byArea = new Map()));
    byArea.set(area, timeline);
  }
  return timeline;
}

/** Every (function, area) the body was accountable for or exercised, with when. Self-exercise gives both roles. */
export function bodyAuthority(model: AuthorityModel, bodyId: string): BodyAuthorityEntry[] {
  const entries: BodyAuthorityEntry[] = [];
  for (const fn of [...model.holdings.keys()].sort()) {
    for (const area of [...model.holdings.get(fn)!.keys()].sort()) entries.push(...bodyAuthorityIn(model, bodyId, fn, area));
  }
  return entries;
}

/** The body's entries of `bodyAuthority` for one (function, area), in the same order. */
export function bodyAuthorityIn(model: AuthorityModel, bodyId: string, fn: string, area: string): BodyAuthorityEntry[] {
  const entries: BodyAuthorityEntry[] = [];
  const timeline = authorityTimeline(model, fn, area);
  const roles: [AuthorityRole, (segment: AuthoritySegment) => boolean][] = [
    ['accountable', (segment) => segment.accountable?.id === bodyId],
    ['exercised', (segment) => segment.exercisedBy?.id === bodyId],
  ];
  for (const [role, held] of roles) {
    const segments = timeline.filter(held);
    const intervals = union(segments.map(({ from, to }) => ({ from, to })));
    const citedEvents = [...new Set(segments.flatMap((segment) => segment.chain.flatMap((link) => link.citedEvents)))];
    if (intervals.length > 0) entries.push({ function: fn, area, role, intervals, citedEvents });
  }
  return entries;
}

export function knownBody(model: AuthorityModel, bodyId: string): BodyInfo | undefined {
  const body = model.bodies.get(bodyId);
  if (!body) return undefined;
  const names = mergeAdjacent(
    body.names
      .map(({ from, ref }, index) => ({ from, to: body.names[index + 1]?.from ?? null, value: ref.name }))
      .filter((segment) => segment.to === null || segment.from < segment.to),
    (a, b) => a === b,
  );
  return { id: body.id, kind: body.kind, odsCode: body.odsCode, established: body.established, ended: body.end, names };
}

export function bodyNameAt(model: AuthorityModel, bodyId: string, at: CivilDate): string | undefined {
  return bodyRefAt(model, bodyId, at)?.name;
}

export function bodyRefAt(model: AuthorityModel, bodyId: string, at: CivilDate): BodyRef | undefined {
  const body = model.bodies.get(bodyId);
  return body && body.names[nameIndexAt(body, at)].ref;
}

/** Which of the body's names it bore on `at` (before establishment: its first). */
function nameIndexAt(body: RecordedBody, at: CivilDate): number {
  for (let index = body.names.length - 1; index > 0; index--) {
    if (body.names[index].from <= at) return index;
  }
  return 0;
}

function recordBody(events: readonly LedgerFact[], bodies: Map<string, RecordedBody>): void {
  let body: RecordedBody | undefined;
  let established: { from: CivilDate; name: string } | undefined;
  const renames: { from: CivilDate; name: string }[] = [];
  for (const fact of events) {
    const event = fact as unknown as BodyEvent;
    switch (event.type) {
      case 'BodyEstablished': {
        const { bodyId, kind, odsCode, effective, name } = event.data;
        body = {
          id: bodyId,
          kind,
          odsCode: odsCode ?? null,
          established: effective,
          dissolved: null,
          names: [],
          holdings: [],
          end: null,
          endings: [],
        };
        established = { from: effective, name };
        break;
      }
      case 'BodyRenamed':
        renames.push({ from: event.data.effective, name: event.data.name });
        break;
      case 'BodyDissolved':
        if (body) body.dissolved = event.data.effective;
        break;
      case 'StatutoryFunctionsAssigned': {
        const { bodyId, functions, areas, from, to, act } = event.data;
        body?.holdings.push({ eventId: fact.id, position: fact.position, bodyId, functions, areas, from, to: to ?? null, act });
        break;
      }
      default:
        break;
    }
  }
  if (!body || !established) return;
  const { id, kind, odsCode } = body;
  // A stable sort: renames effective on the same day apply in recording order, the last one standing.
  body.names = [established, ...renames.sort(byFrom)].map(({ from, name }) => ({ from, ref: Object.freeze({ id, name, kind, odsCode }) }));
  bodies.set(id, body);
}

function recordDelegation(events: readonly LedgerFact[], delegations: Map<string, RecordedDelegation>): void {
  let state: DelegationState = { recorded: false };
  let grant: LedgerFact | undefined;
  const variations: RecordedDelegation['variations'] = [];
  let revocationId: string | null = null;
  for (const fact of events) {
    const event = fact as unknown as DelegationEvent;
    if (event.type === 'DelegationGranted') grant = fact;
    else if (!state.recorded) continue;
    else if (event.type === 'DelegationVaried') variations.push({ eventId: fact.id, effective: event.data.effective });
    else if (event.type === 'DelegationRevoked') revocationId = fact.id;
    else continue;
    state = evolveDelegation(state, event);
  }
  if (!state.recorded || !grant) return;
  variations.sort((a, b) => (a.effective < b.effective ? -1 : a.effective > b.effective ? 1 : 0));
  delegations.set(state.delegationId, {
    delegation: state,
    grantId: grant.id,
    position: grant.position,
    variations,
    revocationId,
    stretches: termsOverTime(state),
  });
}

function recordReorganisations(events: readonly LedgerFact[], reorganisations: Reorganisation[]): void {
  for (const fact of events) {
    const event = fact as unknown as ReorganisationEvent;
    if (event.type === 'MergerRecorded') {
      const { predecessorBodyIds, successorBodyId, legalDate, grantedDelegations } = event.data;
      reorganisations.push({
        eventId: fact.id,
        position: fact.position,
        kind: 'merger',
        endedBodyIds: predecessorBodyIds,
        heirId: successorBodyId,
        legalDate,
        grantedDelegations: grantedDelegations ?? 'carry-over',
        functions: 'all',
        areas: 'all',
        instrument: null,
      });
    } else if (event.type === 'TransferSchemeRecorded') {
      const { abolishedBodyIds, receivingBodyId, legalDate, functions, areas, source } = event.data;
      reorganisations.push({
        eventId: fact.id,
        position: fact.position,
        kind: 'transfer-scheme',
        endedBodyIds: abolishedBodyIds,
        heirId: receivingBodyId,
        legalDate,
        grantedDelegations: 'carry-over',
        functions: functions ?? 'all',
        areas: areas ?? 'all',
        instrument: { kind: 'transfer-scheme', reference: source.reference ?? source.title },
      });
    }
  }
}

function endBodies(bodies: Map<string, RecordedBody>, reorganisations: Reorganisation[]): void {
  const byPosition = [...reorganisations].sort((a, b) => a.position - b.position);
  for (const reorganisation of byPosition) {
    for (const bodyId of reorganisation.endedBodyIds) {
      const body = bodies.get(bodyId);
      if (body) body.end = earlierEnd(body.end, reorganisation.legalDate);
    }
  }
  for (const body of bodies.values()) body.end = earlierEnd(body.end, body.dissolved);
  for (const reorganisation of byPosition) {
    for (const bodyId of reorganisation.endedBodyIds) {
      const body = bodies.get(bodyId);
      if (body && body.end === reorganisation.legalDate) body.endings.push(reorganisation);
    }
  }
}

type Role = 'holder' | 'delegator' | 'delegate';

/** A body holding something over an interval, reached from the original body through `hops`. */
interface Tenure extends Interval {
  bodyId: string;
  hops: Reorganisation[];
}

/**
 * Who held what `bodyId` held (for F in A, in the given role) over time: the body over its life, then
 * each successor or receiving body from the legal date that ended the one before.
 */
function tenures(model: AuthorityModel, bodyId: string, fn: string, area: string, role: Role): Tenure[] {
  const found: Tenure[] = [];
  let body = model.bodies.get(bodyId);
  let from = body?.established ?? '';
  let hops: Reorganisation[] = [];
  while (body) {
    const tenure = clip({ bodyId: body.id, hops, from, to: body.end }, { from: body.established, to: null });
    if (!tenure) break;
    found.push(tenure);
    const passedOn = tenure.to === null ? undefined : body.endings.find((reorganisation) => passesOn(reorganisation, fn, area, role));
    if (!passedOn || tenure.to === null) break;
    from = tenure.to;
    hops = [...hops, passedOn];
    body = model.bodies.get(passedOn.heirId);
  }
  return found;
}

function passesOn(reorganisation: Reorganisation, fn: string, area: string, role: Role): boolean {
  if (role === 'delegator' && reorganisation.grantedDelegations === 'lapse') return false;
  return (
    (reorganisation.functions === 'all' || reorganisation.functions.includes(fn)) &&
    (reorganisation.areas === 'all' || reorganisation.areas.includes(area))
  );
}

interface AccountableCandidate extends Interval {
  candidate: 'accountable';
  serial: number;
  bodyId: string;
  basis: 'statutory' | 'succession' | 'transfer-scheme';
  instrument: Instrument | null;
  citedEvents: readonly string[];
  rank: [CivilDate, number];
}

interface DelegatedCandidate extends Interval {
  candidate: 'delegated';
  serial: number;
  delegationId: string;
  parentDelegationId: string | null;
  delegatorId: string;
  delegateId: string;
  subDelegationAllowed: boolean;
  instrument: Instrument;
  citedEvents: readonly string[];
  rank: [CivilDate, number];
  /** The delegation's interval for F in A between these two bodies, for the link. */
  span: Interval;
}

/** Only marks a date where something changes (a rename, a parent's terms). */
interface Boundary extends Interval {
  candidate: 'boundary';
}

type Candidate = AccountableCandidate | DelegatedCandidate | Boundary;

/** Where (function, area) is worked out: tenures are looked up once per body and role. */
interface Working {
  model: AuthorityModel;
  fn: string;
  area: string;
  tenures: Map<string, Tenure[]>;
  serials: number;
}

function tenuresFor(working: Working, bodyId: string, role: Role): Tenure[] {
  const key = `${role} ${bodyId}`;
  let found = working.tenures.get(key);
  if (!found) working.tenures.set(key, (found = tenures(working.model, bodyId, working.fn, working.area, role)));
  return found;
}

function workOutTimeline(model: AuthorityModel, fn: string, area: string): AuthoritySegment[] {
  const holdings = model.holdings.get(fn)?.get(area) ?? [];
  if (holdings.length === 0) return [];
  const working: Working = { model, fn, area, tenures: new Map(), serials: 0 };
  const accountable = holdings.flatMap((holding) => heldStatutorily(working, holding));
  const delegated = (model.delegationsCovering.get(fn)?.get(area) ?? []).flatMap((recorded) => delegatedPieces(working, recorded));
  const boundaries: Boundary[] = [];
  const involved = new Set<string>();
  for (const c of accountable) involved.add(c.bodyId);
  for (const c of delegated) involved.add(c.delegatorId).add(c.delegateId);
  for (const bodyId of involved) {
    for (const { from } of model.bodies.get(bodyId)?.names.slice(1) ?? []) boundaries.push({ candidate: 'boundary', from, to: null });
  }
  for (const parentId of new Set(delegated.flatMap((c) => (c.parentDelegationId ? [c.parentDelegationId] : [])))) {
    for (const { from, to } of model.delegations.get(parentId)?.stretches ?? []) boundaries.push({ candidate: 'boundary', from, to });
  }

  // Stretches whose chain runs through the same links under the same names extend the segment before them.
  const segments: AuthoritySegment[] = [];
  let previous = '';
  for (const stretch of elementaryStretches<Candidate>([...accountable, ...delegated, ...boundaries])) {
    const chain = chainOn(model, fn, area, stretch.from, stretch.inForce);
    if (!chain) continue;
    const key = chain.map(({ candidate, name }) => `${candidate.serial}:${name}`).join(' ');
    const last = segments[segments.length - 1];
    if (last && last.to === stretch.from && key === previous) {
      (last as { to: CivilDate | null }).to = stretch.to;
      continue;
    }
    previous = key;
    const links = chain.map(linkOf);
    segments.push({
      from: stretch.from,
      to: stretch.to,
      accountable: links[0].body,
      exercisedBy: links[links.length - 1].body,
      chain: links,
    });
  }
  return segments;
}

interface ChainStep {
  candidate: AccountableCandidate | DelegatedCandidate;
  body: BodyRef;
  name: number;
  basis: AuthorityBasis;
}

/** The chain on `at`, given the candidates in force throughout the stretch starting on it; undefined when nobody held F for A. */
function chainOn(model: AuthorityModel, fn: string, area: string, at: CivilDate, inForce: readonly Candidate[]): ChainStep[] | undefined {
  let holder: AccountableCandidate | undefined;
  const delegated: DelegatedCandidate[] = [];
  for (const c of inForce) {
    if (c.candidate === 'accountable') holder = higherRanked(holder, c);
    else if (c.candidate === 'delegated') delegated.push(c);
  }
  if (!holder) return undefined;
  const step = (candidate: AccountableCandidate | DelegatedCandidate, bodyId: string, basis: AuthorityBasis): ChainStep => {
    const body = model.bodies.get(bodyId)!;
    const name = nameIndexAt(body, at);
    return { candidate, body: body.names[name].ref, name, basis };
  };
  const chain = [step(holder, holder.bodyId, holder.basis)];
  const visited = new Set([holder.bodyId]);
  let current = holder.bodyId;
  let heldBy: DelegatedCandidate | undefined;
  for (;;) {
    let next: DelegatedCandidate | undefined;
    for (const c of delegated) {
      if (c.delegatorId !== current || visited.has(c.delegateId)) continue;
      const mayPassOn =
        c.parentDelegationId !== null
          ? parentAllows(model, c.parentDelegationId, fn, area, at)
          : heldBy === undefined || heldBy.subDelegationAllowed;
      if (mayPassOn) next = higherRanked(next, c);
    }
    if (!next) break;
    chain.push(step(next, next.delegateId, heldBy || next.parentDelegationId ? 'sub-delegation' : 'delegation'));
    visited.add(next.delegateId);
    current = next.delegateId;
    heldBy = next;
  }
  return chain;
}

function linkOf({ candidate, body, basis }: ChainStep): ChainLink {
  const { from, to } = candidate.candidate === 'delegated' ? candidate.span : candidate;
  return { body, basis, instrument: candidate.instrument, from, to, citedEvents: candidate.citedEvents };
}

/** The parent delegation, on that date, covers F for A and allows sub-delegation. */
function parentAllows(model: AuthorityModel, parentId: string, fn: string, area: string, at: CivilDate): boolean {
  const terms = model.delegations.get(parentId)?.stretches.find((stretch) => contains(stretch, at));
  return (
    terms !== undefined &&
    terms.subDelegationAllowed &&
    terms.functions.includes(fn as CommissioningFunction) &&
    terms.areas.includes(area as Area)
  );
}

/** Latest `from`, then latest recorded. */
function higherRanked<C extends { rank: [CivilDate, number] }>(best: C | undefined, candidate: C): C {
  if (!best || candidate.rank[0] > best.rank[0] || (candidate.rank[0] === best.rank[0] && candidate.rank[1] > best.rank[1]))
    return candidate;
  return best;
}

function heldStatutorily(working: Working, holding: Holding): AccountableCandidate[] {
  return tenuresFor(working, holding.bodyId, 'holder').flatMap((tenure) => {
    const held = clip({ from: holding.from, to: holding.to }, tenure);
    if (!held) return [];
    const last = tenure.hops[tenure.hops.length - 1];
    return [
      {
        candidate: 'accountable' as const,
        ...held,
        serial: working.serials++,
        bodyId: tenure.bodyId,
        basis: last === undefined ? 'statutory' : last.kind === 'merger' ? 'succession' : 'transfer-scheme',
        instrument: last?.instrument ?? { kind: 'statute', reference: holding.act },
        citedEvents: [holding.eventId, ...tenure.hops.map((hop) => hop.eventId)],
        rank: [holding.from, holding.position],
      },
    ];
  });
}

/** The delegation's pieces for F in A: its terms stretches covering them, cut where its delegator or delegate passed on. */
function delegatedPieces(working: Working, recorded: RecordedDelegation): DelegatedCandidate[] {
  const { delegation } = recorded;
  const { fn, area } = working;
  const pieces: DelegatedCandidate[] = [];
  const delegators = tenuresFor(working, delegation.delegatorBodyId, 'delegator');
  const delegates = tenuresFor(working, delegation.delegateBodyId, 'delegate');
  for (const stretch of recorded.stretches) {
    if (!stretch.functions.includes(fn as CommissioningFunction) || !stretch.areas.includes(area as Area)) continue;
    // Each variation in effect starts a stretch of its own, so those in effect are the ones effective by the stretch's start.
    const terms = [
      recorded.grantId,
      ...recorded.variations.filter((variation) => variation.effective <= stretch.from).map((variation) => variation.eventId),
    ];
    if (recorded.revocationId) terms.push(recorded.revocationId);
    for (const delegator of delegators) {
      if (!overlaps(stretch, delegator)) continue;
      const byDelegator = clip({ from: stretch.from, to: stretch.to }, delegator)!;
      for (const delegate of delegates) {
        if (!overlaps(byDelegator, delegate)) continue;
        const piece = clip(byDelegator, delegate)!;
        const reorganised = delegator.hops.length + delegate.hops.length > 0;
        const cited = reorganised
          ? [...new Set([...terms, ...delegator.hops.map((hop) => hop.eventId), ...delegate.hops.map((hop) => hop.eventId)])]
          : terms;
        pieces.push({
          candidate: 'delegated',
          ...piece,
          serial: working.serials++,
          delegationId: delegation.delegationId,
          parentDelegationId: delegation.parentDelegationId ?? null,
          delegatorId: delegator.bodyId,
          delegateId: delegate.bodyId,
          subDelegationAllowed: stretch.subDelegationAllowed,
          instrument: delegation.instrument,
          citedEvents: cited,
          rank: [delegation.from, recorded.position],
          span: piece,
        });
      }
    }
  }
  // A link spans the pieces between the same two bodies that follow on from each other.
  const byParties = new Map<string, DelegatedCandidate[]>();
  for (const piece of pieces) {
    const parties = `${piece.delegatorId} ${piece.delegateId}`;
    const same = byParties.get(parties);
    if (same) same.push(piece);
    else byParties.set(parties, [piece]);
  }
  for (const same of byParties.values()) {
    if (same.length === 1) continue;
    const spans = union(same);
    for (const piece of same)
      piece.span = spans.find((span) => span.from <= piece.from && (span.to === null || (piece.to !== null && piece.to <= span.to)))!;
  }
  return pieces;
}

function addOnce<T>(index: PairIndex<T>, fn: string, area: string, value: T): void {
  let byArea = index.get(fn);
  if (!byArea) index.set(fn, (byArea = new Map()));
  const values = byArea.get(area);
  if (!values) byArea.set(area, [value]);
  else if (values[values.length - 1] !== value) values.push(value);
}

function byFrom(a: { from: CivilDate }, b: { from: CivilDate }): number {
  return a.from < b.from ? -1 : a.from > b.from ? 1 : 0;
}
