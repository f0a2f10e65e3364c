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
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const projection of this.factLogs) this.views.reset(projection.name, projection.load());
    this.views.advanceTo(this.checkpoint());
    if (!this.config.projectionsFollowLive) return;
    for (const projection of this.derived) projection.refresh(this.checkpoint());
    await this.catchUp();
    this.follow();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
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
    await this.subscription?.stop();
    this.subscription = undefined;
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
        const page = (await this.store.readAll(position + 1, REPLAY_PAGE, projection.filter)).filter(
          (event) => event.globalPosition <= head.position,
        );
        const last = page.length < REPLAY_PAGE ? head.position : page[page.length - 1].globalPosition;
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
    this.subscription = this.store.subscribeToAll((event) => this.apply(event), { after: this.checkpoint() });
    this.subscription.done.catch((error) => this.logger.error(`projections stopped following the ledger: ${error}`));
  }

  private apply(event: RecordedEvent): void {
    for (const projection of this.projections) {
      if (this.database.checkpoint(projection.name) >= event.globalPosition) continue;
      this.keep(projection, projection.apply(passesFilter(event, projection.filter) ? [event] : [], event.globalPosition));
    }
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
