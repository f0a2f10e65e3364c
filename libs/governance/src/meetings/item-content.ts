import type { CorrectionEvent } from '../corrections/correction';
import { DomainEvent } from '../decider';
import { CivilDate } from '../shared/civil-date';
import { Confidentiality, MeetingEvent } from './meeting.events';

/**
 * Whose content a text of a meeting fact is: an agenda item's (its text, motions, resolutions,
 * declared interests, call-in reasons), or, without `itemId`, the minutes of a meeting (their
 * amendments, which may be about any of its items). `generation` counts the owner's erasures: each
 * erasure destroys one generation's key, and what is recorded afterwards has the next.
 */
export interface ContentOwner {
  meetingId: string;
  itemId?: string;
  generation: number;
}

type Event<Type extends MeetingEvent['type']> = Extract<MeetingEvent, { type: Type }>;

/**
 * The free-text fields of a meeting fact's data: those holding any string (or strings), not one of a
 * vocabulary, and not naming what the fact is about (ids end in `Id`, as for corrections).
 */
type TextField<Type extends MeetingEvent['type']> = {
  [Field in keyof Event<Type>['data']]-?: Field extends `${string}Id`
    ? never
    : string extends NonNullable<Event<Type>['data'][Field]>
      ? Field
      : string[] extends NonNullable<Event<Type>['data'][Field]>
        ? Field
        : never;
}[keyof Event<Type>['data']];

/**
 * Every free-text field of every meeting fact, `sealed` (content: what a Part 2 item keeps from the
 * public and erasure destroys) or `clear` (stored as written). A new kind of fact, or a new text field
 * of one, does not compile until it is placed here, so no text is stored in clear by omission.
 */
const TEXT_FIELDS: { [Type in MeetingEvent['type']]: { [Field in TextField<Type>]: 'sealed' | 'clear' } } = {
  MeetingConvened: { date: 'clear', time: 'clear', location: 'clear' },
  // The reason of urgency for a late item is the public's (LGA 1972 s100B(4)(b)), as its title is.
  AgendaItemAdded: { title: 'clear', text: 'sealed', lateReason: 'clear' },
  AttendanceRecorded: {},
  InterestDeclared: { interest: 'sealed' },
  MotionProposed: { wording: 'sealed', mover: 'clear', seconder: 'clear' },
  VoteCast: {},
  DecisionRecorded: { resolution: 'sealed' },
  ConfidentialityLifted: { effective: 'clear', reason: 'clear' },
  ConfidentialityImposed: { publicInterestReason: 'clear', publicSummary: 'clear' },
  ConfidentialContentErased: { reason: 'clear' },
  MinutesApproved: { amendments: 'sealed' },
  DecisionCalledIn: { effective: 'clear', reason: 'sealed' },
  CallInResultRecorded: { effective: 'clear', reason: 'sealed' },
  // Why a meeting moved or will not take place is the public's to know, as its date is.
  MeetingRescheduled: { date: 'clear', time: 'clear', reason: 'clear' },
  MeetingCancelled: { reason: 'clear' },
  MemberArrived: { beforeItem: 'clear' },
  AgendaPublished: { publishedOn: 'clear' },
  ForwardPlanEntryRecorded: { publishedOn: 'clear' },
  MemberDeparted: { afterItem: 'clear' },
};

/** The sealed fields of each meeting fact, from `TEXT_FIELDS`. */
const CONTENT_FIELDS = new Map<string, readonly string[]>(
  Object.entries(TEXT_FIELDS).map(([type, fields]) => [
    type,
    Object.entries(fields as Record<string, 'sealed' | 'clear'>).flatMap(([field, kind]) => (kind === 'sealed' ? [field] : [])),
  ]),
);

/**
 * The fact with every content text passed through `map`, told whose it is. A correction's changes are
 * content where the fact it corrects has them (`corrected` finds that fact in the stream). Facts of other
 * streams and fields that are not content come back as they were.
 */
export function mapContent(
  stream: string,
  event: DomainEvent,
  map: (owner: Omit<ContentOwner, 'generation'>, text: string) => string,
  corrected: (eventId: string) => DomainEvent | undefined,
): DomainEvent {
  if (!stream.startsWith('meeting-')) return event;
  if (event.type === 'FactCorrected') {
    const data = event.data as CorrectionEvent['data'];
    const original = corrected(data.correctedEventId);
    if (!data.changes || !original) return event;
    const changes = mapFields(original.type, { ...(original.data as Record<string, unknown>), ...data.changes }, data.changes, map);
    return { ...event, data: { ...data, changes } };
  }
  const data = event.data as Record<string, unknown>;
  return { ...event, data: mapFields(event.type, data, data, map) };
}

