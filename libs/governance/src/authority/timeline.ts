import { CivilDate } from '../shared/civil-date';
import { compareEnds, Interval, isEmpty } from '../shared/interval';

export { clip, compareEnds, earlierEnd, isEmpty, laterStart } from '../shared/interval';

/**
 * Interval algebra over valid time: closed-open `[from, to)`, `to: null` open. Civil dates compare as
 * strings; an open end sorts after every date.
 */

/** A value over one stretch of valid time. */
export type Segment<T> = Interval & { value: T };

/** Every finite start and end, sorted and without repeats. */
export function boundaries(intervals: Iterable<Interval>): CivilDate[] {
  const dates = new Set<CivilDate>();
  for (const { from, to } of intervals) {
    dates.add(from);
    if (to !== null) dates.add(to);
  }
  return [...dates].sort();
}

/** `interval` cut at every date strictly inside it. */
export function splitAt<I extends Interval>(interval: I, dates: Iterable<CivilDate>): I[] {
  const cuts = [...new Set(dates)].filter((date) => date > interval.from && (interval.to === null || date < interval.to)).sort();
  const starts = [interval.from, ...cuts];
  return starts.map((from, index) => ({ ...interval, from, to: index + 1 < starts.length ? starts[index + 1] : interval.to }));
}

/**
 * The stretches between consecutive boundaries of `items`, each with the items in force throughout it.
 * Stretches where nothing is in force are left out. A sweep: each item is added once and dropped once,
 * so the cost follows the number of boundaries times the number of items in force, not all items.
 */
export function elementaryStretches<I extends Interval>(items: readonly I[]): (Interval & { inForce: I[] })[] {
  const live = items.filter((item) => !isEmpty(item));
  const byStart = [...live].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const dates = boundaries(live);
  const stretches: (Interval & { inForce: I[] })[] = [];
  let inForce: I[] = [];
  let next = 0;
  for (let index = 0; index < dates.length; index++) {
    const from = dates[index];
    const to = index + 1 < dates.length ? dates[index + 1] : null;
    inForce = inForce.filter((item) => item.to === null || item.to > from);
    while (next < byStart.length && byStart[next].from <= from) inForce.push(byStart[next++]);
    if (inForce.length > 0) stretches.push({ from, to, inForce: [...inForce] });
  }
  return stretches;
}

/** Consecutive segments that touch (`a.to === b.from`) and carry equal values become one. */
export function mergeAdjacent<T>(segments: readonly Segment<T>[], equal: (a: T, b: T) => boolean): Segment<T>[] {
  const merged: Segment<T>[] = [];
  for (const segment of segments) {
    const last = merged[merged.length - 1];
    if (last && last.to === segment.from && equal(last.value, segment.value)) {
      merged[merged.length - 1] = { ...last, to: segment.to };
    } else {
      merged.push({ ...segment });
    }
  }
  return merged;
}

/** Adjacent or overlapping intervals united, sorted by start. */
export function union(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].filter((interval) => !isEmpty(interval)).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const united: Interval[] = [];
  for (const { from, to } of sorted) {
    const last = united[united.length - 1];
    if (last && (last.to === null || from <= last.to)) {
      last.to = compareEnds(last.to, to) >= 0 ? last.to : to;
    } else {
      united.push({ from, to });
    }
  }
  return united;
}

/**
 * The segment of a sorted, non-overlapping list in force at `at`, by binary search; undefined in a gap
 * or outside every segment.
 */
export function segmentAt<S extends Interval>(segments: readonly S[], at: CivilDate): S | undefined {
  let low = 0;
  let high = segments.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const segment = segments[middle];
    if (at < segment.from) high = middle - 1;
    else if (segment.to !== null && at >= segment.to) low = middle + 1;
    else return segment;
  }
  return undefined;
}

/** Sorted, each segment non-empty, none overlapping the next: what `segmentAt` relies on. */
export function isOrderedTimeline(segments: readonly Interval[]): boolean {
  return segments.every((segment, index) => {
    if (isEmpty(segment)) return false;
    const previous = segments[index - 1];
    return previous === undefined || (previous.to !== null && previous.to <= segment.from);
  });
}
