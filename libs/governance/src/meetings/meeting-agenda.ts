import { assertHolidaysKnown, clearWorkingDays } from '../shared/bank-holidays';
import { assertCivilDate, CivilDate } from '../shared/civil-date';
import { AlreadyRecorded, DomainError } from '../shared/domain-error';
import { MeetingCommand } from './meeting.commands';
import { MeetingEvent } from './meeting.events';
import { agendaItem } from './meeting-lookups';
import { ConvenedMeeting } from './meeting.state';

/**
 * The agenda open to the public (Local Government Act 1972 s100B): published at least 5 clear working
 * days before the meeting (weekends and England and Wales bank holidays excluded, neither end counted);
 * an item added later than that, once the agenda is out, only with a recorded reason of urgency (s100B(4)(b)).
 */
export const AGENDA_CLEAR_DAYS = 5;

type Command<Type extends MeetingCommand['type']> = Extract<MeetingCommand, { type: Type }>['data'];

/** Clear working days from `on` to the meeting as it is now dated, and whether that is late. */
export function agendaNotice(meeting: ConvenedMeeting, on: CivilDate): { clearDays: number; late: boolean } {
  const clearDays = clearWorkingDays(on, meeting.date);
  return { clearDays, late: clearDays < AGENDA_CLEAR_DAYS };
}

/**
 * A key decision is on the forward plan at least 28 clear days before it is taken (SI 2012/2089 reg 9).
 * The regulations do not exclude weekends or holidays from these clear days (s100B's 5 do, by s100K):
 * calendar days, neither end counted.
 */
export const FORWARD_PLAN_CLEAR_DAYS = 28;

export function forwardPlanNotice(meeting: ConvenedMeeting, on: CivilDate): { clearDays: number; late: boolean } {
  const days = (date: CivilDate) =>
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
  const clearDays = Math.max(0, days(meeting.date) - days(on) - 1);
  return { clearDays, late: clearDays < FORWARD_PLAN_CLEAR_DAYS };
}

function assertPublishedInTime(meeting: ConvenedMeeting, publishedOn: CivilDate, today: CivilDate | undefined): void {
  assertCivilDate('publishedOn', publishedOn);
  if (publishedOn > meeting.date) {
    throw new DomainError('published-after-meeting', `published on ${publishedOn}, after the meeting (${meeting.date})`);
  }
  if (today !== undefined && publishedOn > today) {
    throw new DomainError('publication-in-future', `publishedOn ${publishedOn} is still to come (today is ${today} in Europe/London)`);
  }
}

export function recordForwardPlanEntry(
  data: Command<'RecordForwardPlanEntry'>,
  meeting: ConvenedMeeting,
  today: CivilDate | undefined,
): MeetingEvent[] {
  const item = agendaItem(meeting, data.itemId);
  if (item.forwardPlan) throw new AlreadyRecorded(`forward plan entry of item ${item.itemId} published on`, item.forwardPlan.publishedOn);
  assertPublishedInTime(meeting, data.publishedOn, today);
  return [{ type: 'ForwardPlanEntryRecorded', data: { ...data, ...forwardPlanNotice(meeting, data.publishedOn) } }];
}

export function publishAgenda(data: Command<'PublishAgenda'>, meeting: ConvenedMeeting, today: CivilDate | undefined): MeetingEvent[] {
  const { publishedOn } = data;
  assertCivilDate('publishedOn', publishedOn);
  if (meeting.agendaPublished)
    throw new AlreadyRecorded(`agenda publication of meeting ${meeting.meetingId} on`, meeting.agendaPublished.publishedOn);
  assertPublishedInTime(meeting, publishedOn, today);
  assertHolidaysKnown('publishedOn', publishedOn, meeting.date);
  return [{ type: 'AgendaPublished', data: { ...data, ...agendaNotice(meeting, publishedOn) } }];
}

/** Once the agenda is out, an item added with fewer than 5 clear days left says why it could not wait. */
export function assertLateItemReasoned(data: Command<'AddAgendaItem'>, meeting: ConvenedMeeting, today: CivilDate | undefined): void {
  if (!meeting.agendaPublished || today === undefined || data.lateReason !== undefined) return;
  assertHolidaysKnown('date', today, meeting.date);
  const { clearDays, late } = agendaNotice(meeting, today);
  if (late) {
    throw new DomainError(
      'late-item-without-reason',
      `the agenda of meeting ${meeting.meetingId} is published and ${clearDays} clear working day(s) remain before ${meeting.date}: an item added now needs lateReason (why it cannot wait)`,
    );
  }
}
