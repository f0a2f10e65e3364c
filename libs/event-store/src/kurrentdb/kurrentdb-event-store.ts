import {
  ANY,
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  STREAM_STATE,
  binaryEvent,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AllStreamSubscription,
  type AppendStreamState,
  type JSONType,
  type Position,
} from '@kurrent/kurrentdb-client';
import { assertExpectedRevision, assertValidAppend, eventContent } from '../append-rules';
import { canonicalJson } from '../canonical-json';
import { EventIdConflict, WrongExpectedRevision } from '../event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventFilter,
  EventHandler,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  LedgerHead,
  NewEvent,
  RecordedEvent,
  Subscription,
  SubscriptionOptions,
} from '../event-store.port';
import { uuidV5 } from '../name-based-uuid';
import { formatMicros } from '../recorded-at';

/**
 * The event store on a KurrentDB server (single node or cluster), over the official gRPC client. Its positions,
 * idempotence, timestamps and the race it accepts: docs/adr/0002-kurrentdb-positions-and-idempotence.md.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly subscriptions = new Set<KurrentDbSubscription>();
  private counted = { position: 0, count: 0 };
  private counting: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    readonly connectionString: string,
    private readonly client: KurrentDBClient,
  ) {}

  /** Connects lazily: the client dials the server (or discovers the leader) on its first call. */
  static async connect(connectionString: string): Promise<KurrentDbEventStore> {
    return new KurrentDbEventStore(connectionString, KurrentDBClient.connectionString(connectionString));
  }

  async append(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    assertValidAppend(stream, events, expected, options);
    this.assertOpen();

    const links = await mapLimited(events, (event) => this.findLink(event.id));
    if (links[0]) return this.replayOfEarlierAppend(stream, events, links);
    const taken = links.findIndex((link) => link !== null);
    if (taken >= 0) throw new EventIdConflict(events[taken].id, `in stream "${links[taken]!.stream}" by an earlier append`);

    if (options.expectedLastEventId !== undefined) {
      // Read just before the append, not with it: the same window as the read-condition fallback below.
      const [last] = typeof expected === 'number' ? await this.readStreamRange(stream, expected, 1) : [];
      if (last?.id !== options.expectedLastEventId) throw new WrongExpectedRevision(stream, expected, await this.lastRevision(stream));
    }
    const conditions = options.readConditions ?? [];
    const lastRevision =
      conditions.length > 0
        ? await this.appendChecked(stream, events, expected, conditions)
        : await this.appendOne(stream, events, expected);

    const written = await this.readBack(stream, events, lastRevision);
    await this.link(stream, events, written, links);
    const last = written[written.length - 1];
    return { nextExpectedRevision: last.streamRevision, position: last.globalPosition };
  }

  private async appendOne(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<number> {
    try {
      const result = await this.client.appendToStream(stream, events.map(toEventData), { streamState: toStreamState(expected) });
      // Only when the connection string sets throwOnAppendFailure=false.
      if (!result.success) throw new WrongExpectedRevision(stream, expected, await this.lastRevision(stream));
      return toSafeNumber(result.nextExpectedRevision, 'stream revision');
    } catch (error) {
      throw toPortError(stream, expected, error);
    }
  }

  /**
   * READ CONDITIONS. KurrentDB 26's `AppendRecords` (protocol v2) evaluates consistency checks on any
   * stream, written or only read, atomically with the write: the server refuses the whole append when a
   * check fails. Its records carry metadata as string-valued properties, which every ledger metadata
   * value is. A server without v2 appends (before 25.1) answers `unsupported`; then the adapter falls back
   * to reading each condition's revision just before a plain append. That fallback leaves a window of one
   * round trip in which a concurrent write to a read stream goes unnoticed: run KurrentDB 26 or later for
   * the guarantee the contract suite checks.
   */
  private async appendChecked(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    conditions: AppendOptions['readConditions'] & object,
  ): Promise<number> {
    const checks = [{ stream, expected }, ...conditions].map((condition) => ({
      type: STREAM_STATE as typeof STREAM_STATE,
      streamName: condition.stream,
      expectedState: toStreamState(condition.expected),
    }));
    try {
      const result = await this.client.appendRecords(
        events.map((event) => ({ streamName: stream, record: toEventData(event) })),
        checks,
      );
      const written = result.responses.find((response) => response.streamName === stream);
      if (!written) throw new Error(`KurrentDB acknowledged an append without a revision for "${stream}"`);
      return toSafeNumber(written.revision, 'stream revision');
    } catch (error) {
      if (errorType(error) === 'unsupported') {
        for (const condition of conditions) {
          const actual = await this.lastRevision(condition.stream);
          assertExpectedRevision(condition.stream, condition.expected, actual === 'no-stream' ? -1 : actual);
        }
        return this.appendOne(stream, events, expected);
      }
      const violation = (error as { violations?: { streamName: string; actualState: bigint | string }[] }).violations?.[0];
      if (errorType(error) === 'append-consistency-violation' && violation) {
        const failed = violation.streamName === stream ? { stream, expected } : conditions.find((c) => c.stream === violation.streamName);
        const actual = violation.actualState;
        throw new WrongExpectedRevision(
          violation.streamName,
          failed?.expected ?? 'any',
          typeof actual === 'bigint' && actual >= 0n ? toSafeNumber(actual, 'stream revision') : 'no-stream',
        );
      }
      throw toPortError(stream, expected, error);
    }
  }

  async readStream(stream: string, fromRevision = 0): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.readStreamRange(stream, Math.max(0, fromRevision));
  }

  /**
   * Through the event's id stream (see IDEMPOTENCE): the link names the stream and revision, one read
   * fetches the event. An event whose append crashed before its link was written is not found until a
   * retry of that append writes the link.
   */
  async readEvent(id: string): Promise<RecordedEvent | undefined> {
    this.assertOpen();
    const link = await this.findLink(id);
    if (!link) return undefined;
    const [event] = await this.readStreamRange(link.stream, link.revision, 1);
    return event?.id === id ? event : undefined;
  }

  async readAll(fromPosition?: number, limit?: number, filter?: EventFilter): Promise<RecordedEvent[]> {
    this.assertOpen();
    const max = limit === undefined || limit < 0 ? Infinity : limit;
    const events: RecordedEvent[] = [];
    if (max === 0 || (filter && ('categories' in filter ? filter.categories : filter.eventTypes).length === 0)) return events;
    const from = fromPosition !== undefined && fromPosition > 0 ? fromPosition : undefined;
    for await (const event of this.scanAll(from, undefined, Math.min(PAGE_SIZE, max), filter)) {
      events.push(event);
      if (events.length >= max) break;
    }
    return events;
  }

  subscribeToAll(handler: EventHandler, options: SubscriptionOptions = {}): Subscription {
    this.assertOpen();
    const subscription = new KurrentDbSubscription({
      client: this.client,
      handler,
      after: options.after ?? 0,
      headPosition: async () => (await this.newestEvent())?.globalPosition ?? 0,
    });
    this.subscriptions.add(subscription);
    void subscription.done.catch(() => undefined).finally(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async head(): Promise<LedgerHead> {
    this.assertOpen();
    const newest = await this.newestEvent();
    if (!newest) return { position: 0, eventCount: 0, lastRecordedAt: null };
    const eventCount = await this.countThrough(newest.globalPosition);
    return { position: newest.globalPosition, eventCount, lastRecordedAt: newest.recordedAt };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the KurrentDB event store is closed');
  }

  /** The first event is already linked: a retry, valid only if it repeats that append exactly. */
  private async replayOfEarlierAppend(
    stream: string,
    events: readonly NewEvent[],
    links: readonly (IdLink | null)[],
  ): Promise<AppendResult> {
    const first = links[0]!;
    if (first.stream !== stream) throw new EventIdConflict(events[0].id, `in stream "${first.stream}"`);
    const stored = await this.readStreamRange(stream, first.revision, events.length);
    assertSameAppend(events, stored);
    links.forEach((link, index) => {
      if (link && (link.stream !== stream || link.revision !== stored[index].streamRevision)) {
        throw new EventIdConflict(events[index].id, `in stream "${link.stream}" at revision ${link.revision}`);
      }
    });
    await this.link(stream, events, stored, links);
    const last = stored[stored.length - 1];
    return { nextExpectedRevision: last.streamRevision, position: last.globalPosition };
  }

  /**
   * The events the server acknowledged, read back: their positions are the ones `$all` reports, also
   * when the server answered a retry from its own idempotence (then this also checks the content).
   */
  private async readBack(stream: string, events: readonly NewEvent[], lastRevision: number): Promise<RecordedEvent[]> {
    const firstRevision = lastRevision - events.length + 1;
    const stored = firstRevision < 0 ? [] : await this.readStreamRange(stream, firstRevision, events.length);
    assertSameAppend(events, stored);
    return stored;
  }

  /** Writes the id links still missing; a link that points elsewhere means a concurrent clash. */
  private async link(
    stream: string,
    events: readonly NewEvent[],
    stored: readonly RecordedEvent[],
    known: readonly (IdLink | null)[],
  ): Promise<void> {
    const clashes = await mapLimited(events, async (event, index): Promise<EventIdConflict | null> => {
      if (known[index]) return null;
      const target = `${stored[index].streamRevision}@${stream}`;
      try {
        await this.client.appendToStream(
          idStream(event.id),
          binaryEvent({ id: ledgerUuid(`link:${event.id}:${target}`), type: LINK_EVENT_TYPE, data: Buffer.from(target, 'utf8') }),
          { streamState: NO_STREAM },
        );
        return null;
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error;
        const existing = await this.findLink(event.id);
        if (existing && existing.stream === stream && existing.revision === stored[index].streamRevision) return null;
        const where = existing ? `in stream "${existing.stream}" at revision ${existing.revision}` : 'by another append';
        return new EventIdConflict(
          event.id,
          `${where}: a concurrent append claimed it first (this append was written to "${stream}" before the clash showed)`,
        );
      }
    });
    const clash = clashes.find((conflict) => conflict !== null);
    if (clash) throw clash;
  }

  private async findLink(eventId: string): Promise<IdLink | null> {
    const [link] = await this.readRaw(idStream(eventId), 0, 1);
    if (!link) return null;
    const target = Buffer.from(link.data as Uint8Array).toString('utf8');
    const at = target.indexOf('@');
    const revision = Number(target.slice(0, at));
    if (at <= 0 || !Number.isInteger(revision)) throw new Error(`malformed event id link "${target}" for ${eventId}`);
    return { revision, stream: target.slice(at + 1) };
  }

  private async lastRevision(stream: string): Promise<number | 'no-stream'> {
    try {
      for await (const resolved of this.client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
        const raw = resolved.event as RawEvent | undefined;
        if (raw) return toSafeNumber(raw.revision, 'stream revision');
      }
    } catch (error) {
      if (!isStreamNotFound(error)) throw error;
    }
    return 'no-stream';
  }

  private async readStreamRange(stream: string, fromRevision: number, maxCount?: number): Promise<RecordedEvent[]> {
    return (await this.readRaw(stream, fromRevision, maxCount)).map(toRecordedEvent);
  }

  private async readRaw(stream: string, fromRevision: number, maxCount = Number.MAX_SAFE_INTEGER): Promise<RawEvent[]> {
    const events: RawEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, {
        direction: FORWARDS,
        fromRevision: BigInt(fromRevision),
        maxCount,
      })) {
        const raw = resolved.event as RawEvent | undefined;
        if (raw) events.push(raw);
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return events;
  }

  /**
   * Non-system events of `$all` in order, from `from` (inclusive; start when undefined), skipping
   * those at or before `skipThrough`. Reads bounded pages, so stopping early leaves no open read.
   */
  private async *scanAll(
    from: number | undefined,
    skipThrough?: number,
    pageSize = PAGE_SIZE,
    filter?: EventFilter,
  ): AsyncGenerator<RecordedEvent> {
    let cursor = from;
    let skip = skipThrough;
    for (;;) {
      // The page re-reads the event at the cursor (inclusive), so ask for one more.
      const requested = pageSize + (skip !== undefined ? 1 : 0);
      const page: RawEvent[] = [];
      for await (const resolved of this.client.readAll({
        direction: FORWARDS,
        fromPosition: cursor === undefined ? START : toPosition(cursor),
        maxCount: requested,
        filter: filter ? serverFilter(filter) : USER_EVENTS,
      })) {
        const raw = resolved.event as RawEvent | undefined;
        if (raw) page.push(raw);
      }
      for (const raw of page) {
        if (skip !== undefined && positionOf(raw) <= skip) continue;
        if (isSystemEvent(raw)) continue;
        yield toRecordedEvent(raw);
      }
      if (page.length < requested) return;
      cursor = skip = positionOf(page[page.length - 1]);
    }
  }

  private async newestEvent(): Promise<RecordedEvent | null> {
    // Usually the first event read backwards is the answer; `$`-streams with user event types are rare.
    for (const maxCount of [1, 256, Number.MAX_SAFE_INTEGER]) {
      let seen = 0;
      for await (const resolved of this.client.readAll({
        direction: BACKWARDS,
        fromPosition: END,
        maxCount,
        filter: USER_EVENTS,
      })) {
        seen += 1;
        const raw = resolved.event as RawEvent | undefined;
        if (raw && !isSystemEvent(raw)) return toRecordedEvent(raw);
      }
      if (seen < maxCount) return null;
    }
    return null;
  }

  /** Exact count of non-system events up to `position`, continued from the previous count. */
  private countThrough(position: number): Promise<number> {
    const counting = this.counting.then(async () => {
      let { position: countedTo, count } = this.counted;
      if (position <= countedTo) return count;
      for await (const event of this.scanAll(countedTo > 0 ? countedTo : undefined, countedTo > 0 ? countedTo : undefined)) {
        if (event.globalPosition > position) break;
        count += 1;
        countedTo = event.globalPosition;
      }
      this.counted = { position: countedTo, count };
      return count;
    });
    this.counting = counting.catch(() => undefined);
    return counting;
  }
}

