import { knownBody } from '../bodies/body.decider';
import { assertExistedOn, KnownBodies } from '../bodies/body.state';
import { Decider } from '../decider';
import { assertCivilDate } from '../shared/civil-date';
import { AlreadyRecorded, DomainError, UnknownReference } from '../shared/domain-error';
import { SCHEDULE_12A_PARAGRAPHS } from '../shared/vocabulary';
import { MeetingCommand } from './meeting.commands';
import { MeetingContext } from './meeting-context';
import { MeetingEvent } from './meeting.events';
import { evolveMeeting } from './meeting.evolve';
import { recordItemOutcome } from './item-outcome';
import {
  agendaItem,
  assertNotBeforeMeeting,
  assertOpen,
  decidingBody,
  knownMotion,
  memberAtMeeting,
  recordedDecision,
  recordedMeeting,
} from './meeting-lookups';
import {
  assertCastingVoter,
  assertOutcomeFollowsVotes,
  barsVoting,
  callInApplies,
  conflictedOn,
  countsFrom,
  isBinding,
  mayApproveMinutesOf,
  mayVote,
  quorumOf,
  silentVoters,
  tally,
  votersPresent,
  votesOf,
} from './meeting-rules';
import { ConvenedMeeting, MeetingState } from './meeting.state';
import { assertMeetingTakes, assertMeetingTime, cancelMeeting, rescheduleMeeting } from './meeting-schedule';
import { assertLateItemReasoned, publishAgenda, recordForwardPlanEntry } from './meeting-agenda';
import { assertPresentAt, presentAtItem, recordArrival, recordAttendance, recordDeparture, substitutedBy } from './meeting-attendance';

export {
  meetingBodiesNamedBy,
  meetingParentLinesNamedBy,
  meetingReadsReorganisations,
  meetingsNamedBy,
  successorsFrom,
} from './meeting-context';
export { evolveMeeting } from './meeting.evolve';
export { recordedMeeting } from './meeting-lookups';
export { commandRecording } from './meeting-recording';

/** The meeting folded from its stream, and what the handler loads besides (see `MeetingContext`). */
export interface MeetingDecisionState extends MeetingContext {
  meeting: MeetingState;
}

export const meetingStream = (meetingId: string) => `meeting-${meetingId}`;

type Command<Type extends MeetingCommand['type']> = Extract<MeetingCommand, { type: Type }>['data'];
type Decided = MeetingEvent[];

type OnMeeting<Type extends MeetingCommand['type']> = (
  data: Command<Type>,
  meeting: ConvenedMeeting,
  state: MeetingDecisionState,
) => Decided;

/** Each command on a recorded meeting, by type: a table the compiler checks is complete. */
const ON_MEETING: { [Type in Exclude<MeetingCommand['type'], 'ConveneMeeting'>]: OnMeeting<Type> } = {
  AddAgendaItem: (data, meeting, { today }) => {
    assertLateItemReasoned(data, meeting, today);
    return addAgendaItem(data, meeting);
  },
  RecordItemOutcome: (data, _meeting, state) => recordItemOutcome(data, state, decide),
  RecordAttendance: (data, meeting, { bodies }) => recordAttendance(data, meeting, bodies),
  DeclareInterest: declareInterest,
  ProposeMotion: proposeMotion,
  CastVote: castVote,
  RecordDecision: recordDecision,
  LiftConfidentiality: (data, meeting) => liftConfidentiality(data, meeting),
  ImposeConfidentiality: (data, meeting) => imposeConfidentiality(data, meeting),
  EraseConfidentialContent: (data, meeting) => eraseConfidentialContent(data, meeting),
  ApproveMinutes: approveMinutes,
  CallIn: callIn,
  RecordCallInResult: (data, meeting) => recordCallInResult(data, meeting),
  RescheduleMeeting: (data, meeting, { bodies, today }) => rescheduleMeeting(data, meeting, bodies, today),
  CancelMeeting: (data, meeting, { today }) => cancelMeeting(data, meeting, today),
  PublishAgenda: (data, meeting, { today }) => publishAgenda(data, meeting, today),
  RecordForwardPlanEntry: (data, meeting, { today }) => recordForwardPlanEntry(data, meeting, today),
  RecordArrival: (data, meeting, { bodies }) => recordArrival(data, meeting, bodies),
  RecordDeparture: (data, meeting, { bodies }) => recordDeparture(data, meeting, bodies),
};

