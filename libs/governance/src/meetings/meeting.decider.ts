import { knownBody } from '../bodies/body.decider';
import { assertExistedOn, EstablishedBody, KnownBodies, Membership } from '../bodies/body.state';
import { Decider } from '../decider';
import { assertCivilDate, CivilDate } from '../shared/civil-date';
import { AlreadyRecorded, DomainError, UnknownReference } from '../shared/domain-error';
import { contains } from '../shared/interval';
import { DecisionOutcome, SCHEDULE_12A_PARAGRAPHS } from '../shared/vocabulary';
import { MeetingCommand } from './meeting.commands';
import { DecisionCounts, MeetingBody, MeetingEvent } from './meeting.events';
import { AgendaItem, conflictedOn, ConvenedMeeting, Decision, KnownMeetings, MeetingState, Vote } from './meeting.state';

export interface MeetingDecisionState {
  meeting: MeetingState;
  /** The meeting's bodies, with their memberships. */
  bodies: KnownBodies;
  /** Earlier meetings whose minutes the command approves. */
  meetings: KnownMeetings;
}

export const meetingStream = (meetingId: string) => `meeting-${meetingId}`;

/** Outcomes that bind: an advisory group may not record them, and only they can be called in. */
const BINDING_OUTCOMES: DecisionOutcome[] = ['carried', 'defeated', 'agreed-without-vote'];

/** The bodies the handler loads (with their memberships) before deciding: the convened ones, or the meeting's own. */
export function meetingBodiesNamedBy(command: MeetingCommand, meeting: MeetingState): string[] {
  if (command.type === 'ConveneMeeting') return command.data.bodies.map((body) => body.bodyId);
  return meeting.recorded ? meeting.bodies.map((body) => body.bodyId) : [];
}

/** Other meetings the handler loads before deciding. */
export function meetingsNamedBy(command: MeetingCommand): string[] {
  return command.type === 'ApproveMinutes' ? [command.data.minutesOfMeetingId] : [];
}

