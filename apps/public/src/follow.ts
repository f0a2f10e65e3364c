import { AREAS, PLACES, PublicBody, PublicDecision, PublicMeeting, PublicMeetingDecision, escape } from '@ledger/public-contract';
import { bodyName } from './pages/body-name';
import { fieldInWords, valueInWords } from './pages/corrections';
import { areaName, dayInWords } from './pages/layout';
import { PublicDatabase } from './public-database';

/**
 * Following the ledger: Atom feeds (RFC 4287) of new decisions and of corrections, and iCalendar files
 * (RFC 5545) of meetings, made from the public rows only (so they hold no more than the pages do).
 * Links are absolute (`base` is the site's address), so they work from a feed reader or a calendar.
 */

/** How many entries a feed keeps: the newest, as feed readers poll. */
const FEED_ENTRIES = 100;

export const FEED_TYPE = 'application/atom+xml; charset=utf-8';
export const CALENDAR_TYPE = 'text/calendar; charset=utf-8';

/** What a feed or calendar covers: everything, a body with its committees, or a place. */
export interface Scope {
  title: string;
  /** The site's page for what is followed (relative). */
  page: string;
  /** The feed's own address (relative). */
  self: string;
  includes: (decision: PublicDecision) => boolean;
  /** The meetings it follows (a place has none: a meeting has no area, its items do). */
  includesMeeting: (meeting: PublicMeeting) => boolean;
}

export const everything = (): Scope => ({
  title: 'All decisions and meetings',
  page: '/',
  self: '/feed.atom',
  includes: () => true,
  includesMeeting: () => true,
});

/** A body and its committees, at any depth. */
export function bodyScope(db: PublicDatabase, body: PublicBody, self: string): Scope {
  const ids = new Set<string>();
  const add = (id: string) => {
    if (ids.has(id)) return;
    ids.add(id);
    for (const committee of db.body(id)?.committees ?? []) add(committee.id);
  };
  add(body.id);
  return {
    title: `${bodyName(body, body.id)} and its committees`,
    page: `/bodies/${encodeURIComponent(body.id)}`,
    self,
    includes: (d) => ids.has(d.kind === 'meeting' ? d.decidingBody.id : d.onBehalfOf.id),
    includesMeeting: (m) => m.bodyIds.some((id) => ids.has(id)),
  };
}

/** The areas a place or area names; undefined when it is neither. */
export function placeScope(place: string): Scope | undefined {
  const areas: readonly string[] | undefined = Object.hasOwn(PLACES, place)
    ? PLACES[place as keyof typeof PLACES]
    : (AREAS as readonly string[]).includes(place)
      ? [place]
      : undefined;
  if (!areas) return undefined;
  return {
    title: `Decisions for ${areaName(place)}`,
    page: `/authority?area=${encodeURIComponent(place)}`,
    self: `/places/${encodeURIComponent(place)}/feed.atom`,
    includes: (d) => (d.kind === 'meeting' ? d.item.areas : d.areas).some((area) => areas.includes(area)),
    includesMeeting: () => false,
  };
}

/** A decision's address on the site: each segment of its id encoded. */
export const decisionPath = (decisionId: string) => `/decisions/${decisionId.split('/').map(encodeURIComponent).join('/')}`;
export const meetingPath = (meetingId: string) => `/meetings/${encodeURIComponent(meetingId)}`;

/** A civil date as an instant, where the ledger's row carries no recorded time (rows written before it did). */
const midnight = (date: string) => `${date}T00:00:00.000Z`;

interface Entry {
  id: string;
  title: string;
  updated: string;
  link: string;
  summary: string;
}

const OUTCOMES: Record<string, string> = {
  carried: 'carried',
  defeated: 'defeated',
  'agreed-without-vote': 'agreed without a vote',
  'referred-back': 'referred back',
  deferred: 'deferred',
  noted: 'noted',
};

/** What a decision's entry says: only the fields its public page shows (a redacted item's public summary, never its text). */
function decisionSummary(d: PublicMeetingDecision): string {
  const body = d.decidingBody.name ?? d.decidingBody.id;
  const what = d.item.redacted
    ? `Confidential item (Part 2, paragraph ${d.item.part2?.paragraph}). Public summary: ${d.item.part2?.publicSummary}`
    : (d.resolution ?? d.item.part2?.publicSummary ?? '');
  return `${body}, ${dayInWords(d.date)}: ${OUTCOMES[d.outcome] ?? d.outcome}. ${what}`.trim();
}