function decide(command: MeetingCommand, state: MeetingDecisionState): Decided {
  if (command.type === 'ConveneMeeting') return convene(command.data, state);
  const meeting = recordedMeeting(state.meeting, command.data.meetingId);
  assertMeetingTakes(command.type, meeting, state.today);
  const onMeeting = ON_MEETING[command.type] as OnMeeting<typeof command.type>;
  return onMeeting(command.data as never, meeting, state);
}

/** A meeting held, or scheduled ahead: what happens at it waits for its date (see meeting-schedule.ts). */
function convene(data: Command<'ConveneMeeting'>, { meeting, bodies }: MeetingDecisionState): Decided {
  if (meeting.recorded) throw new AlreadyRecorded('meeting', data.meetingId);
  assertCivilDate('date', data.date);
  assertMeetingTime(data.time);
  const inCommon = data.inCommon ?? false;
  if (data.bodies.length === 0) throw new DomainError('meeting-needs-body', 'a meeting is a meeting of at least one body');
  const bodyIds = data.bodies.map((body) => body.bodyId);
  if (new Set(bodyIds).size !== bodyIds.length) throw new DomainError('body-listed-twice', `a body is listed twice: ${bodyIds.join(', ')}`);
  if (inCommon !== bodyIds.length > 1) {
    throw new DomainError(
      'meeting-in-common',
      inCommon
        ? 'committees in common are several bodies’ committees: name more than one body'
        : 'several bodies meet together only as committees in common: set inCommon: true (each then decides for itself)',
    );
  }
  for (const { bodyId, quorum } of data.bodies) {
    if (!Number.isInteger(quorum) || quorum < 1)
      throw new DomainError('quorum-positive', `the quorum of ${bodyId} must be a whole number of at least 1`);
    assertExistedOn(knownBody(bodies, bodyId), data.date);
  }
  return [{ type: 'MeetingConvened', data: { ...data, bodies: data.bodies.map(({ bodyId, quorum }) => ({ bodyId, quorum })), inCommon } }];
}

function addAgendaItem(data: Command<'AddAgendaItem'>, meeting: ConvenedMeeting): Decided {
  const { itemId, confidential } = data;
  if (meeting.items.has(itemId)) throw new AlreadyRecorded('agenda item', itemId);
  if (confidential) assertSchedule12AParagraph(confidential.paragraph);
  return [{ type: 'AgendaItemAdded', data: { ...data, functions: [...data.functions], areas: [...data.areas] } }];
}

function declareInterest(data: Command<'DeclareInterest'>, meeting: ConvenedMeeting, { bodies }: MeetingDecisionState): Decided {
  const { itemId, membershipId, action } = data;
  const item = agendaItem(meeting, itemId);
  const { bodyId } = memberAtMeeting(meeting, bodies, membershipId);
  assertOpen(item, bodyId);
  if (barsVoting(action) && item.votes.has(membershipId)) {
    throw new DomainError(
      'declared-after-vote',
      `membership ${membershipId} has already voted on item ${itemId}; an interest that bars voting is declared before the vote`,
      409,
    );
  }
  return [{ type: 'InterestDeclared', data: { ...data, bodyId } }];
}

