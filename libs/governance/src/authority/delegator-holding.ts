import { CivilDate } from '../shared/civil-date';
import { atomicAreas } from '../shared/vocabulary';
import { Authority } from './authority-records';

/**
 * A delegation passes on only what its delegator held. One made of a function the delegator did not hold
 * in an area on its start date is still recorded (it was made: the instrument exists), but it moves
 * nothing there, and every answer about it says so rather than leaving it out of the chains in silence.
 */
export interface DelegatorFinding {
  finding: 'delegator-did-not-hold';
  function: string;
  area: string;
  date: CivilDate;
  delegatorBodyId: string;
  message: string;
}

export interface DelegationMade {
  delegationId: string;
  delegatorBodyId: string;
  delegateBodyId: string;
  functions: readonly string[];
  areas: readonly string[];
  from: CivilDate;
}

/**
 * For each function and atomic area of the delegation, whether the delegator held it on the start date,
 * judged by the authority answer of a basis that includes the delegation: it held it by statute (it is
 * accountable), or by a delegation it may pass on (the chain runs on from it, or its delegate is already
 * upstream of it). A delegator at the end of the chain received the function but may not pass it on.
 */
export function delegatorFindings(
  delegation: DelegationMade,
  authorityAt: (fn: string, area: string, at: CivilDate) => Authority,
): DelegatorFinding[] {
  const { delegatorBodyId, delegateBodyId, from } = delegation;
  const areas = [...new Set(delegation.areas.flatMap((area) => atomicAreas(area) ?? [area]))];
  return delegation.functions.flatMap((fn) =>
    areas.flatMap((area): DelegatorFinding[] => {
      const bodies = authorityAt(fn, area, from).chain.map((link) => link.body.id);
      const at = bodies.indexOf(delegatorBodyId);
      const passesOn = at === 0 || (at > 0 && at < bodies.length - 1);
      const backUpstream = at > 0 && bodies.slice(0, at).includes(delegateBodyId);
      if (passesOn || backUpstream) return [];
      const why =
        at > 0 ? 'it received it by a delegation that does not allow sub-delegation' : 'it held it neither by statute nor by delegation';
      return [
        {
          finding: 'delegator-did-not-hold',
          function: fn,
          area,
          date: from,
          delegatorBodyId,
          message: `${delegatorBodyId} did not hold ${fn} in ${area} on ${from} to pass on (${why}): delegation ${delegation.delegationId} moves nothing there`,
        },
      ];
    }),
  );
}
