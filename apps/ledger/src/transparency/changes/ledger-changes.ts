import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore, LedgerHead, parseMicros, RecordedEvent } from '@ledger/event-store';
import { bodyStream, CorrectionEvent, withCommittees } from '@ledger/governance';
import { Actor } from '../../access/actor';
import { ApiKeys } from '../../access/api-keys';
import { ContentDisclosure } from '../../disclosure/content-disclosure';
import { InvalidField, NotFound } from '../../http/ledger-errors';
import { BasisNotReached, timestampMicros } from '../../read-models/basis';
import { LedgerViews } from '../../read-models/ledger-views';
import { aboutFact, bodiesNamed, validTimeOf } from './fact-words';

export const CHANGE_KINDS = ['recorded', 'corrected', 'withdrawn', 'erased', 'made-confidential', 'confidentiality-lifted'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One fact the ledger learned: when, what, about what, by whose key, why, and for a correction what it changed. */
export interface Change {
  position: number;
  recordedAt: string;
  kind: ChangeKind;
  type: string;
  stream: string;
  eventId: string;
  about: string;
  /** The valid time the fact states (its effective date, or its first day), when it states one. */
  validTime: string | null;
  /** The API key that recorded it (`seed` for the seed's system actor; `cli-import` for imports before keys were named). */
  key: string | null;
  /** The person that key names, when it names one. */
  person: string | null;
  role: string | null;
  /** The reason given: of a correction, a withdrawal, an erasure, a confidentiality made or lifted. */
  reason: string | null;
  /** The fact a correction or withdrawal is of. */
  corrects: { eventId: string; position: number; type: string; about: string } | null;
  /** Each field a correction changed, as it stood before and as it stands after. */
  fields: { field: string; before: unknown; after: unknown }[];
}

export interface ChangesQuery {
  from?: string;
  to?: string;
  body?: string;
  limit?: number;
  /** Continue after this position (the `next` of the page before). */
  after?: number;
  kinds?: readonly ChangeKind[];
}

export interface ChangesPage {
  from: { position: number; asked: string | null };
  to: { position: number; asked: string | null };
  body: { id: string; withCommittees: string[] } | null;
  changes: Change[];
  /** The `after` of the next page, or null when this is the last. */
  next: number | null;
}

const POSITION = /^\d{1,15}$/;
const READ_PAGE = 1000;
export const CHANGES_PAGE = 100;

const KIND_OF_TYPE: Record<string, ChangeKind> = {
  ConfidentialContentErased: 'erased',
  ConfidentialityImposed: 'made-confidential',
  ConfidentialityLifted: 'confidentiality-lifted',
};

/**
 * What changed between two dates of knowledge: every fact recorded, corrected, withdrawn, erased, made confidential
 * or lifted in a window of transaction time (positions or ISO timestamps, both ends included), ledger-wide or for a
 * body and its committees, in ledger order, a page at a time. Confidential content in a corrected field reaches only
 * a reader entitled to it (ContentDisclosure), as everywhere.
 */
@Injectable()
export class LedgerChanges {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly views: LedgerViews,
    private readonly keys: ApiKeys,
    private readonly disclosure: ContentDisclosure,
  ) {}

  async page(query: ChangesQuery, reader: Actor | undefined): Promise<ChangesPage> {
    const head = await this.store.head();
    const to = query.to === undefined ? head.position : await this.positionOf('to', query.to, head, 'last');
    const from = query.from === undefined ? 1 : await this.positionOf('from', query.from, head, 'first');
    if (query.from !== undefined && query.to !== undefined && from > to + 1)
      throw new InvalidField('to', `to (${query.to}) is before from (${query.from})`);
    const bodies = query.body === undefined ? undefined : await this.bodyAndCommittees(query.body);
    const limit = query.limit ?? CHANGES_PAGE;
    const streams = new Streams(this.store);
    const concerns = async (event: RecordedEvent) =>
      !bodies ||
      bodiesNamed(event.data).some((id) => bodies.has(id)) ||
      [...bodies].some((id) => event.stream === bodyStream(id)) ||
      bodiesNamed((await streams.of(event.stream))[0]?.data).some((id) => bodies.has(id));

    const changes: Change[] = [];
    let next: number | null = null;
    let cursor = Math.max(from, (query.after ?? 0) + 1);
    scan: while (cursor <= to) {
      const events = await this.store.readAll(cursor, READ_PAGE);
      if (events.length === 0) break;
      for (const event of events) {
        if (event.globalPosition > to) break scan;
        cursor = event.globalPosition + 1;
        const kind = kindOf(event);
        if (query.kinds && !query.kinds.includes(kind)) continue;
        if (!(await concerns(event))) continue;
        if (changes.length === limit) {
          next = changes[changes.length - 1].position;
          break scan;
        }
        changes.push(await this.change(event, kind, streams));
      }
    }
    const page: ChangesPage = {
      from: { position: from, asked: query.from ?? null },
      to: { position: to, asked: query.to ?? null },
      body: bodies ? { id: query.body!, withCommittees: [...bodies].filter((id) => id !== query.body) } : null,
      changes,
      next,
    };
    return this.disclosure.disclose(page, reader);
  }

  private async change(event: RecordedEvent, kind: ChangeKind, streams: Streams): Promise<Change> {
    const actor = typeof event.metadata.actor === 'string' ? event.metadata.actor : null;
    const key = actor?.startsWith('key:') ? actor.slice(4) : actor;
    const data = event.data as Record<string, unknown>;
    const base = {
      position: event.globalPosition,
      recordedAt: event.recordedAt,
      kind,
      type: event.type,
      stream: event.stream,
      eventId: event.id,
      about: aboutFact(event),
      validTime: validTimeOf(event),
      key,
      // The person the event names; events recorded before keys named people, by the key's record.
      person: typeof event.metadata.person === 'string' ? event.metadata.person : key ? await this.keys.personOf(key) : null,
      role: typeof event.metadata.role === 'string' ? event.metadata.role : null,
      reason:
        typeof data.reason === 'string' ? data.reason : typeof data.publicInterestReason === 'string' ? data.publicInterestReason : null,
      corrects: null,
      fields: [],
    };
    if (event.type !== 'FactCorrected') return base;
    const correction = event.data as CorrectionEvent['data'];
    const stream = await streams.of(event.stream);
    const corrected = stream.find((fact) => fact.id === correction.correctedEventId);
    if (!corrected) return base;
    // The corrected fact as it stood just before this correction: the original, with every earlier correction of it applied.
    const before: Record<string, unknown> = { ...(corrected.data as Record<string, unknown>) };
    for (const earlier of stream) {
      if (earlier.globalPosition >= event.globalPosition) break;
      const changes = earlier.type === 'FactCorrected' ? (earlier.data as CorrectionEvent['data']) : undefined;
      if (changes?.correctedEventId === corrected.id) Object.assign(before, changes.changes ?? {});
    }
    return {
      ...base,
      about: `${kind === 'withdrawn' ? 'withdrawal' : 'correction'} of: ${aboutFact({ ...corrected, data: before })}`,
      corrects: { eventId: corrected.id, position: corrected.globalPosition, type: corrected.type, about: aboutFact(corrected) },
      fields: Object.entries(correction.changes ?? {}).map(([field, after]) => ({ field, before: before[field] ?? null, after })),
    };
  }

  private async bodyAndCommittees(bodyId: string): Promise<Set<string>> {
    const standing = this.views.register(await this.views.basis());
    if (!standing.bodies.bodies.has(bodyId)) throw new NotFound('unknown-reference', `no body ${bodyId} is recorded`);
    return new Set(withCommittees(standing.bodies, bodyId));
  }

  /** A window's end as a position: `first` the first event recorded at or after a time, `last` the last at or before it. */
  private async positionOf(field: string, text: string, head: LedgerHead, end: 'first' | 'last'): Promise<number> {
    if (POSITION.test(text)) {
      const position = Number(text);
      if (position > head.position) throw new BasisNotReached(field, `${field} ${position} is beyond the ledger's head (${head.position})`);
      return end === 'first' ? Math.max(position, 1) : position;
    }
    const micros = timestampMicros(text);
    if (micros === undefined)
      throw new InvalidField(field, `${field} must be a ledger position or an ISO timestamp with a zone, got "${text.slice(0, 100)}"`);
    if (micros > Date.now() * 1000) throw new BasisNotReached(field, `${field} ${text} has not come yet`);
    const last = await this.lastRecordedBy(end === 'first' ? micros - 1 : micros, head.position);
    return end === 'first' ? last + 1 : last;
  }

  /** The position of the last event recorded at or before `micros` (0 if none): transaction time only grows. */
  private async lastRecordedBy(micros: number, head: number): Promise<number> {
    let [low, high, found] = [1, head, 0];
    while (low <= high) {
      const probe = Math.floor((low + high) / 2);
      const [event] = await this.store.readAll(probe, 1);
      if (event && event.globalPosition <= high && parseMicros(event.recordedAt) <= micros) {
        found = event.globalPosition;
        low = event.globalPosition + 1;
      } else high = probe - 1;
    }
    return found;
  }
}