/** The entries of one decision: its recording, and each correction of the facts it rests on. */
function entriesOf(d: PublicDecision, base: string): Entry[] {
  const link = `${base}${decisionPath(d.decisionId)}`;
  if (d.kind === 'officer') {
    return [
      {
        id: link,
        title: `Officer decision: ${d.decision.slice(0, 120)}`,
        updated: midnight(d.date),
        link,
        summary: `${d.officer.name}, ${d.officer.post}, on behalf of ${d.onBehalfOf.name ?? d.onBehalfOf.id}, ${dayInWords(d.date)}: ${d.decision}`,
      },
    ];
  }
  const recorded: Entry = {
    id: link,
    title: `${d.item.title} — ${d.decidingBody.name ?? d.decidingBody.id}`,
    updated: d.recordedAt ?? midnight(d.date),
    link,
    summary: decisionSummary(d),
  };
  const corrections = (d.corrections ?? []).map((c): Entry => ({
    // The page's anchor for the correction: one entry per correction and decision, whatever else changes.
    id: `${link}#correction-${encodeURIComponent(c.eventId)}`,
    title: `${c.withdrawn ? 'Withdrawn' : 'Corrected'} on ${dayInWords(c.on)}: ${d.item.title}`,
    updated: c.recordedAt ?? midnight(c.on),
    link: `${link}#correction-${encodeURIComponent(c.eventId)}`,
    summary: correctionInWords(c),
  }));
  return [recorded, ...corrections];
}

/** A correction as the page says it: “Corrected on 3 December 2026: <reason>”, then the fields changed. */
export function correctionInWords(c: NonNullable<PublicMeetingDecision['corrections']>[number]): string {
  const head = `${c.withdrawn ? 'Withdrawn' : 'Corrected'} on ${dayInWords(c.on)}${c.reason !== undefined ? `: ${c.reason}` : ' (the reason is confidential)'}.`;
  const changes = (c.changes ?? []).map(
    ({ field, before, after }) =>
      ` ${fieldInWords(field)}: ${before !== undefined ? `was “${valueInWords(field, before)}”, now` : 'now'} “${valueInWords(field, after)}”.`,
  );
  return head + changes.join('');
}

/** Where a meeting is read on the site: every meeting, scheduled, held or cancelled, has its page. */
const meetingLink = (meeting: PublicMeeting): string => meetingPath(meeting.meetingId);

const meetingNames = (db: PublicDatabase, meeting: PublicMeeting) => meeting.bodyIds.map((id) => bodyName(db.body(id), id)).join(', ');

const when = (meeting: PublicMeeting) => `${dayInWords(meeting.date)}${meeting.time ? ` at ${meeting.time}` : ''}`;

/** A meeting's entries: scheduled, its agenda published, cancelled. */
function meetingEntries(db: PublicDatabase, meeting: PublicMeeting, base: string): Entry[] {
  const id = `${base}${meetingPath(meeting.meetingId)}`;
  const link = `${base}${meetingLink(meeting)}`;
  const names = meetingNames(db, meeting);
  const place = meeting.location ? `, at ${meeting.location}` : '';
  const entries: Entry[] = [
    {
      id: `${id}#scheduled`,
      title: `Meeting scheduled: ${names}, ${when(meeting)}`,
      updated: meeting.scheduledRecordedAt ?? midnight(meeting.date),
      link,
      summary: `${names} meet${meeting.inCommon ? ' in common' : ''} on ${when(meeting)}${place}.${meeting.cancelled ? ' The meeting was later cancelled.' : ''}`,
    },
  ];
  if (meeting.agendaPublishedOn)
    entries.push({
      id: `${id}#agenda`,
      title: `Agenda published: ${names}, ${when(meeting)}`,
      updated: meeting.agendaRecordedAt ?? midnight(meeting.agendaPublishedOn),
      link,
      summary: `The agenda of the meeting of ${names} on ${when(meeting)} was published on ${dayInWords(meeting.agendaPublishedOn)}.`,
    });
  for (const withdrawn of meeting.withdrawnDecisions) {
    const link = `${base}${decisionPath(withdrawn.decisionId)}`;
    entries.push({
      id: `${link}#withdrawn-${withdrawn.recordedAt}`,
      title: `Decision withdrawn on ${dayInWords(withdrawn.on)}: ${withdrawn.title ?? 'an item withdrawn'}`,
      updated: withdrawn.recordedAt,
      link,
      summary: `Withdrawn on ${dayInWords(withdrawn.on)}${withdrawn.reason !== undefined ? `: ${withdrawn.reason}` : ' (the reason is confidential)'}.`,
    });
  }
  if (meeting.cancelled)
    entries.push({
      id: `${id}#cancelled`,
      title: `Meeting cancelled: ${names}, ${when(meeting)}`,
      updated: meeting.changedRecordedAt ?? meeting.scheduledRecordedAt ?? midnight(meeting.date),
      link,
      summary: `The meeting of ${names} on ${when(meeting)} was cancelled.`,
    });
  return entries;
}