/**
 * Catch-up subscription on the server's `$all` subscription, filtered server-side to user events.
 * `for await` pulls one event at a time and awaits the handler before the next (back-pressure: the
 * client stream buffers a few events, gRPC flow control holds the rest on the server). `caughtUp`
 * resolves once the newest event that existed at start has been handled. A dropped connection ends
 * the subscription with an error in `done`; the caller resumes from its checkpoint.
 */
class KurrentDbSubscription implements Subscription {
  readonly caughtUp: Promise<void>;
  readonly done: Promise<void>;
  private markCaughtUp!: () => void;
  private stopped = false;
  private feed?: AllStreamSubscription;

  constructor(
    private readonly source: {
      client: KurrentDBClient;
      handler: EventHandler;
      /** Deliver events strictly after this position. */
      after: number;
      headPosition(): Promise<number>;
    },
  ) {
    this.caughtUp = new Promise((resolve) => (this.markCaughtUp = resolve));
    this.done = this.run();
    // A failed subscription is reported through `done`; `caughtUp` must not hang its waiters.
    this.done.catch(() => this.markCaughtUp());
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      await this.closeFeed();
    }
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    const { client, handler, after } = this.source;
    const headAtStart = await this.source.headPosition();
    if (after >= headAtStart) this.markCaughtUp();
    if (this.stopped) return;