function kindOf(event: RecordedEvent): ChangeKind {
  if (event.type === 'FactCorrected') return (event.data as CorrectionEvent['data']).withdrawn ? 'withdrawn' : 'corrected';
  return KIND_OF_TYPE[event.type] ?? 'recorded';
}

/** The streams a page reads, each once. */
class Streams {
  private readonly read = new Map<string, Promise<RecordedEvent[]>>();

  constructor(private readonly store: EventStore) {}

  of(stream: string): Promise<RecordedEvent[]> {
    let events = this.read.get(stream);
    if (!events) this.read.set(stream, (events = this.store.readStream(stream)));
    return events;
  }
}

/** A page of changes as CSV (one row a change; a correction's fields as `field: before → after`, separated by `; `). */
export function changesCsv(page: ChangesPage): string[][] {
  const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
  return page.changes.map((change) => [
    String(change.position),
    change.recordedAt,
    change.kind,
    change.type,
    change.stream,
    change.about,
    change.validTime ?? '',
    change.key ?? '',
    change.person ?? '',
    change.role ?? '',
    change.reason ?? '',
    change.corrects ? String(change.corrects.position) : '',
    change.fields.map(({ field, before, after }) => `${field}: ${show(before)} → ${show(after)}`).join('; '),
    change.eventId,
  ]);
}

export const CHANGES_CSV_HEADER = [
  'position',
  'recorded_at',
  'kind',
  'type',
  'stream',
  'about',
  'valid_time',
  'key',
  'person',
  'role',
  'reason',
  'corrects_position',
  'changed_fields',
  'event_id',
];
