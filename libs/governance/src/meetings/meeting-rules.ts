import { Membership } from '../bodies/body.state';
import type { SuccessionLink } from '../reorganisations/reorganisation.state';
import { CivilDate } from '../shared/civil-date';
import { DomainError } from '../shared/domain-error';
import { contains } from '../shared/interval';
import { BodyKind, DecisionOutcome, InterestAction, VoteOption } from '../shared/vocabulary';
import { CastingVote, DecisionCounts, Quorum } from './meeting.events';

export type { CastingVote } from './meeting.events';

/**
 * The rules of a meeting (DOMAIN.md §5), each computed here once: the meeting decider applies them when a
 * fact is recorded, and the decision register applies the same functions to the facts as they now stand.
 * They take plain values, so the decider's state and the register's records both fit them.
 */

/** Outcomes that exercise a function: an advisory group may not record them, and only they can be called in. */
export const BINDING_OUTCOMES: readonly DecisionOutcome[] = ['carried', 'defeated', 'agreed-without-vote'];

export function isBinding(outcome: DecisionOutcome): boolean {
  return BINDING_OUTCOMES.includes(outcome);
}

/** An interest the member withdrew for, or remained without voting on, bars the vote; one only noted does not. */
export function barsVoting(action: InterestAction): boolean {
  return action !== 'noted';
}

/** A member who withdrew or remained without voting may not vote on the item, nor count towards its quorum. */
export function conflictedOn(declarations: readonly { membershipId: string; action: InterestAction }[], membershipId: string): boolean {
  return declarations.some((declaration) => declaration.membershipId === membershipId && barsVoting(declaration.action));
}

/** A body's memberships as the rules read them. */
export interface MembershipsOf {
  bodyId: string;
  memberships: Readonly<Record<string, Membership>>;
}

/** Members of the body current on the meeting date and recorded present for it. `presentFor` gives the body a membership sat for. */
export function membersPresent(
  body: MembershipsOf,
  date: CivilDate,
  presentFor: (membershipId: string) => string | undefined,
): Membership[] {
  return Object.values(body.memberships).filter(
    (membership) => contains(membership, date) && presentFor(membership.membershipId) === body.bodyId,
  );
}

/**
 * Voting members of the body present and not conflicted on the item: those who count towards its quorum,
 * and those expected to vote when it is put to a vote.
 */
export function votersPresent(
  body: MembershipsOf,
  date: CivilDate,
  presentFor: (membershipId: string) => string | undefined,
  declarations: readonly { membershipId: string; action: InterestAction }[],
  substituteFor: (membershipId: string) => string | undefined = () => undefined,
): Membership[] {
  return membersPresent(body, date, presentFor).filter(
    (membership) => mayVote(body, membership, substituteFor) && !conflictedOn(declarations, membership.membershipId),
  );
}

/** A member votes by its own membership's vote, or in place of the voting member of the body it substitutes for. */
export function mayVote(
  body: MembershipsOf,
  membership: Membership,
  substituteFor: (membershipId: string) => string | undefined = () => undefined,
): boolean {
  const sittingFor = substituteFor(membership.membershipId);
  return membership.voting || (sittingFor !== undefined && body.memberships[sittingFor]?.voting === true);
}

/** Quorum for one body on one item: voting members present and not conflicted, against the number required. */
export function quorumOf(required: number, present: number): Quorum {
  return { required, present, quorate: present >= required };
}

/** The votes cast on the item for the deciding body (at a meeting in common each committee votes for itself). */
export function votesOf<V extends { bodyId: string }>(votes: Iterable<V>, bodyId: string): V[] {
  return [...votes].filter((vote) => vote.bodyId === bodyId);
}

/**
 * Once a body has voted individually on an item, a voter present who cast no vote is recorded as
 * `abstained-no-vote-cast` (Dacorum practice): the voters present without a vote, in membership order.
 * Where nobody voted (agreed without a vote, an entered ballot tally) nobody is silent.
 */
export function silentVoters(voters: readonly { membershipId: string }[], votes: readonly { membershipId: string }[]): string[] {
  if (votes.length === 0) return [];
  const voted = new Set(votes.map((vote) => vote.membershipId));
  return voters.map((voter) => voter.membershipId).filter((membershipId) => !voted.has(membershipId));
}

/** Totals derived from individual votes (never entered beside them), the silent voters counted as abstained-no-vote-cast. */
export function tally(votes: readonly { vote: VoteOption }[], silent = 0): DecisionCounts {
  const counted = (option: VoteOption) => votes.filter((vote) => vote.vote === option).length;
  return {
    for: counted('for'),
    against: counted('against'),
    abstain: counted('abstain'),
    abstainedNoVoteCast: counted('abstained-no-vote-cast') + silent,
  };
}

/** Where the totals of a decision come from: its individual votes, or an aggregate entered for a historic ballot. */
export function countsFrom(votes: number, entered: DecisionCounts | undefined): 'votes' | 'entered' | null {
  return votes > 0 ? 'votes' : entered ? 'entered' : null;
}

/**
 * Where the item was put to a vote (individual votes, or an entered ballot tally), the outcome follows it:
 * `carried` needs more for than against, `defeated` no more for than against; a tie is broken only by a
 * casting vote recorded as such, and a casting vote breaks nothing but a tie.
 */
