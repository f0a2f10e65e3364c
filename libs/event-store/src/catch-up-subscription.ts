import type { EventHandler, RecordedEvent, Subscription } from './event-store.port';

export interface CatchUpSource {
  handler: EventHandler;
  /** Deliver events strictly after this position. */
  after: number;
  readAfter(after: number, limit: number): Promise<RecordedEvent[]>;
  headPosition(): Promise<number>;
  /** Resolves when new events may exist (an append here, a poll interval, or the abort signal). */
  waitForMore(signal: AbortSignal): Promise<void>;
  pageSize: number;
}

/**
 * Catch-up subscription over a store that can read "after position P": replay in pages, then wait for
 * more. The handler is awaited before the next event is read, which is the back-pressure: a slow
 * projection slows its own feed, never the writers, and never sees an event twice or out of order.
 */
export class CatchUpSubscription implements Subscription {
  readonly caughtUp: Promise<void>;
  readonly done: Promise<void>;
  private readonly abort = new AbortController();
  private markCaughtUp!: () => void;

  constructor(private readonly source: CatchUpSource) {
    this.caughtUp = new Promise((resolve) => (this.markCaughtUp = resolve));
    this.done = this.run();
    // A failed subscription is reported through `done`; `caughtUp` must not hang its waiters.
    this.done.catch(() => this.markCaughtUp());
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    const { handler, readAfter, headPosition, waitForMore, pageSize } = this.source;
    const signal = this.abort.signal;
    let checkpoint = this.source.after;
    const headAtStart = await headPosition();
    if (checkpoint >= headAtStart) this.markCaughtUp();
    while (!signal.aborted) {
      const page = await readAfter(checkpoint, pageSize);
      for (const event of page) {
        if (signal.aborted) return;
        await handler(event);
        checkpoint = event.globalPosition;
      }
      if (checkpoint >= headAtStart) this.markCaughtUp();
      if (page.length < pageSize) await waitForMore(signal);
    }
  }
}
