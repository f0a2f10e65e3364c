import type { CorrectionEvent } from '../corrections/correction';
import { DomainEvent } from '../decider';
import { CivilDate } from '../shared/civil-date';
import { Confidentiality, MeetingEvent } from './meeting.events';

/**
 * Whose content a text of a meeting fact is: an agenda item's (its text, motions, resolutions,
 * declared interests, call-in reasons, amendments to the minutes about it), or, without `itemId`, the
 * minutes of a meeting (amendments about the minutes as a whole, which may touch any of its items). `generation` counts the owner's erasures: each
 * erasure destroys one generation's key, and what is recorded afterwards has the next.
 */
export interface ContentOwner {
  meetingId: string;
  itemId?: string;
  generation: number;
}

type Event<Type extends MeetingEvent['type']> = Extract<MeetingEvent, { type: Type }>;

/**
 * The free-text fields of a record: those holding any string (or strings), not one of a vocabulary, and
 * not naming what the fact is about (ids end in `Id`, as for corrections); and lists of records that
 * have free-text fields of their own (an amendment about an item, a person in attendance).
 */
type TextFieldOf<Data> = {
  [Field in keyof Data]-?: Field extends `${string}Id`
    ? never
    : string extends NonNullable<Data[Field]>
      ? Field
      : string[] extends NonNullable<Data[Field]>
        ? Field
        : NonNullable<Data[Field]> extends readonly (infer Element)[]
          ? Element extends object
            ? [TextFieldOf<Element>] extends [never]
              ? never
              : Field
            : never
          : never;
}[keyof Data];

type TextField<Type extends MeetingEvent['type']> = TextFieldOf<Event<Type>['data']>;

type Kind = 'sealed' | 'clear';

/** A text is sealed or clear; a list of records says so of each of their text fields. */
type Placement<Value> =
  NonNullable<Value> extends readonly (infer Element)[]
    ? Element extends string
      ? Kind
      : { [Field in TextFieldOf<Element>]: Kind }
    : Kind;

/**
 * Every free-text field of every meeting fact, `sealed` (content: what a Part 2 item keeps from the
 * public and erasure destroys) or `clear` (stored as written). A new kind of fact, or a new text field
 * of one, does not compile until it is placed here, so no text is stored in clear by omission. In a list
 * of records, a record naming an item (`itemId`) is that item's content.
 */
const TEXT_FIELDS: {
  [Type in MeetingEvent['type']]: { [Field in TextField<Type>]: Placement<Event<Type>['data'][Field]> };
} = {
  MeetingConvened: { date: 'clear', time: 'clear', location: 'clear' },
  // The reason of urgency for a late item is the public's (LGA 1972 s100B(4)(b)), as its title is.
  AgendaItemAdded: { title: 'clear', text: 'sealed', lateReason: 'clear' },
  // Who was there is public, as the members present are; `substituteFor` names a membership.
  AttendanceRecorded: { substitutes: { substituteFor: 'clear' }, inAttendance: { name: 'clear', role: 'clear' } },
  InterestDeclared: { interest: 'sealed' },
  MotionProposed: { wording: 'sealed', mover: 'clear', seconder: 'clear' },
  VoteCast: {},
  DecisionRecorded: { resolution: 'sealed' },
  ConfidentialityLifted: { effective: 'clear', reason: 'clear' },
  ConfidentialityImposed: { publicInterestReason: 'clear', publicSummary: 'clear' },
  ConfidentialContentErased: { reason: 'clear' },
  // Amendments about the minutes as a whole are the minutes' content; one about an item is the item's.
  MinutesApproved: { amendments: 'sealed', itemAmendments: { text: 'sealed' } },
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

/** The sealed fields of each meeting fact, from `TEXT_FIELDS`: a field, or a list's field with the fields sealed in each record. */
const CONTENT_FIELDS = new Map<string, readonly { field: string; inEach?: readonly string[] }[]>(
  Object.entries(TEXT_FIELDS).map(([type, fields]) => [
    type,
    Object.entries(fields as Record<string, Kind | Record<string, Kind>>).flatMap(([field, kind]) => {
      if (typeof kind === 'string') return kind === 'sealed' ? [{ field }] : [];
      const inEach = Object.entries(kind).flatMap(([name, nested]) => (nested === 'sealed' ? [name] : []));
      return inEach.length > 0 ? [{ field, inEach }] : [];
    }),
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
  for (const { field, inEach } of names) {
    const value = mapped[field];
    if (inEach !== undefined) {
      if (Array.isArray(value)) mapped[field] = value.map((record: unknown) => mapRecord(record, inEach, owner, map));
    } else if (typeof value === 'string') mapped[field] = map(owner, value);
    else if (Array.isArray(value)) mapped[field] = value.map((text) => (typeof text === 'string' ? map(owner, text) : text));
  }
  return mapped as Fields;
}

/** One record of a list: its sealed fields are the content of the item it names, or else of the fact's owner. */
function mapRecord(
  record: unknown,
  sealed: readonly string[],
  owner: Omit<ContentOwner, 'generation'>,
  map: (owner: Omit<ContentOwner, 'generation'>, text: string) => string,
): unknown {
  if (record === null || typeof record !== 'object') return record;
  const fields = record as Record<string, unknown>;
  const whose = typeof fields.itemId === 'string' ? { meetingId: owner.meetingId, itemId: fields.itemId } : owner;
  const mapped = { ...fields };
  for (const name of sealed) if (typeof mapped[name] === 'string') mapped[name] = map(whose, mapped[name]);
  return mapped;
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
  // The stream may hold another meeting's facts too (minutes amendments are about an item of the minuted meeting).
  return stream.filter((event) => {
    if (event.type !== 'ConfidentialContentErased') return false;
    const { meetingId, itemId } = event.data as Event<'ConfidentialContentErased'>['data'];
    return meetingId === owner.meetingId && itemId === owner.itemId;
  }).length;
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