export function assertOutcomeFollowsVotes(
  outcome: DecisionOutcome,
  counts: { for: number; against: number } | undefined,
  castingVote: CastingVote | undefined,
): void {
  const tied = counts !== undefined && counts.for === counts.against;
  if (castingVote && (!tied || (outcome !== 'carried' && outcome !== 'defeated'))) {
    throw new DomainError(
      'casting-vote-without-tie',
      counts
        ? `a casting vote breaks a tie between a motion carried and defeated; the votes were ${counts.for} for, ${counts.against} against (outcome ${outcome})`
        : `a casting vote breaks a tie: no votes are recorded for this decision (outcome ${outcome})`,
    );
  }
  if (!counts || (outcome !== 'carried' && outcome !== 'defeated')) return;
  const carries = counts.for > counts.against || (tied && castingVote?.vote === 'for');
  if ((outcome === 'carried') !== carries) {
    const casting = castingVote ? ` and a casting vote ${castingVote.vote}` : tied ? ' and no casting vote' : '';
    throw new DomainError(
      'outcome-contradicts-votes',
      `the motion was ${carries ? 'carried' : 'defeated'} by ${counts.for} for to ${counts.against} against${casting}: it cannot be recorded as ${outcome}`,
    );
  }
}

/** A casting vote is the chair's: a voting member of the deciding body, present and not conflicted on the item. */
export function assertCastingVoter(castingVote: CastingVote, voters: readonly { membershipId: string }[], bodyId: string): void {
  if (!voters.some((voter) => voter.membershipId === castingVote.membershipId)) {
    throw new DomainError(
      'casting-vote-not-a-voter',
      `the casting vote of membership ${castingVote.membershipId} is not that of a voting member of ${bodyId} present and free to vote on the item`,
    );
  }
}

/** A body as the parent-line rules read it. */
export interface BodyLink {
  kind: BodyKind;
  parentBodyId?: string;
}

/**
 * The body and the bodies it is (transitively) part of by `parentBodyId`, nearest first. `through` says
 * whose parent is followed (authority passes up only from a committee); unknown bodies end the line.
 */
export function lineOfParents(
  bodyId: string,
  bodyOf: (bodyId: string) => BodyLink | undefined,
  through: (kind: BodyKind) => boolean = () => true,
): string[] {
  const line = [bodyId];
  let body = bodyOf(bodyId);
  while (body && through(body.kind) && body.parentBodyId && !line.includes(body.parentBodyId)) {
    line.push(body.parentBodyId);
    body = bodyOf(body.parentBodyId);
  }
  return line;
}

/** Joint bodies: their members sit on behalf of the bodies that formed them. */
const JOINT_KINDS: readonly BodyKind[] = ['joint-committee'];

/**
 * Call-in (overview and scrutiny) reaches only the decisions of a local authority: its own, its
 * committees' (by the parent line), and those of a joint committee in which a local authority (or its
 * committee) decides, through a voting membership current on the date. A joint committee whose council
 * members sit without a vote (the 2017 Cheshire JCC) takes no council decision.
 */
export function callInApplies(body: BodyLink & MembershipsOf, date: CivilDate, bodyOf: (bodyId: string) => BodyLink | undefined): boolean {
  const ofLocalAuthority = (bodyId: string) => lineOfParents(bodyId, bodyOf).some((id) => bodyOf(id)?.kind === 'local-authority');
  if (ofLocalAuthority(body.bodyId)) return true;
  if (!JOINT_KINDS.includes(body.kind)) return false;
  return Object.values(body.memberships).some(
    (membership) =>
      membership.voting &&
      contains(membership, date) &&
      membership.onBehalfOfBodyId !== undefined &&
      ofLocalAuthority(membership.onBehalfOfBodyId),
  );
}

/**
 * Minutes are approved as a correct record by the body that met, or by its successor where it was
 * succeeded: the approving meeting has a body in common with the earlier one, or a successor of one
 * of its bodies. `successors` is transitive (see `successorsFrom`).
 */
export function mayApproveMinutesOf(
  approvingBodyIds: readonly string[],
  minutedBodyIds: readonly string[],
  successors: ReadonlyMap<string, readonly string[]>,
): boolean {
  return minutedBodyIds.some((minuted) =>
    approvingBodyIds.some((approving) => approving === minuted || (successors.get(minuted) ?? []).includes(approving)),
  );
}

/** bodyId → every body that (transitively) succeeded it, nearest first. */
export function transitiveSuccessors(links: readonly SuccessionLink[]): Map<string, string[]> {
  const direct = new Map<string, string[]>();
  for (const { predecessorBodyId, successorBodyId } of links) {
    direct.set(predecessorBodyId, [...(direct.get(predecessorBodyId) ?? []), successorBodyId]);
  }
  const closure = new Map<string, string[]>();
  for (const bodyId of direct.keys()) {
    const found: string[] = [];
    const queue = [...(direct.get(bodyId) ?? [])];
    while (queue.length > 0) {
      const next = queue.shift() as string;
      if (next === bodyId || found.includes(next)) continue;
      found.push(next);
      queue.push(...(direct.get(next) ?? []));
    }
    closure.set(bodyId, found);
  }
  return closure;
}

/** A called-in decision has no effect until the call-in has a result. */
export function suspendedByCallIn(callIn: { result?: unknown } | undefined): boolean {
  return callIn !== undefined && callIn.result === undefined;
}
