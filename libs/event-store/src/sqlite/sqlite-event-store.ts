import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { assertExpectedRevision, assertValidAppend, eventContent } from '../append-rules';
import { canonicalJson } from '../canonical-json';
import { EventIdConflict, WrongExpectedRevision } from '../event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventFilter,
  EventHandler,
  EventStore,
  ExpectedRevision,
  LedgerHead,
  NewEvent,
  RecordedEvent,
  Subscription,
  SubscriptionOptions,
} from '../event-store.port';
import { TransactionClock } from '../recorded-at';
import { CatchUpSubscription } from '../catch-up-subscription';
import { CATEGORY_OF_STREAM, SQLITE_EVENT_STORE_SCHEMA } from './schema';

export interface SqliteEventStoreOptions {
  /** How often a live subscription looks for events appended by another process. */
  pollIntervalMs?: number;
  /** Page size of catch-up reads. */
  pageSize?: number;
}

/**
 * Something kept in step with the events inside the same SQLite transaction (the Merkle tree of the
 * transparency log): what it writes commits or rolls back with the events it was given.
 */
export interface SqliteAppendObserver {
  /** Once, with the store's connection, before it sees any append: create its tables, catch up. */
  attach(db: Database.Database): void;
  /** Inside the write transaction, after the append's rows are inserted; throwing rolls the append back. */
  recorded(rows: readonly StoredEventRow[]): void;
}

/** An event row as stored: data and metadata as the canonical JSON text written. */
export type StoredEventRow = EventRow;

type EventRow = [
  position: number,
  id: string,
  stream: string,
  revision: number,
  type: string,
  data: string,
  metadata: string,
  recordedAt: string,
];

const COLUMNS = 'position, id, stream, revision, type, data, metadata, recorded_at';

/** An append waiting for the next group commit. */
interface PendingAppend {
  stream: string;
  events: readonly NewEvent[];
  expected: ExpectedRevision;
  options: AppendOptions;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/**
 * The embedded event store: one SQLite file, WAL, synchronous=FULL (an acknowledged append has been
 * fsynced), one writer at a time (BEGIN IMMEDIATE). The global position is the table's rowid, assigned
 * inside the committing transaction, so positions have no gaps and commit order is position order.
 *
 * GROUP COMMIT. Appends made while the event loop is busy wait for the next turn (setImmediate) and are
 * then written together: one IMMEDIATE transaction, one fsync. Each append runs in its own savepoint with
 * its own checks (idempotence, expected revision, read conditions, observers), in the order the appends
 * were made, so a refused append rolls back only itself and the others of its group are written. No
 * append is acknowledged before the group's COMMIT has returned, i.e. before the fsync.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly clock = new TransactionClock();
  private readonly appended = new EventEmitter();
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly statements;
  private readonly appendInSavepoint;
  private readonly commitGroup;
  private readonly appendAlone;
  private pending: PendingAppend[] = [];
  /** Group commits and the appends they carried, since the store was opened (what group commit saves shows here). */
  readonly commits = { groups: 0, appends: 0 };
  private readonly observers: SqliteAppendObserver[] = [];
  private closed = false;