function mapFields<Fields extends Record<string, unknown>>(
  type: string,
  facts: Record<string, unknown>,
  fields: Fields,
  map: (owner: Omit<ContentOwner, 'generation'>, text: string) => string,
): Fields {
  const names = CONTENT_FIELDS.get(type) ?? [];
  if (names.length === 0) return fields;
  const owner =
    type === 'MinutesApproved'
      ? { meetingId: facts.minutesOfMeetingId as string }
      : { meetingId: facts.meetingId as string, itemId: facts.itemId as string };
  const mapped: Record<string, unknown> = { ...fields };
  for (const name of names) {
    const value = mapped[name];
    if (typeof value === 'string') mapped[name] = map(owner, value);
    else if (Array.isArray(value)) mapped[name] = value.map((text) => (typeof text === 'string' ? map(owner, text) : text));
  }
  return mapped as Fields;
}

/** An item's confidentiality as it stands: Part 2 with its public form, and the date a lift takes effect. */
export interface ItemConfidentiality {
  confidential?: Confidentiality;
  lifted?: CivilDate;
}

/**
 * Whether everyone may read the item's content on `today` (Europe/London): it was never taken in
 * private, or its confidentiality was lifted from a date that has come. The one rule for the public.
 */
export function isPublicOn({ confidential, lifted }: ItemConfidentiality, today: CivilDate): boolean {
  return !confidential || liftedBy(lifted, today);
}

/** A lift applies from its effective date: until then (Europe/London) the item stays confidential. */
export function liftedBy(lifted: CivilDate | null | undefined, today: CivilDate): boolean {
  return lifted !== undefined && lifted !== null && lifted <= today;
}

/** The generation of an owner's content key: how many erasures of it the meeting's stream holds (withdrawn or not, the keys are gone). */
export function contentGeneration(stream: readonly DomainEvent[], owner: Omit<ContentOwner, 'generation'>): number {
  if (owner.itemId === undefined) return 0;
  return stream.filter(
    (event) =>
      event.type === 'ConfidentialContentErased' && (event.data as Event<'ConfidentialContentErased'>['data']).itemId === owner.itemId,
  ).length;
}

/** A meeting as the confidentiality rules need it today: its bodies, and each item's confidentiality. */
export interface MeetingToday {
  bodyIds: readonly string[];
  items: ReadonlyMap<string, ItemConfidentiality & { erasures: number }>;
}

/**
 * Who is reading, for the rules on content: may this reader read an owner's content, judged by the
 * meeting as it stands today (whatever the basis of the answer), and what is its item's confidentiality today.
 */
export interface Reader {
  mayRead(owner: Omit<ContentOwner, 'generation'>): boolean;
  /** Whether this generation of the owner's content was erased (as recorded: its key may be gone already, or about to go). */
  erased(owner: ContentOwner): boolean;
  confidentialityToday(meetingId: string, itemId: string): ItemConfidentiality | undefined;
}

/**
 * The one rule for reading content: public content is everyone's; Part 2 content (and the minutes of a
 * meeting with a Part 2 item) is for readers `entitled` to the meeting's bodies — auditors, admins,
 * officers of a deciding body or a body above it. An owner whose meeting is not known today is withheld.
 */
export function contentReader(
  meetingsToday: ReadonlyMap<string, MeetingToday>,
  today: CivilDate,
  entitled: (bodyIds: readonly string[]) => boolean,
): Reader {
  return {
    mayRead({ meetingId, itemId }) {
      const meeting = meetingsToday.get(meetingId);
      if (!meeting) return false;
      const items = itemId === undefined ? [...meeting.items.values()] : [meeting.items.get(itemId)];
      return items.every((item) => item !== undefined && isPublicOn(item, today)) || entitled(meeting.bodyIds);
    },
    erased: ({ meetingId, itemId, generation }) =>
      itemId !== undefined && generation < (meetingsToday.get(meetingId)?.items.get(itemId)?.erasures ?? 0),
    confidentialityToday: (meetingId, itemId) => meetingsToday.get(meetingId)?.items.get(itemId),
  };
}
