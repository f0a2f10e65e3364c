import { inPart } from '../shared/domain-error';
import { ItemOutcome, MeetingCommand } from './meeting.commands';
import { MeetingEvent } from './meeting.events';
import { evolveMeeting } from './meeting.evolve';
import { agendaItem, recordedMeeting } from './meeting-lookups';
import { MeetingState } from './meeting.state';
import { Provenance } from '../shared/source';

type Part = [field: string, command: MeetingCommand];

/**
 * The separate commands an item's outcome is made of, in the order they happen at the meeting
 * (declarations, the motion, the votes on it, the decision), each with the field naming its part.
 * The votes and the decision are on the motion, when there is one.
 */
export function outcomeParts(data: Provenance & ItemOutcome): Part[] {
  const { meetingId, itemId, declarations = [], motion, votes = [], decision, ...provenance } = data;
  const onItem = { ...provenance, meetingId, itemId };
  const onMotion = motion ? { motionId: motion.motionId } : {};
  return [
    ...declarations.map((declared, index): Part => [
      `declarations[${index}]`,
      { type: 'DeclareInterest', data: { ...onItem, ...declared } },
    ]),
    ...(motion ? [['motion', { type: 'ProposeMotion', data: { ...onItem, ...motion } }] as Part] : []),
    ...votes.map((vote, index): Part => [`votes[${index}]`, { type: 'CastVote', data: { ...onItem, ...vote, ...onMotion } }]),
    ['decision', { type: 'RecordDecision', data: { ...onItem, ...decision, ...onMotion } }],
  ];
}

/** Where within a part a rule it breaks lies, when the rule says so (a vote is named whole, as a member's vote). */
const FIELD_OF_RULE: Partial<Record<MeetingCommand['type'], Readonly<Record<string, string>>>> = {
  DeclareInterest: {
    'unknown-reference': 'membershipId',
    'not-a-member': 'membershipId',
    'membership-ambiguous': 'membershipId',
    'declared-after-vote': 'action',
  },
  ProposeMotion: { 'already-recorded': 'motionId', 'seconder-is-mover': 'seconder' },
  RecordDecision: {
    'casting-vote-without-tie': 'castingVote',
    'casting-vote-not-a-voter': 'castingVote',
    'outcome-contradicts-votes': 'outcome',
    'agreed-without-vote': 'outcome',
    'advisory-group-recommends': 'outcome',
    'decision-per-committee': 'bodyId',
    'body-not-in-meeting': 'bodyId',
  },
};

/**
 * An item's outcome, judged by the very deciders of its parts: each part is decided on the meeting as the
 * parts before it leave it (their facts folded in), so a vote after a declaration barring it, or a decision
 * contradicting the votes, is refused as it would be in separate requests. A part refused refuses the whole,
 * naming the part; nothing is recorded unless every part is.
 */
export function recordItemOutcome<State extends { meeting: MeetingState }>(
  data: Provenance & ItemOutcome,
  state: State,
  decide: (command: MeetingCommand, state: State) => MeetingEvent[],
): MeetingEvent[] {
  agendaItem(recordedMeeting(state.meeting, data.meetingId), data.itemId);
  const events: MeetingEvent[] = [];
  let current = state;
  for (const [field, command] of outcomeParts(data)) {
    const decided = inPart(
      field,
      () => decide(command, current),
      (rule) => FIELD_OF_RULE[command.type]?.[rule],
    );
    events.push(...decided);
    current = { ...current, meeting: decided.reduce(evolveMeeting, current.meeting) };
  }
  return events;
}
