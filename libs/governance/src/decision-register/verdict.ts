import { BodyRegister, registeredBody } from '../body-register/body-register';
import { citing } from '../body-register/standing-facts';
import { lineOfParents } from '../meetings/meeting-rules';
import { CivilDate } from '../shared/civil-date';
import { atomicAreas, CommissioningFunction } from '../shared/vocabulary';

/** A holder of authority as the authority projection answers it, with the events its answer rests on. */
export interface AuthorityHolder {
  bodyId: string;
  citedEvents: string[];
}

/**
 * Who held a function for an atomic area on a date, as the authority projection judges it (the decision
 * register does not compute authority itself). `accountable` is the statutory holder (or its successor);
 * `exercisedBy` the body at the end of the delegation chain.
 */
export interface AuthorityJudge {
  exercisedBy(fn: CommissioningFunction, area: string, at: CivilDate): AuthorityHolder | null;
  accountable(fn: CommissioningFunction, area: string, at: CivilDate): AuthorityHolder | null;
}

export type Rule = 'authority' | 'quorum' | 'conflicts' | 'call-in';

export interface Finding {
  rule: Rule;
  /** False also when the rule could not be assessed: a check not made is not a check met. */
  ok: boolean;
  /** Present, false, only when the ledger could not assess the rule (an item naming no function: authority). */
  assessed?: false;
  message: string;
  citedEvents: string[];
}

export interface Verdict {
  /** Every finding ok: each rule assessed and met. */
  valid: boolean;
  findings: Finding[];
}

export function verdictOf(findings: Finding[]): Verdict {
  return { valid: findings.every((finding) => finding.ok), findings };
}

export interface ActOfAuthority {
  /** The body that decided (or on whose behalf an officer decided). */
  bodyId: string;
  date: CivilDate;
  functions: CommissioningFunction[];
  areas: string[];
  /** The events naming what was decided: the agenda item, the officer decision. */
  citedEvents: string[];
  /** A committee meeting in common decides for its own body only, so only for that body's areas. */
  ownAreasOnly?: boolean;
}

/**
 * The body held authority for every function in every atomic area on the date: as the accountable
 * body or the one exercising it (a joint committee exercises what each holder delegated to it). A
 * committee acts for its parent under the parent's scheme of delegation, so the parent's authority is
 * the committee's.
 */
export function authorityFinding(register: BodyRegister, act: ActOfAuthority, judge: AuthorityJudge): Finding {
  if (act.functions.length === 0) {
    return {
      rule: 'authority',
      ok: false,
      assessed: false,
      message: 'not assessed: the item names no function, so whether the body held authority for it cannot be judged',
      citedEvents: act.citedEvents,
    };
  }
  const actingFor = actingBodies(register, act.bodyId);
  const named = [...new Set(act.areas.flatMap((area) => atomicAreas(area) ?? [area]))];
  const own: string[] | undefined = actingFor
    .map((bodyId) => registeredBody(register, bodyId)?.areas ?? [])
    .find((areas) => areas.length > 0);
  const areas = act.ownAreasOnly && own ? named.filter((area) => own.includes(area)) : named;
  if (areas.length === 0) {
    return {
      rule: 'authority',
      ok: false,
      message: `the item names no area of ${actingFor[actingFor.length - 1]}: ${named.join(', ')}`,
      citedEvents: act.citedEvents,
    };
  }
  const judged = act.functions.flatMap((fn) =>
    areas.map((area) => {
      const exercised = judge.exercisedBy(fn, area, act.date);
      const accountable = judge.accountable(fn, area, act.date);
      const held = [exercised, accountable].some((holder) => holder !== null && actingFor.includes(holder.bodyId));
      return { fn, area, exercised, accountable, held };
    }),
  );
  const wanting = judged.filter(({ held }) => !held);
  const described = (wanting.length > 0 ? wanting : judged).map(({ fn, area, exercised, accountable }) => {
    if (!exercised && !accountable) return `${fn} in ${area}: no body held it`;
    return `${fn} in ${area}: exercised by ${exercised?.bodyId ?? 'no body'}, accountable ${accountable?.bodyId ?? 'no body'}`;
  });
  const via = actingFor.length > 1 ? ` (acting for ${actingFor.slice(1).join(', ')})` : '';
  return {
    rule: 'authority',
    ok: wanting.length === 0,
    message:
      wanting.length === 0
        ? `${act.bodyId}${via} held authority on ${act.date}: ${described.join('; ')}`
        : `${act.bodyId}${via} did not hold authority on ${act.date}: ${described.join('; ')}`,
    citedEvents: citing(
      act.citedEvents,
      ...(wanting.length > 0 ? wanting : judged).flatMap(({ exercised, accountable }) => [
        exercised?.citedEvents ?? [],
        accountable?.citedEvents ?? [],
      ]),
    ),
  };
}

/** The body and, for a committee, the bodies it is a committee of, nearest first. */
function actingBodies(register: BodyRegister, bodyId: string): string[] {
  return lineOfParents(
    bodyId,
    (id) => registeredBody(register, id),
    (kind) => kind === 'committee',
  );
}
