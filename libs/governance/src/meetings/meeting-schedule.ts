import { knownBody } from '../bodies/body.decider';
import { assertExistedOn, KnownBodies } from '../bodies/body.state';
import { assertCivilDate, CivilDate } from '../shared/civil-date';
import { DomainError } from '../shared/domain-error';
import { MeetingCommand } from './meeting.commands';
import { MeetingEvent } from './meeting.events';
import { ConvenedMeeting } from './meeting.state';

/**
 * A meeting's life before it is held (issue 19): convened for a date that may be still to come, moved or
 * cancelled until it is held, and nothing that happens at a meeting recorded before its date.
 */

/** `HH:MM`, 24-hour. */
export const MEETING_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function assertMeetingTime(time: string | undefined): void {
  if (time !== undefined && !MEETING_TIME.test(time)) throw new DomainError('meeting-time', `time must be HH:MM (24-hour), got ${time}`);
}

/** What only a meeting that has taken place can have: recorded on or after its date, never before. */
export const HAPPENS_AT_MEETING: readonly MeetingCommand['type'][] = [
  'RecordAttendance',
  'RecordArrival',
  'RecordDeparture',
  'DeclareInterest',
  'ProposeMotion',
  'CastVote',
  'RecordDecision',
  'ApproveMinutes',
  'CallIn',
  'RecordCallInResult',
];

/** Whether anything that happens at a meeting is recorded for it (attendance, declarations, motions, votes, decisions, minutes). */
export function somethingHappenedAt(meeting: ConvenedMeeting): boolean {
  if (meeting.present.size > 0 || meeting.apologies.size > 0 || meeting.arrivals.size > 0 || meeting.minutesApproved.size > 0) return true;
  return [...meeting.items.values()].some(
    (item) => item.declarations.length > 0 || item.motions.size > 0 || item.votes.size > 0 || item.decisions.size > 0,
  );
}

/**
 * Held: its date has passed (Europe/London), or something that happens at a meeting is recorded for it.
 * A meeting of today with nothing recorded may still be moved or cancelled.
 */
export function hasBeenHeld(meeting: ConvenedMeeting, today: CivilDate | undefined): boolean {
  return (today !== undefined && meeting.date < today) || somethingHappenedAt(meeting);
}

export const MEETING_STATUSES = ['scheduled', 'rescheduled', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** Cancelled, held, or still to come (rescheduled once it has been moved). */
export function meetingStatus(meeting: ConvenedMeeting, today: CivilDate): MeetingStatus {
  if (meeting.cancelled) return 'cancelled';
  if (hasBeenHeld(meeting, today)) return 'held';
  return meeting.reschedulings.length > 0 ? 'rescheduled' : 'scheduled';
}

/** A cancelled meeting takes no further fact; what happens at a meeting waits for its date. */
export function assertMeetingTakes(type: MeetingCommand['type'], meeting: ConvenedMeeting, today: CivilDate | undefined): void {
  if (meeting.cancelled) {
    throw new DomainError('meeting-cancelled', `meeting ${meeting.meetingId} was cancelled (${meeting.cancelled.reason})`, 409);
  }
  if (today !== undefined && HAPPENS_AT_MEETING.includes(type) && meeting.date > today) {
    throw new DomainError(
      'meeting-not-yet-held',
      `meeting ${meeting.meetingId} is on ${meeting.date}: nothing that happens at it can be recorded before then (today is ${today} in Europe/London)`,
    );
  }
}

function assertNotYetHeld(meeting: ConvenedMeeting, today: CivilDate | undefined, what: string): void {
  if (hasBeenHeld(meeting, today)) {
    throw new DomainError(
      'meeting-already-held',
      `meeting ${meeting.meetingId} (${meeting.date}) has been held: it can no longer be ${what}; correct its facts instead`,
      409,
    );
  }
}

type Command<Type extends MeetingCommand['type']> = Extract<MeetingCommand, { type: Type }>['data'];

export function rescheduleMeeting(
  data: Command<'RescheduleMeeting'>,
  meeting: ConvenedMeeting,
  bodies: KnownBodies,
  today: CivilDate | undefined,
): MeetingEvent[] {
  assertNotYetHeld(meeting, today, 'rescheduled');
  assertCivilDate('date', data.date);
  assertMeetingTime(data.time);
  if (data.date === meeting.date && data.time === meeting.time) {
    throw new DomainError(
      'reschedule-unchanged',
      `meeting ${meeting.meetingId} is already on ${data.date}${data.time ? ` at ${data.time}` : ''}`,
    );
  }
  for (const { bodyId } of meeting.bodies) assertExistedOn(knownBody(bodies, bodyId), data.date);
  return [{ type: 'MeetingRescheduled', data }];
}

export function cancelMeeting(data: Command<'CancelMeeting'>, meeting: ConvenedMeeting, today: CivilDate | undefined): MeetingEvent[] {
  assertNotYetHeld(meeting, today, 'cancelled');
  return [{ type: 'MeetingCancelled', data }];
}
