import { CivilDate } from '../shared/civil-date';
import { Interval } from '../shared/interval';
import { namesOver } from '../bodies/body-life';
import { BodyKind } from '../shared/vocabulary';
import { workOutTimeline } from './authority-chains';
import { Authority, AuthorityModel, AuthoritySegment, BodyRef, bodyRefOn } from './authority-records';
import { segmentAt, Segment, union } from './timeline';

export { buildAuthorityModel, isKnownFunction } from './authority-records';
export type { Authority, AuthorityBasis, AuthorityModel, AuthoritySegment, BodyRef, ChainLink } from './authority-records';

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

const NO_AUTHORITY: Authority = Object.freeze({ accountable: null, exercisedBy: null, chain: Object.freeze([]) });

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
  const names = namesOver(body.names.map(({ effective, ref }) => ({ effective, name: ref.name }))).map(
    ({ from, to, name }): Segment<string> => ({ from, to, value: name }),
  );
  return { id: body.id, kind: body.kind, odsCode: body.odsCode, established: body.established, ended: body.end, names };
}

export function bodyNameAt(model: AuthorityModel, bodyId: string, at: CivilDate): string | undefined {
  return bodyRefAt(model, bodyId, at)?.name;
}

export function bodyRefAt(model: AuthorityModel, bodyId: string, at: CivilDate): BodyRef | undefined {
  const body = model.bodies.get(bodyId);
  return body && bodyRefOn(body, at).ref;
}
