import { EventEmitter } from 'node:events';
import { Client, Pool, type PoolConfig } from 'pg';
import { assertExpectedRevision, assertValidAppend, eventContent } from '../append-rules';
import { canonicalJson } from '../canonical-json';
import { CatchUpSubscription } from '../catch-up-subscription';
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
import { APPEND_CHANNEL, POSTGRES_EVENT_STORE_SCHEMA, SCHEMA_LOCK_KEY } from './schema';

export interface PostgresEventStoreOptions {
  /** How often a live subscription looks for events when no notification came (a lost LISTEN connection). */
  pollIntervalMs?: number;
  /** Page size of catch-up reads. */
  pageSize?: number;
  /** Connections kept for reads and appends. */
  poolSize?: number;
  /**
   * A session that stays idle inside a transaction longer than this is ended by the server
   * (idle_in_transaction_session_timeout), so a stalled node cannot hold the head row's lock, and with it
   * every node's appends, for longer.
   */
  idleInTransactionTimeoutMs?: number;
}

interface EventRow {
  /** bigint: text from a column, a number from row_to_json. */
  position: string | number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

const COLUMNS = 'position, id, stream, revision, type, data, metadata, recorded_at';

interface PendingAppend {
  stream: string;
  events: readonly NewEvent[];
  expected: ExpectedRevision;
  options: AppendOptions;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/** What ledger_append_group answers for each append of a group. */
type GroupOutcome =
  | { position: number; revision: number }
  | { retried: true }
  | { refused: 'revision'; stream: string; actual: number }
  | { refused: 'taken'; id: string };

/** The revisions a stream may be at for `expected` to hold (-1: no stream), so the database's check is a range. */
function expectedRange(expected: ExpectedRevision): { min: number; max: number } {
  if (expected === 'any') return { min: -1, max: 2 ** 31 - 1 };
  if (expected === 'no-stream') return { min: -1, max: -1 };
  if (expected === 'stream-exists') return { min: 0, max: 2 ** 31 - 1 };
  return { min: expected, max: expected };
}

function toGroupEntry({ stream, events, expected, options }: PendingAppend) {
  return {
    stream,
    ...expectedRange(expected),
    ...(options.expectedLastEventId !== undefined ? { lastId: options.expectedLastEventId } : {}),
    conditions: (options.readConditions ?? []).map((condition) => ({ stream: condition.stream, ...expectedRange(condition.expected) })),
    ids: events.map((event) => event.id),
    types: events.map((event) => event.type),
    data: events.map((event) => canonicalJson(event.data)),
    metadata: events.map((event) => canonicalJson(event.metadata ?? {})),
  };
}

/**
 * The event store on PostgreSQL, for several ledger nodes on one database.
 *
 * Every append transaction (ledger_append_group, schema.ts) first locks the one row of `ledger_head`, then
 * checks (idempotence, expected revision, read conditions) and inserts, numbering the events from the
 * head, and moves the head. The lock
 * is held until COMMIT has made the rows visible, so: no two appends interleave, on one node or many;
 * commit order is position order; a reader that sees position P sees every position below it (a
 * catch-up subscription reading "after my checkpoint" never skips one); and a rollback leaves no hole.
 *
 * GROUP COMMIT, as on SQLite: appends made while a transaction is in flight wait for the next one and are
 * written together, each with its own checks, one COMMIT (one WAL flush) for all, in one statement: one
 * round trip per group. A refused append writes nothing and does not stop the others.
 * Subscribers on every node are woken by NOTIFY on commit; a poll is the fallback.
 */
export class PostgresEventStore implements EventStore {
  private readonly appended = new EventEmitter();
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private pending: PendingAppend[] = [];
  private writing: Promise<void> | undefined;
  private listener: Client | undefined;
  private listening: Promise<void> | undefined;
  private closed = false;
  /** Group commits and the appends they carried, since the store was opened. */
  readonly commits = { groups: 0, appends: 0 };

  private constructor(
    /** The store's connections, which the ledger's other shared tables (API keys) use too. */
    readonly pool: Pool,
    private readonly config: PoolConfig,
    private readonly options: PostgresEventStoreOptions,
  ) {
    this.appended.setMaxListeners(0);
  }

