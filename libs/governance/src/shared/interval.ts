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
