import { KnownBodies } from '../bodies/body.state';
import { DomainError } from '../shared/domain-error';
import { MeetingCommand } from './meeting.commands';
import { Attendee, MeetingEvent } from './meeting.events';
import { agendaItem, memberAtMeeting } from './meeting-lookups';
import { ConvenedMeeting } from './meeting.state';

/**
 * Attendance as it happens (issue 19): who was present, who sent apologies, who substituted for whom,
 * who else attended, and who arrived late or left early. Presence is judged per item: quorum and the
 * right to vote on an item count only the members present at that item.
 */

type Command<Type extends MeetingCommand['type']> = Extract<MeetingCommand, { type: Type }>['data'];

/** How a recorded attendance is changed: a later record only adds; what it said is corrected. */
const HOW_TO_CHANGE = 'a later attendance record only adds: correct the earlier record (POST /corrections) to change it';

/**
 * The body a member sat for at the item, or undefined when not present at it: recorded present (or
 * arrived before it or an earlier item), and not gone after an earlier item. Items are in agenda order.
 */
export function presentAtItem(meeting: ConvenedMeeting, membershipId: string, itemId: string): string | undefined {
  const bodyId = meeting.present.get(membershipId)?.bodyId ?? meeting.arrivals.get(membershipId)?.bodyId;
  if (bodyId === undefined) return undefined;
  const order = [...meeting.items.keys()];
  const at = order.indexOf(itemId);
  const arrival = meeting.arrivals.get(membershipId);
  if (arrival && at < order.indexOf(arrival.beforeItem)) return undefined;
  const departure = meeting.departures.get(membershipId);
  if (departure && at > order.indexOf(departure.afterItem)) return undefined;
  return bodyId;
}

export function assertPresentAt(meeting: ConvenedMeeting, membershipId: string, itemId: string): void {
  if (presentAtItem(meeting, membershipId, itemId) === undefined) {
    throw new DomainError(
      'not-present',
      `membership ${membershipId} is not recorded as present at item ${itemId} of meeting ${meeting.meetingId}`,
    );
  }
}

/** The member a substitute sat for, when it did. */
export function substitutedBy(meeting: ConvenedMeeting, membershipId: string): string | undefined {
  return meeting.present.get(membershipId)?.substituteFor;
}

function attendee(meeting: ConvenedMeeting, bodies: KnownBodies, membershipId: string): Attendee {
  return { membershipId, bodyId: memberAtMeeting(meeting, bodies, membershipId).bodyId };
}

function contradicts(membershipId: string, was: string, now: string): DomainError {
  return new DomainError('attendance-contradicts', `membership ${membershipId} is recorded as ${was}, not ${now}: ${HOW_TO_CHANGE}`, 409);
}

/** Adds to the attendance recorded so far; a member present and absent at once is refused. */
export function recordAttendance(data: Command<'RecordAttendance'>, meeting: ConvenedMeeting, bodies: KnownBodies): MeetingEvent[] {
  const { apologies = [], substitutes = [], inAttendance = [] } = data;
  if (data.present.length + apologies.length + substitutes.length + inAttendance.length === 0) {
    throw new DomainError(
      'attendance-empty',
      'attendance names at least one member present, with apologies or substituting, or someone in attendance',
    );
  }
  const present = [...new Set(data.present)].map((id) => attendee(meeting, bodies, id));
  const sent = [...new Set(apologies)].map((id) => attendee(meeting, bodies, id));
  const sitting = substitutes.map(({ membershipId, substituteFor }) => {
    const substitute = attendee(meeting, bodies, membershipId);
    if (attendee(meeting, bodies, substituteFor).bodyId !== substitute.bodyId || membershipId === substituteFor) {
      throw new DomainError(
        'substitute-of-another-body',
        `membership ${membershipId} can substitute only for another member of its own body`,
      );
    }
    return { ...substitute, substituteFor };
  });
  const presentNow = new Set([...meeting.present.keys(), ...present.map((a) => a.membershipId), ...sitting.map((a) => a.membershipId)]);
  const absentNow = new Set([...meeting.apologies.keys(), ...sent.map((a) => a.membershipId), ...sitting.map((a) => a.substituteFor)]);
  for (const membershipId of presentNow) if (absentNow.has(membershipId)) throw contradicts(membershipId, 'present', 'absent');
  for (const { membershipId, substituteFor } of sitting) {
    const earlier = meeting.present.get(membershipId)?.substituteFor;
    if (earlier !== undefined && earlier !== substituteFor)
      throw contradicts(membershipId, `substituting for ${earlier}`, `for ${substituteFor}`);
  }
  const given = {
    ...(sent.length > 0 ? { apologies: sent } : {}),
    ...(sitting.length > 0 ? { substitutes: sitting } : {}),
    ...(inAttendance.length > 0 ? { inAttendance: inAttendance.map(({ name, role }) => ({ name, role })) } : {}),
  };
  const { apologies: _a, substitutes: _s, inAttendance: _i, ...rest } = data;
  return [{ type: 'AttendanceRecorded', data: { ...rest, present, ...given } }];
}

export function recordArrival(data: Command<'RecordArrival'>, meeting: ConvenedMeeting, bodies: KnownBodies): MeetingEvent[] {
  const { membershipId, beforeItem } = data;
  const { bodyId } = attendee(meeting, bodies, membershipId);
  agendaItem(meeting, beforeItem);
  if (meeting.apologies.has(membershipId)) throw contradicts(membershipId, 'absent (apologies)', 'arriving');
  if (meeting.arrivals.has(membershipId)) {
    throw new DomainError(
      'already-arrived',
      `the arrival of ${membershipId} is recorded (before ${meeting.arrivals.get(membershipId)?.beforeItem}): correct it to change it`,
      409,
    );
  }
  return [{ type: 'MemberArrived', data: { ...data, bodyId } }];
}

export function recordDeparture(data: Command<'RecordDeparture'>, meeting: ConvenedMeeting, bodies: KnownBodies): MeetingEvent[] {
  const { membershipId, afterItem } = data;
  const { bodyId } = attendee(meeting, bodies, membershipId);
  agendaItem(meeting, afterItem);
  if (meeting.departures.has(membershipId)) {
    throw new DomainError(
      'already-departed',
      `the departure of ${membershipId} is recorded (after ${meeting.departures.get(membershipId)?.afterItem}): correct it to change it`,
      409,
    );
  }
  assertPresentAt(meeting, membershipId, afterItem);
  return [{ type: 'MemberDeparted', data: { ...data, bodyId } }];
}
