import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { EVENT_STORE, EventStore, RecordedEvent, Subscription } from '@ledger/event-store';
import { ledgerConfig } from '../config/ledger.config';
import { FactLogProjection } from './fact-log.projection';
import { LedgerViews } from './ledger-views';
import { ReadModelDatabase } from './read-model-database';

/** Which streams each projection reads. */
export const PROJECTIONS = {
  authority: ['body-', 'delegation-', 'reorganisation-'],
  register: ['body-', 'reorganisation-', 'meeting-', 'officer-decision-', 'recommendation-'],
} as const;

export type ProjectionName = keyof typeof PROJECTIONS;

const REPLAY_PAGE = 10_000;

export interface ReplayReport {
  events: number;
  seconds: number;
  eventsPerSec: number;
}

/**
 * Feeds the projections from the event store: on start, loads what they hold, catches up from their
 * checkpoints in pages (one transaction per page and projection), then follows the store live. Each
 * event reaches a projection once, in order; its rows and checkpoint are written together.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly projections: FactLogProjection[];
  private subscription?: Subscription;
  private readonly waiters: { position: number; resolve: () => void }[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly database: ReadModelDatabase,
    private readonly views: LedgerViews,
    @Inject(ledgerConfig.KEY) private readonly config: ConfigType<typeof ledgerConfig>,
  ) {
    this.projections = Object.entries(PROJECTIONS).map(([name, streams]) => new FactLogProjection(name, streams, database.db));
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const projection of this.projections) this.views.reset(projection.name, projection.load());
    this.views.advanceTo(this.checkpoint());
    if (!this.config.projectionsFollowLive) return;
    await this.catchUp();
    this.follow();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
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
    for (const projection of this.projections) {
      projection.drop();
      this.views.reset(projection.name, []);
    }
    const started = process.hrtime.bigint();
    const events = await this.catchUp();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (this.config.projectionsFollowLive) this.follow();
    return { events, seconds, eventsPerSec: Math.round(events / Math.max(seconds, 1e-9)) };
  }

  /** Replays in pages from the checkpoints; returns how many events were read. */
  async catchUp(): Promise<number> {
    let read = 0;
    let position = this.checkpoint();
    for (;;) {
      // readAll is inclusive and positions come from the store, so read from the checkpoint and skip it.
      const page = (await this.store.readAll(position === 0 ? undefined : position, REPLAY_PAGE)).filter((event) => event.globalPosition > position);
      if (page.length === 0) return read;
      this.apply(page);
      read += page.length;
      position = page[page.length - 1].globalPosition;
    }
  }

  private follow(): void {
    this.subscription = this.store.subscribeToAll((event) => this.apply([event]), { after: this.checkpoint() });
    this.subscription.done.catch((error) => this.logger.error(`projections stopped following the ledger: ${error}`));
  }

  private apply(events: readonly RecordedEvent[]): void {
    const last = events[events.length - 1].globalPosition;
    for (const projection of this.projections) {
      const checkpoint = this.database.checkpoint(projection.name);
      const unseen = checkpoint === 0 ? events : events.filter((event) => event.globalPosition > checkpoint);
      if (unseen.length === 0) continue;
      this.views.add(projection.name, projection.apply(unseen, last));
    }
    this.views.advanceTo(last);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].position <= last) this.waiters.splice(i, 1)[0].resolve();
    }
  }
}