    const feed = client.subscribeToAll({
      fromPosition: after > 0 ? toPosition(after) : START,
      filter: USER_EVENTS,
    });
    this.feed = feed;
    let handlerFailed = false;
    try {
      for await (const resolved of feed) {
        if (this.stopped) return;
        const raw = (resolved as { event?: RawEvent }).event;
        if (!raw || isSystemEvent(raw)) continue;
        const event = toRecordedEvent(raw);
        try {
          await handler(event);
        } catch (error) {
          handlerFailed = true;
          throw error;
        }
        if (event.globalPosition >= headAtStart) this.markCaughtUp();
      }
      if (!this.stopped) throw new Error('the KurrentDB $all subscription ended unexpectedly');
    } catch (error) {
      // Stopping destroys the feed, which ends the loop with a premature-close error: not a failure.
      if (this.stopped && !handlerFailed) return;
      throw error;
    } finally {
      await this.closeFeed();
    }
  }

  private async closeFeed(): Promise<void> {
    const feed = this.feed;
    if (!feed || feed.destroyed) return;
    await feed.unsubscribe().catch(() => undefined);
    feed.destroy();
  }
}

/** What the client yields for a recorded event, whichever read path it came from. */
interface RawEvent {
  streamId: string;
  id: string;
  type: string;
  revision: bigint;
  created: Date;
  isJson: boolean;
  data: unknown;
  metadata?: unknown;
  position?: Position;
}

