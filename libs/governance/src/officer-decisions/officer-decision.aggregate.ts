import { Aggregate, commandsRecording } from '../aggregate';
import { OfficerDecisionCommand } from './officer-decision.commands';
import { officerDecisionDecider, OfficerDecisionState, officerDecisionStream } from './officer-decision.decider';
import { OfficerDecisionEvent } from './officer-decision.events';

/** An officer's decision under delegated authority, recorded by officers of the body decided for. */
export const officerDecisionAggregate: Aggregate<OfficerDecisionCommand, OfficerDecisionState, OfficerDecisionEvent> = {
  category: 'officer',
  decider: officerDecisionDecider,
  streamOf: (command) => officerDecisionStream(command.data.decisionId),
  reads: ({ data }) => ({
    bodies: [data.bodyId],
    delegations: data.delegationRelied.delegationId ? [data.delegationRelied.delegationId] : [],
  }),
  recordedFor: ({ data }) => [data.bodyId],
  withContext: (state, { bodies, delegations }) => ({ ...state, bodies, delegations }),
  commandRecording: commandsRecording<OfficerDecisionCommand, OfficerDecisionEvent>({ OfficerDecisionRecorded: 'RecordOfficerDecision' }),
  names: ({ data }) => ({
    bodies: [data.bodyId],
    delegations: data.delegationRelied.delegationId ? [data.delegationRelied.delegationId] : [],
    functions: data.functions,
    areas: data.areas,
  }),
};
