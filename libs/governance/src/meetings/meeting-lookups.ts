import { knownBody } from '../bodies/body.decider';
import { KnownBodies, Membership } from '../bodies/body.state';
import { assertCivilDate, CivilDate } from '../shared/civil-date';
import { DomainError, UnknownReference } from '../shared/domain-error';
import { contains } from '../shared/interval';
import { MeetingBody } from './meeting.events';
import { AgendaItem, ConvenedMeeting, Decision, MeetingState } from './meeting.state';

/** The guards every meeting command shares: what it names must be recorded, and open to the fact. */

export function recordedMeeting(meeting: MeetingState, meetingId: string): ConvenedMeeting {
  if (!meeting.recorded) throw new UnknownReference('meeting', meetingId);
  return meeting;
}

export function agendaItem(meeting: ConvenedMeeting, itemId: string): AgendaItem {
  const item = meeting.items.get(itemId);
  if (!item) throw new UnknownReference(`agenda item of meeting ${meeting.meetingId}`, itemId);
  return item;
}

export function knownMotion(item: AgendaItem, motionId: string): void {
  if (!item.motions.has(motionId)) throw new UnknownReference(`motion on item ${item.itemId}`, motionId);
}

export function recordedDecision(item: AgendaItem, bodyId: string): Decision {
  const decision = item.decisions.get(bodyId);
  if (!decision) throw new UnknownReference('decision on item', `${item.itemId} by ${bodyId}`);
  return decision;
}

/**
 * The membership, among the meeting's bodies, that a membershipId names on the meeting date: unknown
 * anywhere is 404; known but not current on the date is not a member.
 */
export function memberAtMeeting(
  meeting: ConvenedMeeting,
  bodies: KnownBodies,
  membershipId: string,
): { bodyId: string; membership: Membership } {
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

export function assertPresent(meeting: ConvenedMeeting, membershipId: string): void {
  if (!meeting.present.has(membershipId)) {
    throw new DomainError('not-present', `membership ${membershipId} is not recorded as present at meeting ${meeting.meetingId}`);
  }
}

export function assertOpen(item: AgendaItem, bodyId: string): void {
  if (item.decisions.has(bodyId)) {
    throw new DomainError('item-decided', `item ${item.itemId} is closed: ${bodyId} has already recorded its decision`, 409);
  }
}

/** At a meeting in common each committee decides for itself, so the deciding body must be named. */
export function decidingBody(meeting: ConvenedMeeting, bodyId: string | undefined): MeetingBody {
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

export function assertNotBeforeMeeting(meeting: ConvenedMeeting, field: string, date: CivilDate): void {
  assertCivilDate(field, date);
  if (date < meeting.date) throw new DomainError('before-meeting', `${field} (${date}) cannot precede the meeting (${meeting.date})`);
}
