import { Injectable } from '@nestjs/common';
import { Actor } from '../../access/actor';
import { MeetingQueries, UnrecordedEvents } from '../../meetings/meeting-queries';
import { orNotFound } from '../workspace-pages-support';

/** The meeting as the workspace shows it: GET /meetings/:id's answer, for the signed-in officer. */
export type MeetingAtDesk = Awaited<ReturnType<MeetingQueries['meeting']>>;
export type ItemAtDesk = MeetingAtDesk['items'][number];

/** The names a verdict's findings are put in words with (findingInWords). */
export interface FindingNames {
  body: (id: string) => string | undefined;
  member: (id: string) => string | undefined;
}

/** A member who may sit at the meeting: a membership of one of its bodies on its date. */
export interface Seat {
  membershipId: string;
  bodyId: string;
  name: string;
  role: string;
  voting: boolean;
}

/**
 * What the pages of a meeting in progress read: the meeting (disclosed for the officer, with any previewed
 * events folded in), the seats of its bodies on its date, and who is in the room for an item.
 */
@Injectable()
export class MeetingDesk {
  constructor(private readonly meetings: MeetingQueries) {}

  /** The meeting, or undefined when none of that id is recorded (the page answers 404). */
  async meeting(meetingId: string, actor: Actor, unrecorded?: UnrecordedEvents): Promise<MeetingAtDesk | undefined> {
    return orNotFound(this.meetings.meeting(meetingId, actor, undefined, undefined, unrecorded));
  }

  /** Who a finding names, for putting it in words: the meeting's bodies and members by their names on its date. */
  async names(meeting: MeetingAtDesk, seats: readonly Seat[]): Promise<FindingNames> {
    const members = new Map(seats.map(({ membershipId, name }) => [membershipId, name]));
    return { body: await this.meetings.bodyNamesOn(meeting.date), member: (id) => members.get(id) };
  }

  async seats(meeting: MeetingAtDesk): Promise<Seat[]> {
    const seats = await Promise.all(
      meeting.bodies.map(async ({ bodyId }) =>
        (await this.meetings.membersOn(bodyId, meeting.date)).map(({ membershipId, member, role, voting }) => ({
          membershipId,
          bodyId,
          name: member.person ?? member.seat ?? membershipId,
          role,
          voting,
        })),
      ),
    );
    return seats.flat();
  }
}

/**
 * Who is in the room for an item: present (or substituting) at the start and not yet left, or arrived before it
 * or an earlier item. The deciders judge the same facts; this only chooses what the form offers.
 */
export function inTheRoom(meeting: MeetingAtDesk, itemId: string, seats: readonly Seat[]): Seat[] {
  const order = new Map(meeting.items.map((item, index) => [item.id, index]));
  const at = order.get(itemId) ?? 0;
  const arrived = new Map(meeting.attendance.arrivals.map(({ membershipId, beforeItem }) => [membershipId, order.get(beforeItem) ?? 0]));
  const left = new Map(meeting.attendance.departures.map(({ membershipId, afterItem }) => [membershipId, order.get(afterItem) ?? 0]));
  const present = new Set(meeting.attendance.present.map(({ membershipId }) => membershipId));
  return seats.filter(({ membershipId }) => {
    const came = present.has(membershipId) ? (arrived.get(membershipId) ?? 0) : arrived.get(membershipId);
    const went = left.get(membershipId);
    return came !== undefined && came <= at && (went === undefined || at <= went);
  });
}