  /** Connects, creates the tables if they are missing (once, whichever node comes first), and opens the store. */
  static async connect(url: string, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    const config: PoolConfig = {
      connectionString: url,
      max: options.poolSize ?? 8,
      application_name: 'ledger',
      idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 10_000,
    };
    const pool = new Pool(config);
    // An idle connection the server dropped: the pool discards it and opens another when next asked.
    pool.on('error', () => undefined);
    try {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
        await client.query(POSTGRES_EVENT_STORE_SCHEMA);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresEventStore(pool, config, options);
  }

  async append(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    assertValidAppend(stream, events, expected, options);
    if (this.closed) throw new Error('the PostgreSQL event store is closed');
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ stream, events, expected, options, resolve, reject });
      this.writing ??= this.writePending();
    });
  }

  async readEvent(id: string): Promise<RecordedEvent | undefined> {
    const { rows } = await this.pool.query<EventRow>(`SELECT ${COLUMNS} FROM events WHERE id = $1`, [id]);
    return rows[0] ? toRecordedEvent(rows[0]) : undefined;
  }

  async readStream(stream: string, fromRevision = 0): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream = $1 AND revision >= $2 ORDER BY revision`,
      [stream, fromRevision],
    );
    return rows.map(toRecordedEvent);
  }

  async readAll(fromPosition = 1, limit = -1, filter?: EventFilter): Promise<RecordedEvent[]> {
    return this.readAfter(fromPosition - 1, limit, filter);
  }

  subscribeToAll(handler: EventHandler, options: SubscriptionOptions = {}): Subscription {
    this.listening ??= this.listen();
    const subscription = new CatchUpSubscription({
      handler,
      after: options.after ?? 0,
      readAfter: (after, limit) => this.readAfter(after, limit),
      // Listening before the first read: an append committed after it is notified, one before it is read.
      headPosition: async () => {
        await this.listening;
        return (await this.head()).position;
      },
      waitForMore: (signal) => this.waitForAppend(signal),
      pageSize: this.options.pageSize ?? 1000,
    });
    this.subscriptions.add(subscription);
    void subscription.done.catch(() => undefined).finally(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async head(): Promise<LedgerHead> {
    const { rows } = await this.pool.query<{ position: string; recorded_at: string | null }>(
      'SELECT position, recorded_at FROM ledger_head',
    );
    const position = Number(rows[0]?.position ?? 0);
    // Positions are dense from 1 and no event is ever deleted (the triggers), so the count is the position:
    // counting a large table on every read of the head would cost a scan.
    return { position, eventCount: position, lastRecordedAt: rows[0]?.recorded_at ?? null };
  }

  /** The settings appends rest on, read back from one of the store's own connections. */
  async sessionSettings(): Promise<{ idleInTransactionSessionTimeout: string; synchronousCommit: string; isolation: string }> {
    const { rows } = await this.pool.query<{ idle: string; commit: string; isolation: string }>(
      `SELECT current_setting('idle_in_transaction_session_timeout') AS idle, current_setting('synchronous_commit') AS commit,
              current_setting('transaction_isolation') AS isolation`,
    );
    return { idleInTransactionSessionTimeout: rows[0].idle, synchronousCommit: rows[0].commit, isolation: rows[0].isolation };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writing;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.listening;
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }

  private async readAfter(after: number, limit: number, filter?: EventFilter): Promise<RecordedEvent[]> {
    const take = limit >= 0 ? limit : null;
    if (!filter) {
      const { rows } = await this.pool.query<EventRow>(`SELECT ${COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`, [
        after,
        take,
      ]);
      return rows.map(toRecordedEvent);
    }
    const [column, values] = 'categories' in filter ? ['category', filter.categories] : ['type', filter.eventTypes];
    if (values.length === 0) return [];
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE ${column} = ANY($1::text[]) AND position > $2 ORDER BY position LIMIT $3`,
      [[...new Set(values)], after, take],
    );
    return rows.map(toRecordedEvent);
  }

  /** Writes groups until nothing is pending; each append hears its own outcome once its group has committed. */
  private async writePending(): Promise<void> {
    while (this.pending.length > 0) {
      // Let the appends made in this turn of the event loop join the group.
      await new Promise((resolve) => setImmediate(resolve));
      const group = this.pending;
      this.pending = [];
      await this.writeGroup(group);
    }
    this.writing = undefined;
  }

  private async writeGroup(group: readonly PendingAppend[]): Promise<void> {
    let outcomes: GroupOutcome[];
    try {
      const { rows } = await this.pool.query<{ outcomes: GroupOutcome[] }>('SELECT ledger_append_group($1::jsonb) AS outcomes', [
        JSON.stringify(group.map(toGroupEntry)),
      ]);
      outcomes = rows[0].outcomes;
    } catch (error) {
      // The group's transaction failed as a whole (a database error, the connection lost): nothing of it was written.
      for (const append of group) append.reject(error);
      return;
    }
    this.commits.groups += 1;
    this.commits.appends += group.length;
    if (outcomes.some((outcome) => 'position' in outcome)) this.appended.emit('appended');
    await Promise.all(
      group.map(async (append, index) => {
        try {
          append.resolve(await this.resultOf(append, outcomes[index]));
        } catch (error) {
          append.reject(error);
        }
      }),
    );
  }

  private async resultOf(append: PendingAppend, outcome: GroupOutcome): Promise<AppendResult> {
    if ('position' in outcome) return { nextExpectedRevision: outcome.revision, position: outcome.position };
    // The stored rows never change, so a retry can be checked against them after the commit.
    if ('retried' in outcome) return this.replayOfEarlierAppend(append.stream, append.events);
    if (outcome.refused === 'taken') throw new EventIdConflict(outcome.id, 'by an earlier append');
    const expected =
      outcome.stream === append.stream
        ? append.expected
        : append.options.readConditions!.find((condition) => condition.stream === outcome.stream)!.expected;
    // Out of the expected range, assertExpectedRevision throws; in it, it was the last event id that differed.
    assertExpectedRevision(outcome.stream, expected, outcome.actual);
    throw new WrongExpectedRevision(outcome.stream, expected, outcome.actual);
  }

  /** The first event is already stored: this is a retry, valid only if it repeats that append exactly. */
  private async replayOfEarlierAppend(stream: string, events: readonly NewEvent[]): Promise<AppendResult> {
    const first = (await this.pool.query<EventRow>(`SELECT ${COLUMNS} FROM events WHERE id = $1`, [events[0].id])).rows[0];
    if (first.stream !== stream) throw new EventIdConflict(first.id, `in stream "${first.stream}"`);
    const { rows: stored } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
      [stream, first.revision, events.length],
    );
    events.forEach((event, index) => {
      const row = stored[index];
      if (!row || row.id !== event.id) {
        throw new EventIdConflict(event.id, 'in a different append: a retry must repeat the whole append');
      }
      if (eventContent({ type: row.type, data: JSON.parse(row.data) }) !== eventContent(event)) {
        throw new EventIdConflict(event.id, 'with different content');
      }
    });
    const last = stored[events.length - 1];
    return { nextExpectedRevision: last.revision, position: Number(last.position) };
  }

  /** One connection per store LISTENs; when it is lost, subscribers poll until it is back. */
  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new Client({ ...this.config, idle_in_transaction_session_timeout: undefined });
    const reconnect = () => {
      if (this.listener !== client) return;
      this.listener = undefined;
      void client.end().catch(() => undefined);
      // Whatever was appended meanwhile is read from the subscribers' checkpoints: wake them.
      this.appended.emit('appended');
      setTimeout(() => {
        if (!this.closed) this.listening = this.listen();
      }, this.options.pollIntervalMs ?? 1000).unref();
    };
    client.on('notification', () => this.appended.emit('appended'));
    client.on('error', reconnect);
    client.on('end', reconnect);
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${APPEND_CHANNEL}`);
    } catch {
      reconnect();
    }
  }

  private waitForAppend(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.appended.off('appended', finish);
        signal.removeEventListener('abort', finish);
        resolve();
      };
      const timer = setTimeout(finish, this.options.pollIntervalMs ?? 1000);
      this.appended.once('appended', finish);
      signal.addEventListener('abort', finish, { once: true });
    });
  }
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    globalPosition: Number(row.position),
    id: row.id,
    stream: row.stream,
    streamRevision: row.revision,
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    recordedAt: row.recorded_at,
  };
}
