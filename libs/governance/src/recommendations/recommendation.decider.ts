import { knownBody } from '../bodies/body.decider';
import { assertExistedOn, KnownBodies } from '../bodies/body.state';
import { Decider } from '../decider';
import { assertCivilDate } from '../shared/civil-date';
import { AlreadyRecorded, DomainError, UnknownReference } from '../shared/domain-error';
import { RecommendationCommand } from './recommendation.commands';
import { RecommendationEvent } from './recommendation.events';
import { evolveRecommendation } from './recommendation.evolve';
import { jointStatus, MadeRecommendation, RecommendationState } from './recommendation.state';

export { evolveRecommendation } from './recommendation.evolve';

export interface RecommendationDecisionState {
  recommendation: RecommendationState;
  /** The advisory group and the bodies asked to approve, or the responding body. */
  bodies: KnownBodies;
}

export const recommendationStream = (recommendationId: string) => `recommendation-${recommendationId}`;

/** Bodies that must be loaded before deciding. */
export function recommendationBodiesNamedBy(command: RecommendationCommand): string[] {
  switch (command.type) {
    case 'MakeRecommendation':
      return [command.data.fromBodyId, ...command.data.toBodyIds];
    case 'RespondToRecommendation':
      return [command.data.bodyId];
    default:
      return [];
  }
}

type Command<Type extends RecommendationCommand['type']> = Extract<RecommendationCommand, { type: Type }>['data'];
type Decided = RecommendationEvent[];

function decide(command: RecommendationCommand, { recommendation, bodies }: RecommendationDecisionState): Decided {
  if (command.type === 'MakeRecommendation') return makeRecommendation(command.data, recommendation, bodies);
  const made = recordedRecommendation(recommendation, command.data.recommendationId);
  switch (command.type) {
    case 'RespondToRecommendation':
      return respondToRecommendation(command.data, made, bodies);
    case 'ReviseRecommendation':
      return reviseRecommendation(command.data, made);
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
}

function makeRecommendation(data: Command<'MakeRecommendation'>, recommendation: RecommendationState, bodies: KnownBodies): Decided {
  if (recommendation.recorded) throw new AlreadyRecorded('recommendation', data.recommendationId);
  assertCivilDate('date', data.date);
  const advisoryGroup = knownBody(bodies, data.fromBodyId);
  if (advisoryGroup.kind !== 'advisory-group') {
    throw new DomainError(
      'recommender-not-advisory-group',
      `${advisoryGroup.bodyId} is a ${advisoryGroup.kind}: only an advisory group makes recommendations for parallel approval`,
    );
  }
  assertApprovers(data);
  const approvers = data.toBodyIds.map((bodyId) => knownBody(bodies, bodyId));
  const advisory = approvers.find((body) => body.kind === 'advisory-group');
  if (advisory) {
    throw new DomainError(
      'approver-has-no-decision-powers',
      `${advisory.bodyId} is an advisory group and has no decision powers to approve`,
    );
  }
  for (const body of [advisoryGroup, ...approvers]) assertExistedOn(body, data.date);
  return [{ type: 'RecommendationMade', data: { ...data, toBodyIds: [...data.toBodyIds] } }];
}

/** Parallel approval asks at least two bodies, each once, none of them the advisory group itself. */
function assertApprovers({ fromBodyId, toBodyIds }: Command<'MakeRecommendation'>): void {
  if (toBodyIds.length < 2) {
    throw new DomainError('parallel-approval-needs-two-bodies', 'a recommendation goes for parallel approval to at least two bodies');
  }
  const repeated = toBodyIds.find((bodyId, index) => toBodyIds.indexOf(bodyId) !== index);
  if (repeated) throw new DomainError('approving-bodies-distinct', `body ${repeated} is named twice for approval`);
  if (toBodyIds.includes(fromBodyId)) {
    throw new DomainError('recommendation-to-itself', `the advisory group ${fromBodyId} cannot approve its own recommendation`);
  }
}

function respondToRecommendation(data: Command<'RespondToRecommendation'>, made: MadeRecommendation, bodies: KnownBodies): Decided {
  const { bodyId, date } = data;
  assertCivilDate('date', date);
  if (!made.toBodyIds.includes(bodyId)) {
    throw new DomainError(
      'not-asked-to-approve',
      `recommendation ${made.recommendationId} went to ${made.toBodyIds.join(', ')}, not ${bodyId}`,
    );
  }
  if (jointStatus(made) === 'rejected') {
    throw new DomainError(
      'recommendation-rejected',
      `recommendation ${made.recommendationId} has been rejected; it takes no further responses`,
      409,
    );
  }
  const earlier = made.responses.get(bodyId);
  if (earlier) {
    throw new DomainError(
      'already-responded',
      `${bodyId} already responded (${earlier.response}, ${earlier.date}) in round ${made.round} of recommendation ${made.recommendationId}`,
      409,
    );
  }
  if (date < made.roundOpened) {
    throw new DomainError(
      'response-before-recommendation',
      `the response (${date}) is dated before the ${made.round === 1 ? 'recommendation' : 'revision'} it answers (${made.roundOpened})`,
    );
  }
  assertExistedOn(knownBody(bodies, bodyId), date);
  return [{ type: 'BodyRespondedToRecommendation', data }];
}

function reviseRecommendation(data: Command<'ReviseRecommendation'>, made: MadeRecommendation): Decided {
  const { date } = data;
  assertCivilDate('date', date);
  const status = jointStatus(made);
  if (status !== 'referred-back') {
    throw new DomainError(
      'revision-needs-referral-back',
      `recommendation ${made.recommendationId} is ${status}: it is revised only after a body refers it back`,
      409,
    );
  }
  const referral = [...made.responses.values()]
    .filter((response) => response.response === 'referred-back')
    .reduce((latest, response) => (response.date > latest ? response.date : latest), made.roundOpened);
  if (date < referral) {
    throw new DomainError(
      'revision-before-referral-back',
      `the revision (${date}) is dated before the referral back it answers (${referral})`,
    );
  }
  return [{ type: 'RecommendationRevised', data }];
}

function evolve(state: RecommendationDecisionState, event: RecommendationEvent): RecommendationDecisionState {
  return { ...state, recommendation: evolveRecommendation(state.recommendation, event) };
}

export const recommendationDecider: Decider<RecommendationCommand, RecommendationDecisionState, RecommendationEvent> = {
  decide,
  evolve,
  initialState: () => ({ recommendation: { recorded: false }, bodies: new Map() }),
};

export function recordedRecommendation(recommendation: RecommendationState, recommendationId: string): MadeRecommendation {
  if (!recommendation.recorded) throw new UnknownReference('recommendation', recommendationId);
  return recommendation;
}