interface IdLink {
  stream: string;
  revision: number;
}

const PAGE_SIZE = 512;
const USER_EVENTS = excludeSystemEvents();

/**
 * The port's filter as the server's own, so filtered-out events never cross the network. Categories
 * are stream-name prefixes (`body` → `body-`); event types an exact-match regex. Neither can match a
 * system event: those streams and types start with `$`, and a category is never empty.
 */
function serverFilter(filter: EventFilter) {
  if ('categories' in filter) return streamNameFilter({ prefixes: filter.categories.map((category) => `${category}-`) });
  const escaped = filter.eventTypes.map((type) => type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return eventTypeFilter({ regex: `^(?:${escaped.join('|')})$` });
}
const LINK_EVENT_TYPE = '$>';
const ID_STREAM_PREFIX = 'ledger-event-id-';
/** Where the port's event id travels; stripped from the metadata the port returns. */
const LEDGER_EVENT_ID = '$ledgerEventId';
/** Fixed namespace of the ledger's name-based (v5) event ids. Changing it breaks idempotence. */
const LEDGER_NAMESPACE = 'f407ef8d-2323-490a-84c6-4bcd8384aa0d';

/** RFC 9562 name-based UUID (version 5, SHA-1) of `name` in the ledger's namespace. */
export function ledgerUuid(name: string): string {
  return uuidV5(name, LEDGER_NAMESPACE);
}

/** `Promise.all` over `items` with at most `limit` calls in flight (id look-ups and links of a large batch). */
async function mapLimited<T, R>(items: readonly T[], map: (item: T, index: number) => Promise<R>, limit = 16): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function idStream(eventId: string): string {
  return `${ID_STREAM_PREFIX}${ledgerUuid(eventId)}`;
}

function toEventData(event: NewEvent) {
  return jsonEvent({
    id: ledgerUuid(event.id),
    type: event.type,
    // Canonical JSON, so the same event always has the same bytes (the client serialises with JSON.stringify).
    data: JSON.parse(canonicalJson(event.data ?? null)) as JSONType,
    metadata: JSON.parse(canonicalJson({ ...event.metadata, [LEDGER_EVENT_ID]: event.id })) as JSONType,
  });
}

function toStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'no-stream':
      return NO_STREAM;
    case 'stream-exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return BigInt(expected);
  }
}

