import { citedBy, citing, Fact } from '../shared/cited';
import { RecommendationEvent } from './recommendation.events';
import { MadeRecommendation, RecommendationRound, RecommendationState } from './recommendation.state';

/** The one fold of a recommendation stream. Responses belong to the round open when they were given; a revision opens the next round. */
export function evolveRecommendation(recommendation: RecommendationState, event: Fact<RecommendationEvent>): RecommendationState {
  const citedEvents = citedBy(event);
  if (event.type === 'RecommendationMade') {
    const { recommendationId, fromBodyId, toBodyIds, title, proposal, functions, areas, date } = event.data;
    const first: RecommendationRound = { round: 1, proposal, opened: date, responses: new Map(), citedEvents };
    return { recorded: true, recommendationId, fromBodyId, toBodyIds, title, functions, areas, date, ...opened([first]), citedEvents };
  }
  if (!recommendation.recorded) return recommendation;
  const cited = citing(recommendation.citedEvents, citedEvents);
  switch (event.type) {
    case 'BodyRespondedToRecommendation': {
      const { bodyId, response, date, decision, reason } = event.data;
      const responses = new Map(recommendation.responses).set(bodyId, { bodyId, response, date, decision, reason, citedEvents });
      const rounds = [...recommendation.rounds.slice(0, -1), { ...recommendation.rounds[recommendation.rounds.length - 1], responses }];
      return { ...recommendation, ...opened(rounds), citedEvents: cited };
    }
    case 'RecommendationRevised': {
      const { proposal, date } = event.data;
      const next: RecommendationRound = { round: recommendation.round + 1, proposal, opened: date, responses: new Map(), citedEvents };
      return { ...recommendation, ...opened([...recommendation.rounds, next]), citedEvents: cited };
    }
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
}

/** The rounds, and the last of them as the current one. */
function opened(rounds: RecommendationRound[]): Pick<MadeRecommendation, 'rounds' | 'round' | 'proposal' | 'roundOpened' | 'responses'> {
  const { round, proposal, opened: roundOpened, responses } = rounds[rounds.length - 1];
  return { rounds, round, proposal, roundOpened, responses };
}
