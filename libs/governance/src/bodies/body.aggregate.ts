import { Aggregate, commandsRecording } from '../aggregate';
import { BodyCommand } from './body.commands';
import { bodiesNamedBy, bodyDecider, BodyDecisionState, bodyStream } from './body.decider';
import { BodyEvent } from './body.events';

/** A body's own stream: its names, lifetime, statutory functions and memberships. Officers of the body record its memberships. */
export const bodyAggregate: Aggregate<BodyCommand, BodyDecisionState, BodyEvent> = {
  category: 'body',
  decider: bodyDecider,
  streamOf: (command) => bodyStream(command.data.bodyId),
  reads: (command) => ({ bodies: bodiesNamedBy(command) }),
  recordedFor: (command) => [command.data.bodyId],
  withContext: (state, { bodies }) => ({ ...state, bodies }),
  commandRecording: commandsRecording<BodyCommand, BodyEvent>({
    BodyEstablished: 'EstablishBody',
    BodyRenamed: 'RenameBody',
    BodyDissolved: 'DissolveBody',
    StatutoryFunctionsAssigned: 'AssignStatutoryFunctions',
    MemberAppointed: 'AppointMember',
    MembershipEnded: 'EndMembership',
  }),
  names: (event) => {
    const { bodyId } = event.data;
    switch (event.type) {
      case 'BodyEstablished':
        return { ofBody: bodyId, bodies: event.data.parentBodyId ? [event.data.parentBodyId] : [], areas: event.data.areas };
      case 'StatutoryFunctionsAssigned':
        return { ofBody: bodyId, functions: event.data.functions, areas: event.data.areas };
      case 'MemberAppointed':
        return { ofBody: bodyId, bodies: event.data.onBehalfOfBodyId ? [event.data.onBehalfOfBodyId] : [] };
      default:
        return { ofBody: bodyId };
    }
  },
};