function proposeMotion(data: Command<'ProposeMotion'>, meeting: ConvenedMeeting, { bodies }: MeetingDecisionState): Decided {
  const { itemId, motionId, mover, seconder } = data;
  const item = agendaItem(meeting, itemId);
  if (item.motions.has(motionId)) throw new AlreadyRecorded('motion', motionId);
  if (mover === seconder) throw new DomainError('seconder-is-mover', `membership ${mover} cannot second its own motion`);
  const moving = memberAtMeeting(meeting, bodies, mover);
  memberAtMeeting(meeting, bodies, seconder);
  assertPresentAt(meeting, mover, itemId);
  assertPresentAt(meeting, seconder, itemId);
  assertOpen(item, moving.bodyId);
  return [{ type: 'MotionProposed', data }];
}

function castVote(data: Command<'CastVote'>, meeting: ConvenedMeeting, { bodies }: MeetingDecisionState): Decided {
  const { itemId, membershipId, motionId } = data;
  const item = agendaItem(meeting, itemId);
  const { bodyId, membership } = memberAtMeeting(meeting, bodies, membershipId);
  assertOpen(item, bodyId);
  const body = { bodyId, memberships: knownBody(bodies, bodyId).memberships };
  if (!mayVote(body, membership, (id) => substitutedBy(meeting, id))) {
    throw new DomainError('non-voting-member', `membership ${membershipId} of ${bodyId} has no vote`);
  }
  assertPresentAt(meeting, membershipId, itemId);
  if (conflictedOn(item.declarations, membershipId)) {
    throw new DomainError(
      'conflicted-member',
      `membership ${membershipId} declared an interest on item ${itemId} that bars it from voting`,
    );
  }
  if (item.votes.has(membershipId))
    throw new DomainError('already-voted', `membership ${membershipId} has already voted on item ${itemId}`, 409);
  if (motionId) knownMotion(item, motionId);
  return [{ type: 'VoteCast', data: { ...data, bodyId } }];
}

function recordDecision(data: Command<'RecordDecision'>, meeting: ConvenedMeeting, { bodies }: MeetingDecisionState): Decided {
  const { itemId, outcome, motionId, counts: entered, castingVote, ...rest } = data;
  const item = agendaItem(meeting, itemId);
  const { bodyId, quorum: required } = decidingBody(meeting, data.bodyId);
  assertOpen(item, bodyId);
  const body = knownBody(bodies, bodyId);
  if (body.kind === 'advisory-group' && isBinding(outcome)) {
    throw new DomainError(
      'advisory-group-recommends',
      `${bodyId} is an advisory group: it has no decision powers and recommends (outcome ${outcome} is a decision)`,
    );
  }
  if (motionId) knownMotion(item, motionId);
  const votes = votesOf(item.votes.values(), bodyId);
  assertPutToVoteOnce(data, votes.length, bodyId);
  const presentFor = (membershipId: string) => presentAtItem(meeting, membershipId, itemId);
  const voters = votersPresent(body, meeting.date, presentFor, item.declarations, (id) => substitutedBy(meeting, id));
  const counts =
    votes.length > 0
      ? tally(votes, silentVoters(voters, votes).length)
      : entered && { for: entered.for, against: entered.against, abstain: entered.abstain };
  if (castingVote) assertCastingVoter(castingVote, voters, bodyId);
  assertOutcomeFollowsVotes(outcome, counts || undefined, castingVote);
  const derived = {
    ...(motionId ? { motionId } : {}),
    ...(counts ? { counts, countsFrom: countsFrom(votes.length, counts) ?? undefined } : {}),
    ...(castingVote ? { castingVote: { membershipId: castingVote.membershipId, vote: castingVote.vote } } : {}),
    quorum: quorumOf(required, voters.length),
  };
  return [{ type: 'DecisionRecorded', data: { ...rest, itemId, bodyId, outcome, ...derived } }];
}