/** An Atom feed of the newest decisions, corrections, meetings scheduled and agendas published in `scope`. */
export function atomFeed(db: PublicDatabase, scope: Scope, base: string): string {
  const entries: Entry[] = [];
  for (const decision of db.allDecisions()) if (scope.includes(decision)) entries.push(...entriesOf(decision, base));
  for (const meeting of db.meetings()) if (scope.includesMeeting(meeting)) entries.push(...meetingEntries(db, meeting, base));
  entries.sort((a, b) => b.updated.localeCompare(a.updated) || a.id.localeCompare(b.id));
  const kept = entries.slice(0, FEED_ENTRIES);
  // With no entry, the feed changed last when the projection was built from the newest fact.
  const updated = kept[0]?.updated ?? db.builtAt().recordedAt ?? new Date(0).toISOString();
  const x = escape;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">',
    `<id>${x(`${base}${scope.self}`)}</id>`,
    `<title>${x(`${scope.title} — Commissioning decision ledger`)}</title>`,
    `<updated>${x(new Date(updated).toISOString())}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${x(`${base}${scope.self}`)}"/>`,
    `<link rel="alternate" type="text/html" href="${x(`${base}${scope.page}`)}"/>`,
    '<author><name>Commissioning decision ledger</name></author>',
    `<rights>Open Government Licence v3.0</rights>`,
    ...kept.map((e) =>
      [
        '<entry>',
        `<id>${x(e.id)}</id>`,
        `<title>${x(e.title)}</title>`,
        `<updated>${x(new Date(e.updated).toISOString())}</updated>`,
        `<link rel="alternate" type="text/html" href="${x(e.link)}"/>`,
        `<summary>${x(e.summary)}</summary>`,
        '</entry>',
      ].join(''),
    ),
    '</feed>',
    '',
  ].join('\n');
}

/** iCalendar TEXT: backslash, semicolon, comma and line breaks escaped (RFC 5545 §3.3.11). */
const text = (value: string) => value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n|\r/g, '\\n');

/** A content line folded at 75 octets, never inside a UTF-8 sequence (RFC 5545 §3.1). */
export function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    // The first line holds 75 octets; each continuation 74, after its leading space.
    if (octets + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const stamp = (iso: string) =>
  new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const day = (date: string) => date.replace(/-/g, '');
const nextDay = (date: string) => {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
};

/** A London wall-clock time on a day as a UTC date-time (RFC 5545 form 2): no VTIMEZONE needed. */
function londonToUtc(date: string, time: string): string {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  // London is UTC or one hour ahead: the offset on that day, read back through the time zone database.
  const shown = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(guess))
    .split(':')
    .map(Number);
  const offset = ((shown[0] * 60 + shown[1] - (hour * 60 + minute) + 1440 * 1.5) % 1440) - 720;
  return stamp(new Date(guess - offset * 60_000).toISOString());
}

/**
 * An iCalendar file of the meetings in `scope`, scheduled or held: an all-day event where the ledger
 * knows only the day, a timed one (in UTC) where it knows the time; a cancelled meeting stays, CANCELLED.
 */
export function meetingsCalendar(db: PublicDatabase, scope: Scope, base: string): string {
  const decisions = new Map<string, PublicMeetingDecision[]>();
  for (const d of db.allDecisions()) if (d.kind === 'meeting') decisions.set(d.meeting.id, [...(decisions.get(d.meeting.id) ?? []), d]);
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Commissioning decision ledger//Public site//EN', 'CALSCALE:GREGORIAN'];
  lines.push(`X-WR-CALNAME:${text(`Meetings: ${scope.title}`)}`);
  for (const meeting of db.meetings()) {
    if (!scope.includesMeeting(meeting)) continue;
    const decided = decisions.get(meeting.meetingId) ?? [];
    // The newest time the ledger recorded anything shown of the meeting: stable while it stands.
    const recorded = [
      meeting.scheduledRecordedAt,
      meeting.agendaRecordedAt,
      meeting.changedRecordedAt,
      ...decided.map((d) => d.recordedAt),
    ].filter((at): at is string => at !== undefined);
    const dtstamp = recorded.sort().at(-1) ?? midnight(meeting.date);
    lines.push(
      'BEGIN:VEVENT',
      // The meeting's id is the ledger's and never changes: the calendar entry is updated, not duplicated.
      `UID:${text(`meeting/${meeting.meetingId}@commissioning-decision-ledger`)}`,
      `DTSTAMP:${stamp(dtstamp)}`,
      ...(meeting.time
        ? [`DTSTART:${londonToUtc(meeting.date, meeting.time)}`]
        : [`DTSTART;VALUE=DATE:${day(meeting.date)}`, `DTEND;VALUE=DATE:${day(nextDay(meeting.date))}`]),
      `SUMMARY:${text(`Meeting of ${meetingNames(db, meeting)}`)}`,
      ...(meeting.location ? [`LOCATION:${text(meeting.location)}`] : []),
      ...(meeting.cancelled ? ['STATUS:CANCELLED'] : []),
      ...(decided.length > 0
        ? [
            `DESCRIPTION:${text(`Decisions: ${decided.map((d) => d.item.title + (d.item.redacted ? ' (confidential item)' : '')).join('; ')}`)}`,
          ]
        : meeting.agendaPublishedOn
          ? [`DESCRIPTION:${text(`Agenda published on ${dayInWords(meeting.agendaPublishedOn)}.`)}`]
          : []),
      `URL:${base}${meetingLink(meeting)}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
