import { Aggregate } from '../aggregate';
import { MeetingCommand } from './meeting.commands';
import { meetingBodiesNamedBy, meetingParentLinesNamedBy, meetingReadsReorganisations, meetingsNamedBy } from './meeting-context';
import { commandRecording } from './meeting-recording';
import { meetingDecider, MeetingDecisionState, meetingStream } from './meeting.decider';
import { MeetingEvent } from './meeting.events';

/** A meeting's stream: what happened at it, recorded by officers of the meeting's bodies (or of their parents). */
export const meetingAggregate: Aggregate<MeetingCommand, MeetingDecisionState, MeetingEvent> = {
  category: 'meeting',
  decider: meetingDecider,
  streamOf: (command) => meetingStream(command.data.meetingId),
  reads: (command, { meeting }) => ({
    bodies: meetingBodiesNamedBy(command, meeting),
    meetings: meetingsNamedBy(command),
    parentLinesOf: (bodies) => meetingParentLinesNamedBy(command, meeting, bodies),
    successions: meetingReadsReorganisations(command),
  }),
  recordedFor: (command, { meeting }) => meetingBodiesNamedBy(command, meeting),
  withContext: (state, { bodies, meetings, successors, today }) => ({ ...state, bodies, meetings, successors, today }),
  commandRecording,
  names: (event) => {
    switch (event.type) {
      case 'MeetingConvened':
        return { bodies: event.data.bodies.map(({ bodyId }) => bodyId) };
      case 'AgendaItemAdded':
        return { functions: event.data.functions, areas: event.data.areas };
      case 'AttendanceRecorded':
        return { bodies: [...new Set(event.data.present.map(({ bodyId }) => bodyId))] };
      case 'InterestDeclared':
      case 'VoteCast':
      case 'DecisionRecorded':
      case 'DecisionCalledIn':
      case 'CallInResultRecorded':
        return { bodies: [event.data.bodyId] };
      default:
        return {};
    }
  },
};
