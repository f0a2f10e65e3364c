import { Aggregate, commandsRecording } from '../aggregate';
import { RecommendationCommand } from './recommendation.commands';
import {
  recommendationBodiesNamedBy,
  recommendationDecider,
  RecommendationDecisionState,
  recommendationStream,
  recordedRecommendation,
} from './recommendation.decider';
import { RecommendationEvent } from './recommendation.events';

/**
 * A recommendation under parallel approval: the advisory group's officers (or those of a body it belongs
 * to) make and revise it; each named body's officers record that body's own response, and no other's.
 */
export const recommendationAggregate: Aggregate<RecommendationCommand, RecommendationDecisionState, RecommendationEvent> = {
  category: 'recommendation',
  decider: recommendationDecider,
  streamOf: (command) => recommendationStream(command.data.recommendationId),
  reads: (command) => ({ bodies: recommendationBodiesNamedBy(command) }),
  recordedFor: (command, { recommendation }) => {
    switch (command.type) {
      case 'MakeRecommendation':
        return [command.data.fromBodyId];
      case 'RespondToRecommendation':
        return [command.data.bodyId];
      case 'ReviseRecommendation':
        return [recordedRecommendation(recommendation, command.data.recommendationId).fromBodyId];
      default: {
        const unhandled: never = command;
        throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
      }
    }
  },
  withContext: (state, { bodies }) => ({ ...state, bodies }),
  commandRecording: commandsRecording<RecommendationCommand, RecommendationEvent>({
    RecommendationMade: 'MakeRecommendation',
    BodyRespondedToRecommendation: 'RespondToRecommendation',
    RecommendationRevised: 'ReviseRecommendation',
  }),
  names: (event) => {
    switch (event.type) {
      case 'RecommendationMade': {
        const { fromBodyId, toBodyIds, functions, areas } = event.data;
        return { bodies: [fromBodyId, ...toBodyIds], functions, areas };
      }
      case 'BodyRespondedToRecommendation':
        return { bodies: [event.data.bodyId] };
      default:
        return {};
    }
  },
};
