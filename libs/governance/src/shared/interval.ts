import { CivilDate } from './civil-date';
import { DomainError } from './domain-error';

/** Valid time as a closed-open interval `[from, to)`; `to: null` is open-ended. */
export interface Interval {
  from: CivilDate;
  to: CivilDate | null;
}

/** ISO dates compare as strings. */
export function contains(interval: Interval, at: CivilDate): boolean {
  return interval.from <= at && (interval.to === null || at < interval.to);
}

export function overlaps(a: Interval, b: Interval): boolean {
  return (b.to === null || a.from < b.to) && (a.to === null || b.from < a.to);
}

/** `inner` lies wholly inside `outer`. */
export function within(inner: Interval, outer: Interval): boolean {
  return outer.from <= inner.from && (outer.to === null || (inner.to !== null && inner.to <= outer.to));
}

export function assertInterval(field: string, interval: Interval): void {
  if (interval.to !== null && interval.to <= interval.from) {
    throw new DomainError('interval-order', `${field}: to (${interval.to}) must be after from (${interval.from})`);
  }
}

/** Compares ends, an open end (`null`) being later than any date. */
export function compareEnds(a: CivilDate | null, b: CivilDate | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** The earliest of `ends`, an open end (`null`) being later than any date; open when there are none. */
export function earlierEnd(...ends: (CivilDate | null)[]): CivilDate | null {
  let earliest: CivilDate | null = null;
  for (const end of ends) if (compareEnds(end, earliest) < 0) earliest = end;
  return earliest;
}

export function laterStart(a: CivilDate, b: CivilDate): CivilDate {
  return a < b ? b : a;
}

export function isEmpty(interval: Interval): boolean {
  return interval.to !== null && interval.to <= interval.from;
}

/** The part of `interval` inside `bounds`, or undefined when they do not overlap. */
export function clip<I extends Interval>(interval: I, bounds: Interval): I | undefined {
  const to = compareEnds(interval.to, bounds.to) <= 0 ? interval.to : bounds.to;
  const clipped = { ...interval, from: laterStart(interval.from, bounds.from), to };
  return isEmpty(clipped) ? undefined : clipped;
}