  constructor(
    readonly file: string,
    private readonly options: SqliteEventStoreOptions = {},
  ) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SQLITE_EVENT_STORE_SCHEMA);
    this.appended.setMaxListeners(0);

    const prepareRows = (sql: string) => this.db.prepare(sql).raw(true);
    this.statements = {
      streamRevision: this.db.prepare('SELECT max(revision) AS revision FROM events WHERE stream = ?').pluck(),
      byId: prepareRows(`SELECT ${COLUMNS} FROM events WHERE id = ?`),
      idAt: this.db.prepare('SELECT id FROM events WHERE stream = ? AND revision = ?').pluck(),
      stream: prepareRows(`SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision`),
      range: prepareRows(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
      categoryRange: prepareRows(
        `SELECT ${COLUMNS} FROM events WHERE ${CATEGORY_OF_STREAM} = ? AND position > ? ORDER BY position LIMIT ?`,
      ),
      typeRange: prepareRows(`SELECT ${COLUMNS} FROM events WHERE type = ? AND position > ? ORDER BY position LIMIT ?`),
      last: this.db.prepare('SELECT position, recorded_at AS recordedAt FROM events ORDER BY position DESC LIMIT 1'),
      count: this.db.prepare('SELECT count(*) FROM events').pluck(),
      insert: this.db.prepare('INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    };
    // Called inside the group's transaction, better-sqlite3 makes this a savepoint: a throw rolls back this append only.
    this.appendInSavepoint = this.db.transaction(
      (stream: string, events: readonly NewEvent[], expected: ExpectedRevision, options: AppendOptions) =>
        this.appendLocked(stream, events, expected, options),
    );
    // A group of one needs no savepoint: its own transaction rolls back with it.
    this.appendAlone = this.db.transaction(
      (stream: string, events: readonly NewEvent[], expected: ExpectedRevision, options: AppendOptions) =>
        this.appendLocked(stream, events, expected, options),
    );
    this.commitGroup = this.db.transaction((group: readonly PendingAppend[]) =>
      group.map(({ stream, events, expected, options }) => {
        try {
          return { ok: true as const, ...this.appendInSavepoint(stream, events, expected, options) };
        } catch (error) {
          return { ok: false as const, error };
        }
      }),
    );
  }

  async append(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    assertValidAppend(stream, events, expected, options);
    if (this.closed) throw new Error('the SQLite event store is closed');
    return new Promise<AppendResult>((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push({ stream, events, expected, options, resolve, reject });
    });
  }

  /** Event with this id, or undefined. */
  async readEvent(id: string): Promise<RecordedEvent | undefined> {
    const row = this.statements.byId.get(id) as EventRow | undefined;
    return row ? toRecordedEvent(row) : undefined;
  }

  /** Writes every pending append in one transaction; each hears its own outcome once the group is durable. */
  private flush(): void {
    const group = this.pending;
    this.pending = [];
    if (group.length === 0) return;
    let outcomes: ReturnType<typeof this.commitGroup>;
    if (group.length === 1) {
      const [{ stream, events, expected, options, resolve, reject }] = group;
      try {
        const outcome = this.appendAlone.immediate(stream, events, expected, options);
        this.commits.groups += 1;
        this.commits.appends += 1;
        resolve(outcome.result);
        if (outcome.written) this.appended.emit('appended');
      } catch (error) {
        reject(error);
      }
      return;
    }
    try {
      outcomes = this.commitGroup.immediate(group);
      this.commits.groups += 1;
      this.commits.appends += group.length;
    } catch (error) {
      // The COMMIT itself failed (disk full, busy past the timeout): nothing of the group was written.
      for (const append of group) append.reject(error);
      return;
    }
    outcomes.forEach((outcome, index) => (outcome.ok ? group[index].resolve(outcome.result) : group[index].reject(outcome.error)));
    if (outcomes.some((outcome) => outcome.ok && outcome.written)) this.appended.emit('appended');
  }

  /** Keeps `observer` in step with every append from now on (it catches up on the rest in `attach`). */
  observe(observer: SqliteAppendObserver): void {
    observer.attach(this.db);
    this.observers.push(observer);
  }

  async readStream(stream: string, fromRevision = 0): Promise<RecordedEvent[]> {
    return (this.statements.stream.all(stream, fromRevision) as EventRow[]).map(toRecordedEvent);
  }

  async readAll(fromPosition = 1, limit = -1, filter?: EventFilter): Promise<RecordedEvent[]> {
    return filter ? this.readFilteredAfter(fromPosition - 1, limit, filter) : this.readAfter(fromPosition - 1, limit);
  }

  subscribeToAll(handler: EventHandler, options: SubscriptionOptions = {}): Subscription {
    const subscription = new CatchUpSubscription({
      handler,
      after: options.after ?? 0,
      readAfter: async (after, limit) => this.readAfter(after, limit),
      headPosition: async () => (await this.head()).position,
      waitForMore: (signal) => this.waitForAppend(signal),
      pageSize: this.options.pageSize ?? 1000,
    });
    this.subscriptions.add(subscription);
    void subscription.done.catch(() => undefined).finally(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async head(): Promise<LedgerHead> {
    const last = this.statements.last.get() as { position: number; recordedAt: string } | undefined;
    // Counted, not inferred from the position: they differ only if someone got past the triggers, which `verify` names.
    const eventCount = last ? (this.statements.count.get() as number) : 0;
    return { position: last?.position ?? 0, eventCount, lastRecordedAt: last?.recordedAt ?? null };
  }

  /** The settings an acknowledged append's durability rests on, read back from the live connection. */
  durability(): { journalMode: string; synchronous: string } {
    const levels = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: levels[Number(this.db.pragma('synchronous', { simple: true }))],
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.flush();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.db.close();
  }

  private readAfter(after: number, limit: number): RecordedEvent[] {
    const events: RecordedEvent[] = [];
    for (const row of this.statements.range.iterate(after, limit) as IterableIterator<EventRow>) {
      events.push(toRecordedEvent(row));
    }
    return events;
  }

  /**
   * One index range per category or type, each already in position order, merged. (One query with
   * `IN (...)` would sort every remaining match on each page.)
   */
  private readFilteredAfter(after: number, limit: number, filter: EventFilter): RecordedEvent[] {
    const [statement, values] =
      'categories' in filter ? [this.statements.categoryRange, filter.categories] : [this.statements.typeRange, filter.eventTypes];
    const rows = [...new Set(values)].flatMap((value) => statement.all(value, after, limit) as EventRow[]);
    if (values.length > 1) rows.sort((a, b) => a[0] - b[0]);
    return (limit >= 0 ? rows.slice(0, limit) : rows).map(toRecordedEvent);
  }

  private appendLocked(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    options: AppendOptions,
  ): { result: AppendResult; written: boolean } {
    const retried = this.statements.byId.get(events[0].id) as EventRow | undefined;
    if (retried) return { result: this.replayOfEarlierAppend(stream, events, retried), written: false };

    const current = this.revisionOf(stream);
    assertExpectedRevision(stream, expected, current);
    if (options.expectedLastEventId !== undefined && this.statements.idAt.get(stream, current) !== options.expectedLastEventId) {
      throw new WrongExpectedRevision(stream, expected, current);
    }
    // Inside the same IMMEDIATE transaction as the insert: no writer can move a read stream in between.
    for (const condition of options.readConditions ?? [])
      assertExpectedRevision(condition.stream, condition.expected, this.revisionOf(condition.stream));

    const last = this.statements.last.get() as { recordedAt: string } | undefined;
    this.clock.observe(last?.recordedAt ?? null);
    const recordedAt = this.clock.next();

    let revision = current;
    let position = 0;
    const rows: EventRow[] = [];
    for (const event of events) {
      revision += 1;
      const [data, metadata] = [canonicalJson(event.data), canonicalJson(event.metadata ?? {})];
      try {
        const info = this.statements.insert.run(event.id, stream, revision, event.type, data, metadata, recordedAt);
        position = Number(info.lastInsertRowid);
      } catch (error) {
        if (isUniqueIdViolation(error)) throw new EventIdConflict(event.id, 'by an earlier append');
        throw error;
      }
      if (this.observers.length > 0) rows.push([position, event.id, stream, revision, event.type, data, metadata, recordedAt]);
    }
    for (const observer of this.observers) observer.recorded(rows);
    return { result: { nextExpectedRevision: revision, position }, written: true };
  }

  private revisionOf(stream: string): number {
    return (this.statements.streamRevision.get(stream) as number | null) ?? -1;
  }

  /** The first event is already stored: this is a retry, valid only if it repeats that append exactly. */
  private replayOfEarlierAppend(stream: string, events: readonly NewEvent[], first: EventRow): AppendResult {
    if (first[2] !== stream) throw new EventIdConflict(first[1], `in stream "${first[2]}"`);
    const stored = (this.statements.stream.all(stream, first[3]) as EventRow[]).slice(0, events.length);
    events.forEach((event, index) => {
      const row = stored[index];
      if (!row || row[1] !== event.id) {
        throw new EventIdConflict(event.id, 'in a different append: a retry must repeat the whole append');
      }
      if (eventContent({ type: row[4], data: JSON.parse(row[5]) }) !== eventContent(event)) {
        throw new EventIdConflict(event.id, 'with different content');
      }
    });
    const last = stored[events.length - 1];
    return { nextExpectedRevision: last[3], position: last[0] };
  }

  private waitForAppend(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.appended.off('appended', finish);
        signal.removeEventListener('abort', finish);
        resolve();
      };
      const timer = setTimeout(finish, this.options.pollIntervalMs ?? 200);
      this.appended.once('appended', finish);
      signal.addEventListener('abort', finish, { once: true });
    });
  }
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    globalPosition: row[0],
    id: row[1],
    stream: row[2],
    streamRevision: row[3],
    type: row[4],
    data: JSON.parse(row[5]),
    metadata: JSON.parse(row[6]),
    recordedAt: row[7],
  };
}

function isUniqueIdViolation(error: unknown): boolean {
  return error instanceof Error && (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes('events.id');
}