/** Totals come from the individual votes where there are any, never entered beside them; an item put to a vote was not agreed without one. */
function assertPutToVoteOnce({ itemId, outcome, counts: entered }: Command<'RecordDecision'>, votes: number, bodyId: string): void {
  if (entered && votes > 0) {
    throw new DomainError(
      'counts-derived-from-votes',
      `${votes} individual votes of ${bodyId} are recorded on item ${itemId}: the totals are derived from them, never entered`,
    );
  }
  if (outcome === 'agreed-without-vote' && (entered || votes > 0)) {
    throw new DomainError('agreed-without-vote', `item ${itemId} was put to a vote of ${bodyId}: record carried or defeated`);
  }
}

function liftConfidentiality(data: Command<'LiftConfidentiality'>, meeting: ConvenedMeeting): Decided {
  const { itemId, effective } = data;
  const item = agendaItem(meeting, itemId);
  if (!item.confidential) throw new DomainError('item-not-confidential', `item ${itemId} was not taken in private`);
  if (item.lifted) {
    throw new DomainError('confidentiality-already-lifted', `item ${itemId} has been public since ${item.lifted.effective}`, 409);
  }
  assertNotBeforeMeeting(meeting, 'effective', effective);
  return [{ type: 'ConfidentialityLifted', data }];
}

function assertSchedule12AParagraph(paragraph: number): void {
  if (!(SCHEDULE_12A_PARAGRAPHS as readonly number[]).includes(paragraph)) {
    throw new DomainError(
      'schedule-12a-paragraph',
      `a confidential item cites a paragraph 1–7 of Schedule 12A to the Local Government Act 1972, got ${paragraph}`,
    );
  }
}

/** Part 2 from now on: an item public from the start, or one whose confidentiality was lifted (even from a date still to come). */
function imposeConfidentiality(data: Command<'ImposeConfidentiality'>, meeting: ConvenedMeeting): Decided {
  const item = agendaItem(meeting, data.itemId);
  if (item.confidential && !item.lifted) {
    throw new DomainError('item-already-confidential', `item ${data.itemId} is already taken in private`, 409);
  }
  assertSchedule12AParagraph(data.paragraph);
  return [{ type: 'ConfidentialityImposed', data }];
}

/**
 * Destroys the key of the item's content so far; the event records who (its metadata), what and why.
 * Always recordable: content about the item may be sealed under its live generation in another meeting's
 * stream (an amendment to its minutes), which this meeting's facts cannot tell, and a key never made is
 * destroyed all the same (a tombstone).
 */
function eraseConfidentialContent(data: Command<'EraseConfidentialContent'>, meeting: ConvenedMeeting): Decided {
  const item = agendaItem(meeting, data.itemId);
  if (data.reason.trim() === '') throw new DomainError('erasure-reason', 'an erasure says why the content is erased');
  return [{ type: 'ConfidentialContentErased', data: { ...data, generation: item.erasures.length } }];
}

function approveMinutes(
  data: Command<'ApproveMinutes'>,
  meeting: ConvenedMeeting,
  { meetings, successors }: MeetingDecisionState,
): Decided {
  const { minutesOfMeetingId, approval } = data;
  const earlier = meetings.get(minutesOfMeetingId);
  if (!earlier) throw new UnknownReference('meeting', minutesOfMeetingId);
  if (earlier.date >= meeting.date) {
    throw new DomainError(
      'minutes-of-earlier-meeting',
      `meeting ${meeting.meetingId} (${meeting.date}) can approve only the minutes of an earlier meeting; ${minutesOfMeetingId} met on ${earlier.date}`,
    );
  }
  const approving = meeting.bodies.map((body) => body.bodyId);
  const minuted = earlier.bodies.map((body) => body.bodyId);
  if (!mayApproveMinutesOf(approving, minuted, successors)) {
    throw new DomainError(
      'minutes-of-another-body',
      `meeting ${meeting.meetingId} (${approving.join(', ')}) may approve the minutes only of a meeting of the same body or of a body it succeeded; ${minutesOfMeetingId} was of ${minuted.join(', ')}`,
    );
  }
  if (meeting.minutesApproved.has(minutesOfMeetingId)) throw new AlreadyRecorded('approval of the minutes of meeting', minutesOfMeetingId);
  const amendments = [...(data.amendments ?? [])];
  assertItemAmendments(data, earlier);
  if ((approval === 'subject-to-amendments') !== amendments.length + (data.itemAmendments?.length ?? 0) > 0) {
    throw new DomainError(
      'minutes-amendments',
      'minutes approved subject to amendments list the amendments (about the minutes or about an item); minutes approved as a correct record have none',
    );
  }
  return [{ type: 'MinutesApproved', data: { ...data, amendments } }];
}

