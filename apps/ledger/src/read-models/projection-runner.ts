import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { EVENT_STORE, EventStore, passesFilter, RecordedEvent, Subscription } from '@ledger/event-store';
import { ledgerConfig } from '../config/ledger.config';
import { ContentRightsProjection } from './content-rights.projection';
import { FactLogProjection } from './fact-log.projection';
import { LedgerViews } from './ledger-views';
import { MeetingCalendar } from './meeting-calendar.projection';
import { Projection } from './projection';
import { ReadModelDatabase } from './read-model-database';
import { FactLog } from './standing';

/**
 * The stream categories each fact log reads (a category is a stream name before its first `-`:
 * `officer-decision-x` is in `officer`). Meetings are not among them: see MeetingCalendar.
 */
export const FACT_LOGS: Record<FactLog, readonly string[]> = {
  authority: ['body', 'delegation', 'reorganisation'],
  register: ['body', 'reorganisation', 'officer', 'recommendation'],
};

const REPLAY_PAGE = 10_000;

/** A failed subscription is started again after 100 ms, then twice as long each time it fails again, up to 5 s. */
export const RETRY_FIRST_MS = 100;
export const RETRY_MAX_MS = 5_000;

/** Whether the projections follow the ledger, and if they failed, what and since when. */
export type FollowingState =
  | { state: 'following' }
  /** LEDGER_PROJECTIONS=manual (a one-off CLI command): they move only when told to. */
  | { state: 'manual' }
  | { state: 'retrying'; projection: string; error: string; since: string; attempts: number; nextRetryMs: number };

/**
 * A read model derived from the others (the public projection): told each time they advance, and
 * dropped with them on rebuild. It keeps its own checkpoint with its rows.
 */
export interface DerivedProjection {
  readonly name: string;
  refresh(position: number): void;
  drop(): void;
}

export interface ReplayReport {
  /** Events in the ledger the replay brought the projections through. */
  events: number;
  /** Of those, the events the projections read (the store leaves out the rest). */
  read: number;
  seconds: number;
  eventsPerSec: number;
}

