import { Instrument } from '../delegations/delegation.events';
import { CivilDate } from '../shared/civil-date';
import { contains, Interval, overlaps } from '../shared/interval';
import { Area, CommissioningFunction } from '../shared/vocabulary';
import {
  AuthorityBasis,
  AuthorityModel,
  AuthoritySegment,
  BodyRef,
  bodyRefOn,
  ChainLink,
  Holding,
  RecordedDelegation,
  Reorganisation,
} from './authority-records';
import { clip, elementaryStretches, union } from './timeline';

/** How the timeline of one (function, area) is worked out from the model: the rules of authority-model.ts's header. */

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
    body = model.bodies.get(passedOn.successorBodyId);
  }
  return found;
}

function passesOn(reorganisation: Reorganisation, fn: string, area: string, role: Role): boolean {
  if (role === 'delegator' && reorganisation.grantedDelegations === 'lapse') return false;
  return (
    (reorganisation.functions === 'all' || reorganisation.functions.includes(fn as CommissioningFunction)) &&
    (reorganisation.areas === 'all' || reorganisation.areas.includes(area as Area))
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

export function workOutTimeline(model: AuthorityModel, fn: string, area: string): AuthoritySegment[] {
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
    for (const { effective } of model.bodies.get(bodyId)?.names.slice(1) ?? [])
      boundaries.push({ candidate: 'boundary', from: effective, to: null });
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
    const { ref, name } = bodyRefOn(model.bodies.get(bodyId)!, at);
    return { candidate, body: ref, name, basis };
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
      delegation.eventId,
      ...recorded.variations.filter((variation) => variation.effective <= stretch.from).map((variation) => variation.eventId),
    ];
    if (delegation.revocationEventId) terms.push(delegation.revocationEventId);
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
          rank: [delegation.from, delegation.position],
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
