import { CivilDate } from '../shared/civil-date';
import { clip, earlierEnd, Interval, isEmpty } from '../shared/interval';
import { EstablishedBody, NameGiven } from './body.state';

/** A body's names over its life and its end: the rules every reader of a body (register, authority) shares. */

/** A name as it stands over valid time, closed-open. */
export interface BodyName extends Interval {
  name: string;
}

/**
 * The body's names in the order they take effect: the name it was established with, then its renames by
 * effective date, whatever order they were recorded in; renames effective on the same day apply in
 * recording order, the last one standing.
 */
export function namesInEffectOrder(body: Pick<EstablishedBody, 'names'>): NameGiven[] {
  const [established, ...renames] = body.names;
  // A stable sort: same-day renames keep their recording order.
  return [established, ...[...renames].sort((a, b) => (a.effective < b.effective ? -1 : a.effective > b.effective ? 1 : 0))];
}

/** Which of `names` (in effect order) the body bore on `at`: the last to take effect by then; before them all, the first. */
export function nameIndexOn(names: readonly Pick<NameGiven, 'effective'>[], at: CivilDate): number {
  for (let index = names.length - 1; index > 0; index--) {
    if (names[index].effective <= at) return index;
  }
  return 0;
}

/**
 * The names over `life` (closed-open), from `names` in effect order: each from the day it takes effect
 * until the next does, a name kept across a change as one stretch. Without `life`: from the first name on.
 */
export function namesOver(names: readonly Pick<NameGiven, 'name' | 'effective'>[], life?: Interval): BodyName[] {
  const over: BodyName[] = [];
  names.forEach(({ name, effective }, index) => {
    const given: BodyName = { name, from: effective, to: names[index + 1]?.effective ?? null };
    const held = life ? clip(given, life) : isEmpty(given) ? undefined : given;
    if (!held) return;
    const previous = over[over.length - 1];
    if (previous?.name === name) previous.to = held.to;
    else over.push(held);
  });
  return over;
}

/** A body ends at the earliest of its dissolution and the legal dates of the reorganisations that ended it. */
export function bodyEnd(dissolved: CivilDate | null, endedOn: readonly CivilDate[]): CivilDate | null {
  return earlierEnd(dissolved, ...endedOn);
}
