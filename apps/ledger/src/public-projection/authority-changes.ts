import { AuthoritySegment, CivilDate, segmentAt } from '@ledger/governance';

/** A stretch of valid time, closed-open; `to: null` is open. */
export interface Stretch {
  from: CivilDate;
  to: CivilDate | null;
}

/** Where one function's authority in one area answers otherwise than the public timeline said. */
export interface AuthorityChange {
  fn: string;
  area: string;
  stretches: Stretch[];
  /** The bodies accountable for it or exercising it in either timeline: whose authority, as a body's row shows it, may have changed. */
  bodies: string[];
}

export function authorityChange(
  fn: string,
  area: string,
  before: readonly AuthoritySegment[],
  after: readonly AuthoritySegment[],
): AuthorityChange {
  const bodies = new Set<string>();
  for (const { accountable, exercisedBy } of [...before, ...after]) {
    if (accountable) bodies.add(accountable.id);
    if (exercisedBy) bodies.add(exercisedBy.id);
  }
  return { fn, area, stretches: changedStretches(before, after), bodies: [...bodies] };
}

/**
 * The stretches where two timelines of one function and area answer differently: the accountable body,
 * the body exercising the function, or the chain between them, which is all a verdict is judged by
 * (authorityJudgeOf). A decision dated outside them is judged as it was.
 */
export function changedStretches(before: readonly AuthoritySegment[], after: readonly AuthoritySegment[]): Stretch[] {
  const dates = [...new Set([...before, ...after].flatMap(({ from, to }) => (to === null ? [from] : [from, to])))].sort();
  const changed: Stretch[] = [];
  dates.forEach((from, index) => {
    if (answerAt(before, from) === answerAt(after, from)) return;
    const to = index + 1 < dates.length ? dates[index + 1] : null;
    const last = changed[changed.length - 1];
    if (last && last.to === from) last.to = to;
    else changed.push({ from, to });
  });
  return changed;
}

function answerAt(segments: readonly AuthoritySegment[], at: CivilDate): string {
  const segment = segmentAt(segments, at);
  if (!segment) return 'none';
  const { accountable, exercisedBy, chain } = segment;
  return JSON.stringify({ accountable, exercisedBy, chain });
}