function decide(command: MeetingCommand, { meeting, bodies, meetings }: MeetingDecisionState): MeetingEvent[] {
  if (command.type === 'ConveneMeeting') {
    if (meeting.recorded) throw new AlreadyRecorded('meeting', command.data.meetingId);
    return convene(command.data, bodies);
  }

  const convened = recordedMeeting(meeting, command.data.meetingId);
  switch (command.type) {
    case 'AddAgendaItem': {
      const { itemId, confidential } = command.data;
      if (convened.items[itemId]) throw new AlreadyRecorded('agenda item', itemId);
      if (confidential && !(SCHEDULE_12A_PARAGRAPHS as readonly number[]).includes(confidential.paragraph)) {
        throw new DomainError(
          'schedule-12a-paragraph',
          `a confidential item cites a paragraph 1–7 of Schedule 12A to the Local Government Act 1972, got ${confidential.paragraph}`,
        );
      }
      return [
        { type: 'AgendaItemAdded', data: { ...command.data, functions: [...command.data.functions], areas: [...command.data.areas] } },
      ];
    }
    case 'RecordAttendance': {
      const membershipIds = [...new Set(command.data.present)];
      if (membershipIds.length === 0) throw new DomainError('attendance-empty', 'attendance names at least one membership present');
      const present = membershipIds.map((membershipId) => {
        const { bodyId } = memberAtMeeting(convened, bodies, membershipId);
        if (convened.present[membershipId]) throw new AlreadyRecorded('attendance of membership', membershipId);
        return { membershipId, bodyId };
      });
      return [{ type: 'AttendanceRecorded', data: { ...command.data, present } }];
    }
    case 'DeclareInterest': {
      const { itemId, membershipId, action } = command.data;
      const item = agendaItem(convened, itemId);
      const { bodyId } = memberAtMeeting(convened, bodies, membershipId);
      assertOpen(item, bodyId);
      if (action !== 'noted' && item.votes[membershipId]) {
        throw new DomainError(
          'declared-after-vote',
          `membership ${membershipId} has already voted on item ${itemId}; an interest that bars voting is declared before the vote`,
          409,
        );
      }
      return [{ type: 'InterestDeclared', data: { ...command.data, bodyId } }];
    }
    case 'ProposeMotion': {
      const { itemId, motionId, mover, seconder } = command.data;
      const item = agendaItem(convened, itemId);
      if (item.motions[motionId]) throw new AlreadyRecorded('motion', motionId);
      if (mover === seconder) throw new DomainError('seconder-is-mover', `membership ${mover} cannot second its own motion`);
      const moving = memberAtMeeting(convened, bodies, mover);
      memberAtMeeting(convened, bodies, seconder);
      assertPresent(convened, mover);
      assertPresent(convened, seconder);
      assertOpen(item, moving.bodyId);
      return [{ type: 'MotionProposed', data: command.data }];
    }
    case 'CastVote': {
      const { itemId, membershipId, motionId } = command.data;
      const item = agendaItem(convened, itemId);
      const { bodyId, membership } = memberAtMeeting(convened, bodies, membershipId);
      assertOpen(item, bodyId);
      if (!membership.voting) {
        throw new DomainError('non-voting-member', `membership ${membershipId} of ${bodyId} has no vote`);
      }
      assertPresent(convened, membershipId);
      if (conflictedOn(item, membershipId)) {
        throw new DomainError(
          'conflicted-member',
          `membership ${membershipId} declared an interest on item ${itemId} that bars it from voting`,
        );
      }
      if (item.votes[membershipId]) {
        throw new DomainError('already-voted', `membership ${membershipId} has already voted on item ${itemId}`, 409);
      }
      if (motionId) knownMotion(item, motionId);
      return [{ type: 'VoteCast', data: { ...command.data, bodyId } }];
    }
    case 'RecordDecision': {
      const { itemId, outcome, motionId, counts: entered, ...rest } = command.data;
      const item = agendaItem(convened, itemId);
      const { bodyId, quorum: required } = decidingBody(convened, command.data.bodyId);
      assertOpen(item, bodyId);
      const body = knownBody(bodies, bodyId);
      if (body.kind === 'advisory-group' && BINDING_OUTCOMES.includes(outcome)) {
        throw new DomainError(
          'advisory-group-recommends',
          `${bodyId} is an advisory group: it has no decision powers and recommends (outcome ${outcome} is a decision)`,
        );
      }
      if (motionId) knownMotion(item, motionId);
      const votes = Object.values(item.votes).filter((vote) => vote.bodyId === bodyId);
      if (entered && votes.length > 0) {
        throw new DomainError(
          'counts-derived-from-votes',
          `${votes.length} individual votes of ${bodyId} are recorded on item ${itemId}: the totals are derived from them, never entered`,
        );
      }
      if (outcome === 'agreed-without-vote' && (entered || votes.length > 0)) {
        throw new DomainError('agreed-without-vote', `item ${itemId} was put to a vote of ${bodyId}: record carried or defeated`);
      }
      const present = votersPresent(convened, body, item).length;
      const counts = votes.length > 0 ? tally(votes) : entered && { for: entered.for, against: entered.against, abstain: entered.abstain };
      return [
        {
          type: 'DecisionRecorded',
          data: {
            ...rest,
            itemId,
            bodyId,
            outcome,
            ...(motionId ? { motionId } : {}),
            ...(counts ? { counts, countsFrom: votes.length > 0 ? ('votes' as const) : ('entered' as const) } : {}),
            quorum: { required, present, quorate: present >= required },
          },
        },
      ];
    }
    case 'LiftConfidentiality': {
      const { itemId, effective } = command.data;
      const item = agendaItem(convened, itemId);
      if (!item.confidential) throw new DomainError('item-not-confidential', `item ${itemId} was not taken in private`);
      if (item.confidentialityLifted) {
        throw new DomainError('confidentiality-already-lifted', `item ${itemId} has been public since ${item.confidentialityLifted}`, 409);
      }
      assertNotBeforeMeeting(convened, 'effective', effective);
      return [{ type: 'ConfidentialityLifted', data: command.data }];
    }
    case 'ApproveMinutes': {
      const { minutesOfMeetingId, approval } = command.data;
      const earlier = meetings.get(minutesOfMeetingId);
      if (!earlier) throw new UnknownReference('meeting', minutesOfMeetingId);
      if (earlier.date >= convened.date) {
        throw new DomainError(
          'minutes-of-earlier-meeting',
          `meeting ${convened.meetingId} (${convened.date}) can approve only the minutes of an earlier meeting; ${minutesOfMeetingId} met on ${earlier.date}`,
        );
      }
      if (convened.minutesApproved[minutesOfMeetingId]) throw new AlreadyRecorded('approval of the minutes of meeting', minutesOfMeetingId);
      const amendments = [...(command.data.amendments ?? [])];
      if ((approval === 'subject-to-amendments') !== amendments.length > 0) {
        throw new DomainError(
          'minutes-amendments',
          'minutes approved subject to amendments list the amendments; minutes approved as a correct record have none',
        );
      }
      return [{ type: 'MinutesApproved', data: { ...command.data, amendments } }];
    }
    case 'CallIn': {
      const { itemId, effective } = command.data;
      const { bodyId } = decidingBody(convened, command.data.bodyId);
      const decision = recordedDecision(agendaItem(convened, itemId), bodyId);
      if (!BINDING_OUTCOMES.includes(decision.outcome)) {
        throw new DomainError(
          'nothing-to-call-in',
          `the item ${itemId} was ${decision.outcome} by ${bodyId}: there is no decision to call in`,
        );
      }
      if (decision.callIn) {
        throw new DomainError(
          'already-called-in',
          `the decision of ${bodyId} on item ${itemId} was called in on ${decision.callIn.effective}`,
          409,
        );
      }
      assertNotBeforeMeeting(convened, 'effective', effective);
      return [{ type: 'DecisionCalledIn', data: { ...command.data, bodyId } }];
    }
    case 'RecordCallInResult': {
      const { itemId, effective } = command.data;
      const { bodyId } = decidingBody(convened, command.data.bodyId);
      const { callIn } = recordedDecision(agendaItem(convened, itemId), bodyId);
      if (!callIn) throw new UnknownReference('call-in of the decision on item', `${itemId} by ${bodyId}`);
      if (callIn.result) throw new AlreadyRecorded('call-in result for the decision on item', `${itemId} by ${bodyId}`);
      assertCivilDate('effective', effective);
      if (effective < callIn.effective) {
        throw new DomainError('before-call-in', `the result (${effective}) cannot precede the call-in (${callIn.effective})`);
      }
      return [{ type: 'CallInResultRecorded', data: { ...command.data, bodyId } }];
    }
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
}

function convene(data: Extract<MeetingCommand, { type: 'ConveneMeeting' }>['data'], bodies: KnownBodies): MeetingEvent[] {
  assertCivilDate('date', data.date);
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
    const body = knownBody(bodies, bodyId);
    assertExistedOn(body, data.date);
  }
  return [{ type: 'MeetingConvened', data: { ...data, bodies: data.bodies.map(({ bodyId, quorum }) => ({ bodyId, quorum })), inCommon } }];
}

