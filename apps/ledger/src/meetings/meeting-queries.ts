import { Injectable, NotFoundException } from '@nestjs/common';
import {
  CivilDate,
  ConvenedMeeting,
  DomainEvent,
  LedgerFact,
  meetingStream,
  MeetingSummary,
  meetingRecordView,
  meetingSummary,
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

  /** One meeting whole: 404 when no meeting of that id is known at the basis. */
  async meeting(meetingId: string, actor: Actor | undefined, at?: CivilDate, asKnownAt?: string, unrecorded: readonly DomainEvent[] = []) {
    const basis = await this.views.basis(asKnownAt);
    const register = await this.records.withMeetings(
      this.views.register(basis),
      [meetingId],
      basis,
      unrecordedFacts(meetingId, unrecorded, basis.position, this.clock.now().toISOString()),
    );
    const meeting = register.meetings.get(meetingId);
    if (!meeting) throw new NotFoundException(`unknown meeting: ${meetingId}`);
    const reader = await this.disclosure.readerFor(actor, [meetingId, ...meeting.minutesApproved.keys()]);
    const view = meetingRecordView(register, meeting, this.views.authority(basis).judge(), reader, at ?? this.clock.today());
    const cited = withProvenance(view, register.meetingSources, this.views.sources(basis));
    return { ...this.disclosure.discloseWith(cited, reader), asKnownAt: basis };
  }
}

/**
 * Events a preview answered (nothing written), as facts of the meeting's stream placed after the basis, so the meeting
 * reads as it would if they were recorded now. Their ids say they were never recorded.
 */
function unrecordedFacts(meetingId: string, events: readonly DomainEvent[], after: number, now: string): LedgerFact[] {
  return events.map((event, index) => ({
    id: `unrecorded-${index}`,
    stream: meetingStream(meetingId),
    type: event.type,
    data: event.data,
    position: after + 1 + index,
    recordedAt: now,
  }));
}

function inDateOrder(a: ConvenedMeeting, b: ConvenedMeeting): number {
  const key = (meeting: ConvenedMeeting) => `${meeting.date} ${meeting.time ?? '99:99'} ${meeting.meetingId}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}
