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
 * Who held authority for a function in an area, when (DOMAIN.md §3–§4), built once per basis, each timeline on
 * first use. Its choices where the rules are silent: docs/adr/0003-authority-where-the-rules-are-silent.md.
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