function toPosition(position: number): Position {
  return { commit: BigInt(position), prepare: BigInt(position) };
}

function positionOf(raw: RawEvent): number {
  if (!raw.position) throw new Error(`event ${raw.id} in "${raw.streamId}" carries no $all position`);
  return toSafeNumber(raw.position.prepare, `$all position of event ${raw.id}`);
}

function toRecordedEvent(raw: RawEvent): RecordedEvent {
  const stored = isPlainObject(raw.metadata) ? { ...raw.metadata } : {};
  const ledgerId = stored[LEDGER_EVENT_ID];
  delete stored[LEDGER_EVENT_ID];
  return {
    id: typeof ledgerId === 'string' ? ledgerId : raw.id,
    stream: raw.streamId,
    streamRevision: toSafeNumber(raw.revision, 'stream revision'),
    globalPosition: positionOf(raw),
    type: raw.type,
    data: raw.data,
    metadata: stored as EventMetadata,
    recordedAt: formatMicros(raw.created.getTime() * 1000),
  };
}

/** `stored` must be exactly `events`: same ids in the same order, same type and data. */
function assertSameAppend(events: readonly NewEvent[], stored: readonly RecordedEvent[]): void {
  events.forEach((event, index) => {
    const row = stored[index];
    if (!row || row.id !== event.id) {
      throw new EventIdConflict(event.id, 'in a different append: a retry must repeat the whole append');
    }
    if (eventContent({ type: row.type, data: row.data ?? null }) !== eventContent({ type: event.type, data: event.data ?? null })) {
      throw new EventIdConflict(event.id, 'with different content');
    }
  });
}

function isSystemEvent(raw: RawEvent): boolean {
  return raw.type.startsWith('$') || raw.streamId.startsWith('$');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function toSafeNumber(value: bigint, what: string): number {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`${what} ${value} is out of range`);
  return Number(value);
}

function errorType(error: unknown): unknown {
  return error !== null && typeof error === 'object' ? (error as { type?: unknown }).type : undefined;
}

function isWrongExpectedVersion(error: unknown): error is { actualState: bigint | string } {
  return errorType(error) === 'wrong-expected-version';
}

function isStreamNotFound(error: unknown): boolean {
  return errorType(error) === 'stream-not-found';
}

function toPortError(stream: string, expected: ExpectedRevision, error: unknown): unknown {
  if (!isWrongExpectedVersion(error)) return error;
  const actual = error.actualState;
  return new WrongExpectedRevision(
    stream,
    expected,
    typeof actual === 'bigint' && actual >= 0n ? toSafeNumber(actual, 'stream revision') : 'no-stream',
  );
}