function evolve(state: MeetingDecisionState, event: MeetingEvent): MeetingDecisionState {
  return { ...state, meeting: evolveMeeting(state.meeting, event) };
}

/**
 * Tolerates facts about items or decisions no longer there (a correction withdrew them): the fold
 * keeps what remains rather than failing.
 */
export function evolveMeeting(meeting: MeetingState, event: MeetingEvent): MeetingState {
  if (event.type === 'MeetingConvened') {
    const { meetingId, date, location, inCommon, bodies } = event.data;
    return { recorded: true, meetingId, date, location, inCommon, bodies, present: {}, items: {}, minutesApproved: {} };
  }
  if (!meeting.recorded) return meeting;
  switch (event.type) {
    case 'AgendaItemAdded': {
      const { itemId, title, functions, areas, confidential } = event.data;
      const item: AgendaItem = { itemId, title, functions, areas, confidential, declarations: [], motions: {}, votes: {}, decisions: {} };
      return { ...meeting, items: { ...meeting.items, [itemId]: item } };
    }
    case 'AttendanceRecorded': {
      const present = { ...meeting.present };
      for (const { membershipId, bodyId } of event.data.present) present[membershipId] = bodyId;
      return { ...meeting, present };
    }
    case 'InterestDeclared': {
      const { itemId, membershipId, bodyId, action } = event.data;
      return withItem(meeting, itemId, (item) => ({ ...item, declarations: [...item.declarations, { membershipId, bodyId, action }] }));
    }
    case 'MotionProposed': {
      const { itemId, motionId, mover, seconder } = event.data;
      return withItem(meeting, itemId, (item) => ({ ...item, motions: { ...item.motions, [motionId]: { motionId, mover, seconder } } }));
    }
    case 'VoteCast': {
      const { itemId, membershipId, bodyId, vote, motionId } = event.data;
      return withItem(meeting, itemId, (item) => ({
        ...item,
        votes: { ...item.votes, [membershipId]: { membershipId, bodyId, vote, motionId } },
      }));
    }
    case 'DecisionRecorded': {
      const { itemId, bodyId, outcome, counts, quorum } = event.data;
      return withItem(meeting, itemId, (item) => ({
        ...item,
        decisions: { ...item.decisions, [bodyId]: { bodyId, outcome, counts, quorum } },
      }));
    }
    case 'ConfidentialityLifted': {
      const { itemId, effective } = event.data;
      return withItem(meeting, itemId, (item) => ({ ...item, confidentialityLifted: effective }));
    }
    case 'MinutesApproved':
      return { ...meeting, minutesApproved: { ...meeting.minutesApproved, [event.data.minutesOfMeetingId]: event.data.approval } };
    case 'DecisionCalledIn': {
      const { itemId, bodyId, effective } = event.data;
      return withDecision(meeting, itemId, bodyId, (decision) => ({ ...decision, callIn: { effective } }));
    }
    case 'CallInResultRecorded': {
      const { itemId, bodyId, result, effective } = event.data;
      return withDecision(meeting, itemId, bodyId, (decision) =>
        decision.callIn ? { ...decision, callIn: { ...decision.callIn, result: { result, effective } } } : decision,
      );
    }
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
}

function withItem(meeting: ConvenedMeeting, itemId: string, change: (item: AgendaItem) => AgendaItem): ConvenedMeeting {
  const item = meeting.items[itemId];
  return item ? { ...meeting, items: { ...meeting.items, [itemId]: change(item) } } : meeting;
}

function withDecision(meeting: ConvenedMeeting, itemId: string, bodyId: string, change: (decision: Decision) => Decision): ConvenedMeeting {
  return withItem(meeting, itemId, (item) => {
    const decision = item.decisions[bodyId];
    return decision ? { ...item, decisions: { ...item.decisions, [bodyId]: change(decision) } } : item;
  });
}

export const meetingDecider: Decider<MeetingCommand, MeetingDecisionState, MeetingEvent> = {
  decide,
  evolve,
  initialState: () => ({ meeting: { recorded: false }, bodies: new Map(), meetings: new Map() }),
};

export function recordedMeeting(meeting: MeetingState, meetingId: string): ConvenedMeeting {
  if (!meeting.recorded) throw new UnknownReference('meeting', meetingId);
  return meeting;
}

function agendaItem(meeting: ConvenedMeeting, itemId: string): AgendaItem {
  const item = meeting.items[itemId];
  if (!item) throw new UnknownReference(`agenda item of meeting ${meeting.meetingId}`, itemId);
  return item;
}

function knownMotion(item: AgendaItem, motionId: string): void {
  if (!item.motions[motionId]) throw new UnknownReference(`motion on item ${item.itemId}`, motionId);
}

function recordedDecision(item: AgendaItem, bodyId: string): Decision {
  const decision = item.decisions[bodyId];
  if (!decision) throw new UnknownReference('decision on item', `${item.itemId} by ${bodyId}`);
  return decision;
}

/**
 * The membership, among the meeting's bodies, that a membershipId names on the meeting date: unknown
 * anywhere is 404; known but not current on the date is not a member.
 */
function memberAtMeeting(meeting: ConvenedMeeting, bodies: KnownBodies, membershipId: string): { bodyId: string; membership: Membership } {
  const named = meeting.bodies.flatMap(({ bodyId }) => {
    const membership = knownBody(bodies, bodyId).memberships[membershipId];
    return membership ? [{ bodyId, membership }] : [];
  });
  if (named.length === 0) throw new UnknownReference(`membership of ${meeting.bodies.map((body) => body.bodyId).join(', ')}`, membershipId);
  const current = named.filter(({ membership }) => contains(membership, meeting.date));
  if (current.length === 0) {
    throw new DomainError('not-a-member', `membership ${membershipId} was not current on the meeting date ${meeting.date}`);
  }
  if (current.length > 1) {
    throw new DomainError(
      'membership-ambiguous',
      `membership ${membershipId} names a member of ${current.map(({ bodyId }) => bodyId).join(' and ')}: each membership id must name one member at a meeting in common`,
    );
  }
  return current[0];
}

function assertPresent(meeting: ConvenedMeeting, membershipId: string): void {
  if (!meeting.present[membershipId]) {
    throw new DomainError('not-present', `membership ${membershipId} is not recorded as present at meeting ${meeting.meetingId}`);
  }
}

function assertOpen(item: AgendaItem, bodyId: string): void {
  if (item.decisions[bodyId]) {
    throw new DomainError('item-decided', `item ${item.itemId} is closed: ${bodyId} has already recorded its decision`, 409);
  }
}

/** At a meeting in common each committee decides for itself, so the deciding body must be named. */
function decidingBody(meeting: ConvenedMeeting, bodyId: string | undefined): MeetingBody {
  if (bodyId === undefined) {
    if (meeting.bodies.length === 1) return meeting.bodies[0];
    throw new DomainError(
      'decision-per-committee',
      `meeting ${meeting.meetingId} is of committees in common: name the deciding bodyId (one decision per committee)`,
    );
  }
  const body = meeting.bodies.find((candidate) => candidate.bodyId === bodyId);
  if (!body)
    throw new DomainError(
      'body-not-in-meeting',
      `${bodyId} is not one of the bodies meeting (${meeting.bodies.map((b) => b.bodyId).join(', ')})`,
    );
  return body;
}

function assertNotBeforeMeeting(meeting: ConvenedMeeting, field: string, date: CivilDate): void {
  assertCivilDate(field, date);
  if (date < meeting.date) throw new DomainError('before-meeting', `${field} (${date}) cannot precede the meeting (${meeting.date})`);
}

/** Voting members of the body present and not conflicted on the item: those who count towards its quorum. */
function votersPresent(meeting: ConvenedMeeting, body: EstablishedBody, item: AgendaItem): Membership[] {
  return Object.values(body.memberships).filter(
    (membership) =>
      membership.voting &&
      contains(membership, meeting.date) &&
      meeting.present[membership.membershipId] === body.bodyId &&
      !conflictedOn(item, membership.membershipId),
  );
}

function tally(votes: Vote[]): DecisionCounts {
  const counted = (option: Vote['vote']) => votes.filter((vote) => vote.vote === option).length;
  return {
    for: counted('for'),
    against: counted('against'),
    abstain: counted('abstain'),
    abstainedNoVoteCast: counted('abstained-no-vote-cast'),
  };
}
