import { foldEvents } from '../decider';
import { evolveDelegation } from '../delegations/delegation.evolve';
import { DelegationEvent } from '../delegations/delegation.events';
import { delegationInterval, DelegationState } from '../delegations/delegation.state';
import { Member } from '../bodies/body.events';
import { Membership } from '../bodies/body.state';
import { LedgerFact } from '../projections/ledger-fact';
import { CivilDate } from '../shared/civil-date';
import { clip, compareEnds, Interval } from '../shared/interval';
import { Area, BodyKind, CommissioningFunction } from '../shared/vocabulary';
import { buildBodyRegister, BodyRegister, nameAt } from './body-register';
import { citing, standingStreams } from './standing-facts';

/**
 * The kinds of body that are arrangements between bodies that stay separate: shared management, joint
 * committees, committees in common, partnerships, advisory groups of several bodies' officers, pooled
 * budgets (a section 75 fund its partners hold; the fund itself decides nothing). A seat
 * on a body of another kind (a Health and Wellbeing Board, a council's committee) is a plain
 * membership, and a merger is a succession: neither is an arrangement.
 */
export const ARRANGEMENT_KINDS: readonly BodyKind[] = [
  'joint-management',
  'joint-committee',
  'committees-in-common',
  'partnership',
  'advisory-group',
  'pooled-budget',
];

/** A seat the body holds in the arrangement, within the arrangement's life. */
export interface ArrangementSeat extends Interval {
  membershipId: string;
  member: Member;
  role: string;
  voting: boolean;
  citedEvents: string[];
}

/** Another body taking part, named as it was when its part began. */
export interface ArrangementParty extends Interval {
  bodyId: string;
  name: string;
  citedEvents: string[];
}

/** Authority the body delegated to the arrangement (a joint committee decides only what its parties delegate). */
export interface ArrangementDelegation extends Interval {
  delegationId: string;
  functions: CommissioningFunction[];
  areas: Area[];
  citedEvents: string[];
}

/** One arrangement a body took part in: from its first seat to its last, within the arrangement's life. */
export interface ArrangementView extends Interval {
  bodyId: string;
  kind: BodyKind;
  name: string;
  established: CivilDate;
  dissolved: CivilDate | null;
  seats: ArrangementSeat[];
  otherParties: ArrangementParty[];
  delegations: ArrangementDelegation[];
  /** The arrangement's establishment (and end), and the body's seats in it. */
  citedEvents: string[];
}

/**
 * The arrangements `bodyId` took part in, as the facts given record them: every body of an arrangement
 * kind holding a seat on behalf of `bodyId`, in the order they began. The facts need only hold the
 * streams these rest on (see AuthoritySources.forArrangements): the bodies naming `bodyId`, the bodies
 * those name, the reorganisations naming any of them, and the delegations naming `bodyId`.
 */
export function arrangementsOf(facts: readonly LedgerFact[], bodyId: string): ArrangementView[] {
  const register = buildBodyRegister(facts);
  const delegations = delegationsFrom(facts, bodyId);
  const found: ArrangementView[] = [];
  for (const { body, names, lifeEvents } of register.bodies.values()) {
    if (!ARRANGEMENT_KINDS.includes(body.kind) || body.bodyId === bodyId) continue;
    const life: Interval = { from: body.established, to: body.dissolved };
    const memberships = Object.values(body.memberships);
    const seats = memberships
      .filter((membership) => membership.onBehalfOfBodyId === bodyId)
      .flatMap(({ membershipId, member, role, voting, from, to, citedEvents }) => {
        const within = clip({ from, to }, life);
        return within ? [{ membershipId, member, role, voting, ...within, citedEvents }] : [];
      })
      .sort((a, b) => compare(a.from, b.from) || compare(a.membershipId, b.membershipId));
    if (seats.length === 0) continue;
    found.push({
      bodyId: body.bodyId,
      kind: body.kind,
      name: names[names.length - 1]?.name ?? body.name,
      from: seats[0].from,
      to: seats.map((seat) => seat.to).reduce((latest, end) => (compareEnds(end, latest) > 0 ? end : latest)),
      established: body.established,
      dissolved: body.dissolved,
      seats,
      otherParties: partiesOf(register, memberships, bodyId, life),
      delegations: delegations
        .filter((delegation) => delegation.delegateBodyId === body.bodyId)
        .map(({ delegateBodyId: _, ...rest }) => rest),
      citedEvents: citing(lifeEvents, ...seats.map((seat) => seat.citedEvents)),
    });
  }
  return found.sort((a, b) => compare(a.from, b.from) || compare(a.name, b.name) || compare(a.bodyId, b.bodyId));
}

function partiesOf(register: BodyRegister, memberships: readonly Membership[], bodyId: string, life: Interval): ArrangementParty[] {
  const parties = new Map<string, ArrangementParty>();
  for (const { onBehalfOfBodyId: party, from, to, citedEvents } of memberships) {
    if (party === undefined || party === bodyId) continue;
    const within = clip({ from, to }, life);
    if (!within) continue;
    const known = parties.get(party);
    if (!known) {
      const name = nameAt(register, party, within.from) ?? register.bodies.get(party)?.body.name ?? party;
      parties.set(party, { bodyId: party, name, ...within, citedEvents });
      continue;
    }
    parties.set(party, {
      ...known,
      from: within.from < known.from ? within.from : known.from,
      to: compareEnds(within.to, known.to) > 0 ? within.to : known.to,
      citedEvents: citing(known.citedEvents, citedEvents),
    });
  }
  return [...parties.values()].sort((a, b) => compare(a.name, b.name) || compare(a.bodyId, b.bodyId));
}

/** The delegations `bodyId` granted, each over the time it was in force with the terms as granted. */
function delegationsFrom(facts: readonly LedgerFact[], bodyId: string): (ArrangementDelegation & { delegateBodyId: string })[] {
  return standingStreams<DelegationEvent>(facts, 'delegation-')
    .flatMap((stream) => {
      const delegation = foldEvents<DelegationState, (typeof stream)[number]>(stream, evolveDelegation, { recorded: false });
      if (!delegation.recorded || delegation.delegatorBodyId !== bodyId) return [];
      const interval = delegationInterval(delegation);
      if (interval.to !== null && interval.to <= interval.from) return [];
      return [
        {
          delegationId: delegation.delegationId,
          delegateBodyId: delegation.delegateBodyId,
          functions: delegation.terms.functions,
          areas: delegation.terms.areas,
          ...interval,
          citedEvents: citing(...stream.map((event) => event.citedEvents)),
        },
      ];
    })
    .sort((a, b) => compare(a.from, b.from) || compare(a.delegationId, b.delegationId));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
