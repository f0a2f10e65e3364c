import { Aggregate, commandsRecording } from '../aggregate';
import { ReorganisationCommand } from './reorganisation.commands';
import {
  reorganisationBodiesNamedBy,
  reorganisationDecider,
  ReorganisationDecisionState,
  reorganisationStream,
} from './reorganisation.decider';
import { ReorganisationEvent } from './reorganisation.events';

/** A merger or transfer scheme, one event in its own stream; only an admin records one (it names no body's officers). */
export const reorganisationAggregate: Aggregate<ReorganisationCommand, ReorganisationDecisionState, ReorganisationEvent> = {
  category: 'reorganisation',
  decider: reorganisationDecider,
  streamOf: (command) => reorganisationStream(command.data.reorganisationId),
  reads: (command) => ({ bodies: reorganisationBodiesNamedBy(command) }),
  recordedFor: () => [],
  withContext: (state, { bodies }) => ({ ...state, bodies }),
  commandRecording: commandsRecording<ReorganisationCommand, ReorganisationEvent>(
    { MergerRecorded: 'RecordMerger', TransferSchemeRecorded: 'RecordTransferScheme' },
    // A transfer of everything is stored as 'all'; the command says so by leaving functions and areas out.
    ({ data }) => Object.fromEntries(Object.entries(data).filter(([, value]) => value !== 'all')),
  ),
  names: (event) => {
    if (event.type === 'MergerRecorded') return { bodies: [...event.data.predecessorBodyIds, event.data.successorBodyId] };
    const { abolishedBodyIds, receivingBodyId, functions, areas } = event.data;
    return {
      bodies: [...abolishedBodyIds, receivingBodyId],
      functions: functions === 'all' ? undefined : functions,
      areas: areas === 'all' ? undefined : areas,
    };
  },
};
