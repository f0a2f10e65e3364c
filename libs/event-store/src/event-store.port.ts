/**
 * The event-store port: the only way the ledger writes or reads its history.
 * Every adapter (embedded SQLite, KurrentDB) passes the same contract suite
 * (libs/event-store/test/event-store.contract.ts).
 */

/** Who caused an event and why; free-form beyond the named fields. */
export interface EventMetadata {
  commandId?: string;
  actor?: string;
  causationId?: string;
  correlationId?: string;
  [key: string]: unknown;
}

/** An event as the caller proposes it. `id` makes the append idempotent. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  id: string;
  type: Type;
  data: Data;
  metadata?: EventMetadata;
}

/** An event as the store holds it. `recordedAt` (transaction time) is assigned by the store. */
export interface RecordedEvent<Type extends string = string, Data = unknown> {
  id: string;
  stream: string;
  /** 0-based position of the event inside its stream. */
  streamRevision: number;
  /** Position in the store's total order; strictly increasing, never reused. */
  globalPosition: number;
  type: Type;
  data: Data;
  metadata: EventMetadata;
  /** ISO-8601 UTC timestamp with microseconds, strictly increasing across appends. */
  recordedAt: string;
}

/**
 * What the writer believes about the stream:
 * - `no-stream`: it must not exist yet;
 * - `stream-exists`: it must have at least one event;
 * - `any`: no check;
 * - a number: the revision of the stream's last event.
 */
export type ExpectedRevision = 'no-stream' | 'stream-exists' | 'any' | number;

/**
 * A stream the decision behind an append read, at the revision it read: the append is refused with
 * WrongExpectedRevision (and writes nothing) if that stream has moved since. The check and the write
 * are one atomic step, so a concurrent change to anything the decision rested on cannot slip between.
 */
export interface StreamCondition {
  stream: string;
  expected: ExpectedRevision;
}

export interface AppendOptions {
  /** Other streams that must still stand as read (never the stream written: `expected` covers it). */
  readConditions?: readonly StreamCondition[];
  /**
   * With a numeric `expected`: the id the stream's event at that revision must have, checked with it
   * (WrongExpectedRevision otherwise). The revision alone cannot tell whose events brought the stream there.
   */
  expectedLastEventId?: string;
}

export interface AppendResult {
  /** Revision of the last event written (or found, for an idempotent retry). */
  nextExpectedRevision: number;
  /** Global position of that event. */
  position: number;
}

export interface LedgerHead {
  /** Global position of the newest event; 0 when the store is empty. */
  position: number;
  eventCount: number;
  lastRecordedAt: string | null;
}

/**
 * Which events a read of all streams wants, chosen by the store so the rest never leave it: those of
 * some stream categories (a category is a stream name's part before its first `-`, as KurrentDB's
 * `$ce-` convention counts it: `body-ccg-x` is in `body`), or those of some event types.
 */
export type EventFilter = { categories: readonly string[] } | { eventTypes: readonly string[] };

/** The stream's category: its name up to the first `-`; '' when it has none. */
export function streamCategory(stream: string): string {
  const dash = stream.indexOf('-');
  return dash > 0 ? stream.slice(0, dash) : '';
}

/** Whether an event passes a filter (no filter: every event). */
export function passesFilter(event: { stream: string; type: string }, filter?: EventFilter): boolean {
  if (!filter) return true;
  return 'categories' in filter ? filter.categories.includes(streamCategory(event.stream)) : filter.eventTypes.includes(event.type);
}

export type EventHandler = (event: RecordedEvent) => Promise<void> | void;

export interface SubscriptionOptions {
  /** Deliver events strictly after this global position (a checkpoint). Default: from the start. */
  after?: number;
}

export interface Subscription {
  /** Resolves once every event that existed when the subscription started has been handled. */
  readonly caughtUp: Promise<void>;
  /** Resolves when the subscription has stopped; rejects if the handler threw. */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

export interface EventStore {
  /**
   * Appends to one stream if it is at `expected` and every `options.readConditions` stream still stands
   * as read. A retry of an append already written (same first event id) returns its original result.
   * Appends made concurrently may share one transaction and one flush to disk (group commit), each
   * still checked on its own: one refused append never refuses another. Resolves once durable.
   */
  append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision, options?: AppendOptions): Promise<AppendResult>;
  /** Events of one stream from `fromRevision` (inclusive), in order. Empty when the stream does not exist. */
  readStream(stream: string, fromRevision?: number): Promise<RecordedEvent[]>;
  /** The event with this id, in whichever stream it was appended; undefined when no such event is recorded. */
  readEvent(id: string): Promise<RecordedEvent | undefined>;
  /** Events of every stream from `fromPosition` (inclusive), in global order, at most `limit`; only those passing `filter` when given. */
  readAll(fromPosition?: number, limit?: number, filter?: EventFilter): Promise<RecordedEvent[]>;
  /** Catch-up subscription: replays from the checkpoint, then delivers live events; each handler call is awaited. */
  subscribeToAll(handler: EventHandler, options?: SubscriptionOptions): Subscription;
  head(): Promise<LedgerHead>;
  close(): Promise<void>;
}

/** Injection token for the configured adapter. */
export const EVENT_STORE = Symbol('EVENT_STORE');