/**
 * Feeds the projections from the event store: on start, loads what they hold, catches each up from its
 * checkpoint, reading only the events it asks for, in pages (one transaction per page), then follows
 * the store live. Each event reaches a projection once, in order; its rows and checkpoint are written
 * together.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly factLogs: FactLogProjection[];
  private readonly projections: Projection[];
  private subscription?: Subscription;
  private readonly waiters: { position: number; resolve: () => void }[] = [];
  private readonly derived: DerivedProjection[] = [];
  private following: FollowingState;
  private retryTimer?: NodeJS.Timeout;
  private closing = false;
  /** The projection whose write failed last (the subscription itself when it was the store's read). */
  private failing = 'subscription';

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly database: ReadModelDatabase,
    private readonly views: LedgerViews,
    calendar: MeetingCalendar,
    contentRights: ContentRightsProjection,
    @Inject(ledgerConfig.KEY) private readonly config: ConfigType<typeof ledgerConfig>,
  ) {
    this.factLogs = (Object.keys(FACT_LOGS) as FactLog[]).map((log) => new FactLogProjection(log, FACT_LOGS[log], database));
    this.projections = [...this.factLogs, calendar, contentRights];
    this.following = config.projectionsFollowLive ? { state: 'following' } : { state: 'manual' };
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const projection of this.factLogs) this.views.reset(projection.name, projection.load());
    this.views.advanceTo(this.checkpoint());
    if (!this.config.projectionsFollowLive) return;
    for (const projection of this.derived) projection.refresh(this.checkpoint());
    try {
      await this.catchUp();
      this.follow();
    } catch (error) {
      // A full disk at start must not stop the ledger for good either: it answers (health 503) and tries again.
      this.failed(error);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    clearTimeout(this.retryTimer);
    await this.subscription?.stop();
  }

  /** Whether the projections follow the ledger; while retrying, which failed, with what, since when. */
  state(): FollowingState {
    return this.following;
  }

  /** Each projection's checkpoint, by name. */
  checkpoints(): Record<string, number> {
    return Object.fromEntries(this.projections.map((projection) => [projection.name, this.database.checkpoint(projection.name)]));
  }

  register(projection: DerivedProjection): void {
    this.derived.push(projection);
  }

  /** The lowest checkpoint: every projection has seen the ledger up to here. */
  checkpoint(): number {
    return Math.min(...this.projections.map((projection) => this.database.checkpoint(projection.name)));
  }

  /** Resolves once every projection has applied the ledger up to `position` (read-your-writes). */
  async caughtUpTo(position: number): Promise<void> {
    if (this.checkpoint() >= position) return;
    await new Promise<void>((resolve) => this.waiters.push({ position, resolve }));
  }

  /** Drops every projection and replays the whole ledger from position 0. */
  async rebuild(): Promise<ReplayReport> {
    clearTimeout(this.retryTimer);
    const following = this.subscription;
    // Forgotten first, so its end is not taken for a failure.
    this.subscription = undefined;
    await following?.stop();
    for (const projection of [...this.projections, ...this.derived]) projection.drop();
    for (const projection of this.factLogs) this.views.reset(projection.name, []);
    const started = process.hrtime.bigint();
    const { events, read } = await this.replay();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (this.config.projectionsFollowLive) this.follow();
    return { events, read, seconds, eventsPerSec: Math.round(events / Math.max(seconds, 1e-9)) };
  }

  /** Brings every projection from its checkpoint to the store's head; returns how many events they read. */
  async catchUp(): Promise<number> {
    return (await this.replay()).read;
  }

  /**
   * Each projection reads the events it asks for, from its checkpoint up to the head as it stood when
   * the replay began (later ones come live), then takes that head as its checkpoint, so the events it
   * skipped are never asked for again.
   */
  private async replay(): Promise<{ events: number; read: number }> {
    const head = await this.store.head();
    const from = this.checkpoint();
    let read = 0;
    for (const projection of this.projections) {
      let position = this.database.checkpoint(projection.name);
      if (position >= head.position) continue;
      for (;;) {
        this.failing = 'subscription';
        const page = (await this.store.readAll(position + 1, REPLAY_PAGE, projection.filter)).filter(
          (event) => event.globalPosition <= head.position,
        );
        const last = page.length < REPLAY_PAGE ? head.position : page[page.length - 1].globalPosition;
        this.failing = projection.name;
        this.keep(projection, projection.apply(page, last));
        read += page.length;
        position = last;
        if (position >= head.position) break;
      }
    }
    this.advanced(this.checkpoint(), head.lastRecordedAt);
    return { events: from === 0 ? head.eventCount : Math.max(0, head.position - from), read };
  }

  private follow(): void {
    const subscription = this.store.subscribeToAll((event) => this.apply(event), { after: this.checkpoint() });
    this.subscription = subscription;
    subscription.done.then(
      () => undefined,
      (error) => {
        if (this.subscription === subscription) this.failed(error);
      },
    );
  }

  /**
   * A write of a read model failed (a full disk, a lost connection) or the store could not be read: each
   * projection's rows and checkpoint were written together or not at all, so it starts again from its
   * checkpoint, after a back-off, until it succeeds. Logged when it starts failing and when it recovers.
   */
  private failed(error: unknown): void {
    if (this.closing) return;
    this.subscription = undefined;
    const message = error instanceof Error ? error.message : String(error);
    const attempts = this.following.state === 'retrying' ? this.following.attempts + 1 : 1;
    const nextRetryMs = Math.min(RETRY_FIRST_MS * 2 ** (attempts - 1), RETRY_MAX_MS);
    if (attempts === 1) this.logger.error(`projection ${this.failing} stopped at position ${this.checkpoint()}: ${message}; retrying`);
    const since = this.following.state === 'retrying' ? this.following.since : new Date().toISOString();
    this.following = { state: 'retrying', projection: this.failing, error: message, since, attempts, nextRetryMs };
    this.retryTimer = setTimeout(() => void this.resume(), nextRetryMs);
  }

  private async resume(): Promise<void> {
    if (this.closing) return;
    try {
      this.failing = 'subscription';
      await this.catchUp();
    } catch (error) {
      this.failed(error);
      return;
    }
    if (this.following.state === 'retrying')
      this.logger.log(
        `projections following the ledger again from position ${this.checkpoint()} after ${this.following.attempts} attempts`,
      );
    this.following = { state: 'following' };
    this.follow();
  }

  private apply(event: RecordedEvent): void {
    for (const projection of this.projections) {
      if (this.database.checkpoint(projection.name) >= event.globalPosition) continue;
      this.failing = projection.name;
      this.keep(projection, projection.apply(passesFilter(event, projection.filter) ? [event] : [], event.globalPosition));
    }
    this.failing = 'subscription';
    this.advanced(event.globalPosition, event.recordedAt);
  }

  private keep(projection: Projection, facts: ReturnType<Projection['apply']>): void {
    if (projection instanceof FactLogProjection && facts.length > 0) this.views.add(projection.name, facts);
  }

  private advanced(position: number, recordedAt: string | null): void {
    this.views.advanceTo(position, recordedAt);
    for (const projection of this.derived) projection.refresh(position);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].position <= position) this.waiters.splice(i, 1)[0].resolve();
    }
  }
}