/** An amendment about an item names an item of the minuted meeting: its text is that item's content. */
function assertItemAmendments({ itemAmendments = [], minutesOfMeetingId }: Command<'ApproveMinutes'>, minuted: ConvenedMeeting): void {
  itemAmendments.forEach(({ itemId }, index) => {
    if (!minuted.items.has(itemId)) {
      throw new DomainError(
        'amendment-item',
        `an amendment may be about an item of meeting ${minutesOfMeetingId}, whose minutes are approved; ${itemId} is not one`,
        422,
        `itemAmendments[${index}]`,
      );
    }
  });
}

function callIn(data: Command<'CallIn'>, meeting: ConvenedMeeting, { bodies }: MeetingDecisionState): Decided {
  const { itemId, effective } = data;
  const { bodyId } = decidingBody(meeting, data.bodyId);
  const decision = recordedDecision(agendaItem(meeting, itemId), bodyId);
  if (!isBinding(decision.outcome)) {
    throw new DomainError('nothing-to-call-in', `the item ${itemId} was ${decision.outcome} by ${bodyId}: there is no decision to call in`);
  }
  const body = knownBody(bodies, bodyId);
  if (!callInApplies(body, meeting.date, (id) => bodies.get(id))) {
    throw new DomainError(
      'call-in-not-applicable',
      `${bodyId} (${body.kind}) is not a local authority, a committee of one, nor a joint committee in which one votes: its decisions cannot be called in`,
    );
  }
  if (decision.callIn) {
    throw new DomainError(
      'already-called-in',
      `the decision of ${bodyId} on item ${itemId} was called in on ${decision.callIn.effective}`,
      409,
    );
  }
  assertNotBeforeMeeting(meeting, 'effective', effective);
  return [{ type: 'DecisionCalledIn', data: { ...data, bodyId } }];
}

function recordCallInResult(data: Command<'RecordCallInResult'>, meeting: ConvenedMeeting): Decided {
  const { itemId, effective } = data;
  const { bodyId } = decidingBody(meeting, data.bodyId);
  const { callIn: calledIn } = recordedDecision(agendaItem(meeting, itemId), bodyId);
  if (!calledIn) throw new UnknownReference('call-in of the decision on item', `${itemId} by ${bodyId}`);
  if (calledIn.result) throw new AlreadyRecorded('call-in result for the decision on item', `${itemId} by ${bodyId}`);
  assertCivilDate('effective', effective);
  if (effective < calledIn.effective) {
    throw new DomainError('before-call-in', `the result (${effective}) cannot precede the call-in (${calledIn.effective})`);
  }
  return [{ type: 'CallInResultRecorded', data: { ...data, bodyId } }];
}

function evolve(state: MeetingDecisionState, event: MeetingEvent): MeetingDecisionState {
  return { ...state, meeting: evolveMeeting(state.meeting, event) };
}

export const meetingDecider: Decider<MeetingCommand, MeetingDecisionState, MeetingEvent> = {
  decide,
  evolve,
  initialState: () => ({ meeting: { recorded: false }, bodies: new Map() as KnownBodies, meetings: new Map(), successors: new Map() }),
};
