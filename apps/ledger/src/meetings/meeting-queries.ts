import { Injectable, NotFoundException } from '@nestjs/common';
import {
  CivilDate,
  ConvenedMeeting,
  DomainEvent,
  LedgerFact,
  Membership,
  MeetingSummary,
  meetingRecordView,
  meetingSummary,
  nameAt,
  registeredBody,
  withProvenance,
} from '@ledger/governance';
import { Actor } from '../access/actor';
import { Clock } from '../clock/clock';
import { ContentDisclosure } from '../disclosure/content-disclosure';
import { MeetingRecords } from '../read-models/meeting-records';
import { LedgerViews } from '../read-models/ledger-views';
import { MeetingCalendar } from '../read-models/meeting-calendar.projection';
import { MeetingsQuery } from './dto/meeting-read.dto';

/**
 * Meetings read back (issue 19): each folded from its own stream by the one meeting fold, as known at
 * the basis (`asKnownAt`), its status judged on `at` (a valid date; today in Europe/London by default).
 * Content leaves through the one disclosure rule, as every other answer's does.
 */
@Injectable()
export class MeetingQueries {
  constructor(
    private readonly views: LedgerViews,
    private readonly calendar: MeetingCalendar,
    private readonly records: MeetingRecords,
    private readonly disclosure: ContentDisclosure,
    private readonly clock: Clock,
  ) {}

  /** The meetings of a body (or of any) dated from <= date < to, upcoming and past, in date and time order. */
  async meetings(query: MeetingsQuery, bodyId?: string) {
    const basis = await this.views.basis(query.asKnownAt);
    const standing = this.views.register(basis);
    const body = bodyId ?? query.body;
    if (body !== undefined && !standing.bodies.bodies.has(body)) throw new NotFoundException(`unknown body: ${body}`);
    const at = query.at ?? this.clock.today();
    // The calendar may offer a meeting since moved out of the dates (it keeps every date recorded); the fold decides.
    const offered = this.calendar.meetingsHeld({ bodyId: body }, basis.position).map(({ meetingId }) => meetingId);
    const register = await this.records.withMeetings(standing, offered, basis);
    const inRange = (meeting: ConvenedMeeting) =>
      (query.from === undefined || meeting.date >= query.from) &&
      (query.to === undefined || meeting.date < query.to) &&
      (body === undefined || meeting.bodies.some((met) => met.bodyId === body));
    const meetings: MeetingSummary[] = offered
      .flatMap((meetingId) => register.meetings.get(meetingId) ?? [])
      .filter(inRange)
      .sort(inDateOrder)
      .map((meeting) => meetingSummary(register, meeting, at));
    return { filter: { body, from: query.from, to: query.to }, at, asKnownAt: basis, meetings };
  }

  /** Bodies' names on a date, as known now: what a finding's body ids are put in words with. */
  async bodyNamesOn(date: CivilDate): Promise<(bodyId: string) => string | undefined> {
    const register = this.views.register(await this.views.basis());
    return (bodyId) => nameAt(register.bodies, bodyId, date);
  }

  /** The memberships of a body on a date (from <= date < to), as known now: who may sit at its meeting that day. */
  async membersOn(bodyId: string, date: CivilDate): Promise<Membership[]> {
    const register = this.views.register(await this.views.basis());
    const memberships = Object.values(registeredBody(register.bodies, bodyId)?.memberships ?? {});
    return memberships.filter(({ from, to }) => from <= date && (to === null || date < to));
  }

  /**
   * One meeting whole: 404 when no meeting of that id is known at the basis. `unrecorded` events (a workspace
   * preview's: decided, not written) are folded in after what is recorded, so their verdict is the one a record would get.
   */
  async meeting(meetingId: string, actor: Actor | undefined, at?: CivilDate, asKnownAt?: string, unrecorded?: UnrecordedEvents) {
    const basis = await this.views.basis(asKnownAt);
    const facts = unrecorded ? factsOf(unrecorded, basis.position, this.clock.now().toISOString()) : [];
    let register = await this.records.withMeetings(this.views.register(basis), [meetingId], basis, facts);
    const minuted = [...(register.meetings.get(meetingId)?.minutesApproved.keys() ?? [])];
    // With the meetings whose minutes it approved: their items' titles say what an amendment is about.
    if (minuted.length > 0) register = await this.records.withMeetings(this.views.register(basis), [meetingId, ...minuted], basis, facts);
    const meeting = register.meetings.get(meetingId);
    if (!meeting) throw new NotFoundException(`unknown meeting: ${meetingId}`);
    const reader = await this.disclosure.readerFor(actor, [meetingId, ...meeting.minutesApproved.keys()]);
    const view = meetingRecordView(register, meeting, this.views.authority(basis).judge(), reader, at ?? this.clock.today());
    const cited = withProvenance(view, register.meetingSources, this.views.sources(basis));
    return { ...this.disclosure.discloseWith(cited, reader), asKnownAt: basis };
  }
}

/** Decided events not written, with the ids and positions they would take after the basis. */
export interface UnrecordedEvents {
  stream: string;
  events: readonly DomainEvent[];
}

function factsOf({ stream, events }: UnrecordedEvents, position: number, recordedAt: string): LedgerFact[] {
  return events.map((event, index) => ({ ...event, id: `unrecorded-${index}`, stream, position: position + 1 + index, recordedAt }));
}

function inDateOrder(a: ConvenedMeeting, b: ConvenedMeeting): number {
  const key = (meeting: ConvenedMeeting) => `${meeting.date} ${meeting.time ?? '99:99'} ${meeting.meetingId}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}
