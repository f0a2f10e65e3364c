import { Aggregate, commandsRecording } from '../aggregate';
import { DelegationCommand } from './delegation.commands';
import {
  delegationBodiesNamedBy,
  delegationDecider,
  DelegationDecisionState,
  delegationStream,
  parentDelegationNamedBy,
} from './delegation.decider';
import { DelegationEvent } from './delegation.events';

/**
 * A delegation's stream: its grant, variations and revocation, recorded by the delegator's officers. A
 * variation or revocation names only the delegation, so the delegator (and the parent delegation of a
 * sub-delegation) comes from the stream's own state.
 */
export const delegationAggregate: Aggregate<DelegationCommand, DelegationDecisionState, DelegationEvent> = {
  category: 'delegation',
  decider: delegationDecider,
  streamOf: (command) => delegationStream(command.data.delegationId),
  reads: (command, { delegation }) => {
    const parent = parentDelegationNamedBy(command, delegation);
    return { bodies: delegationBodiesNamedBy(command), delegations: parent ? [parent] : [] };
  },
  recordedFor: (command, { delegation }) => {
    if (command.type === 'GrantDelegation') return [command.data.delegatorBodyId];
    return delegation.recorded ? [delegation.delegatorBodyId] : [];
  },
  withContext: (state, { bodies, delegations }, command) => {
    const parentId = parentDelegationNamedBy(command, state.delegation);
    return { ...state, bodies, parent: (parentId && delegations.get(parentId)) || state.parent };
  },
  commandRecording: commandsRecording<DelegationCommand, DelegationEvent>({
    DelegationGranted: 'GrantDelegation',
    DelegationVaried: 'VaryDelegation',
    DelegationRevoked: 'RevokeDelegation',
  }),
  names: (event) => {
    const { delegationId } = event.data;
    switch (event.type) {
      case 'DelegationGranted': {
        const { delegatorBodyId, delegateBodyId, parentDelegationId, functions, areas } = event.data;
        return {
          ofDelegation: delegationId,
          bodies: [delegatorBodyId, delegateBodyId],
          delegations: parentDelegationId ? [parentDelegationId] : [],
          functions,
          areas,
        };
      }
      case 'DelegationVaried':
        return { ofDelegation: delegationId, functions: event.data.functions, areas: event.data.areas };
      default:
        return { ofDelegation: delegationId };
    }
  },
};
