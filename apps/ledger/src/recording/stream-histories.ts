import { EventStore, RecordedEvent } from '@ledger/event-store';

/** Streams whose events are kept; the least recently read goes first. */
const STREAMS_KEPT = 512;

/**
 * The events of the streams read lately, so that reading a stream again asks the store only for what
 * was appended since: a stream only ever grows, so what was read stays true. Without it every command
 * on a body read the body's whole stream again (5 000 memberships: 5 000 events per appointment).
 */
export class StreamHistories {
  private readonly kept = new Map<string, RecordedEvent[]>();

  constructor(private readonly store: EventStore) {}

  async read(stream: string): Promise<RecordedEvent[]> {
    const known = this.kept.get(stream) ?? [];
    const newer = await this.store.readStream(stream, known.length);
    // Revisions count from 0 with no gaps; anything else (a store that disagrees) is read again whole.
    const follows = newer.length === 0 || newer[0].streamRevision === known.length;
    const events = !follows ? await this.store.readStream(stream) : newer.length === 0 ? known : [...known, ...newer];
    this.kept.delete(stream);
    // Only streams that exist: an unknown id asked for is not kept.
    if (events.length > 0) this.kept.set(stream, events);
    if (this.kept.size > STREAMS_KEPT) this.kept.delete(this.kept.keys().next().value as string);
    return events;
  }
}
