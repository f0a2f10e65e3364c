import { EventStore, RecordedEvent } from '@ledger/event-store';
import { foldEvents, withCorrectionsApplied } from '@ledger/governance';

/** A stream as it stands, corrections applied, and the revision it was read at. */
export interface StreamRead {
  events: RecordedEvent[];
  /** Revision of the stream's last event; -1 when it does not exist. */
  revision: number;
  /** The facts as they stand after their corrections. */
  facts: RecordedEvent[];
}

export async function readStream(store: EventStore, stream: string, cache?: StreamCache): Promise<StreamRead> {
  if (cache) return cache.read(store, stream);
  const events = await store.readStream(stream);
  return { events, revision: events.length - 1, facts: withCorrectionsApplied(events) };
}

export type Evolve<State> = (state: State, event: never) => State;

/** Per evolve function: the state after the first `count` facts. Shared by the reads of one stream whose facts only grew. */
type Folds = Map<Evolve<unknown>, { count: number; state: unknown }>;

/**
 * The streams the write pipeline read lately, so the next command on them reads only the events
 * appended since (one indexed read of the tail) and folds only those. Never stale: every read asks the
 * store for the tail first, and the append's expected revision and read conditions refuse anything
 * that moved after. A correction among the new events changes earlier facts: that stream is read and
 * folded again from the start. Holds at most `limit` streams (least recently used go first).
 */
export class StreamCache {
  private readonly streams = new Map<string, StreamRead>();
  private readonly folds = new WeakMap<StreamRead, Folds>();

  constructor(private readonly limit = 2000) {}

  async read(store: EventStore, stream: string): Promise<StreamRead> {
    const cached = this.streams.get(stream);
    const tail = await store.readStream(stream, cached ? cached.revision + 1 : 0);
    let read: StreamRead;
    if (cached && tail.length === 0) read = cached;
    else if (cached && tail[0].streamRevision === cached.revision + 1 && !tail.some(isCorrection)) {
      const events = [...cached.events, ...tail];
      read = { events, revision: events.length - 1, facts: [...cached.facts, ...tail] };
      this.folds.set(read, this.folds.get(cached) ?? new Map());
    } else {
      const events = cached ? await store.readStream(stream) : tail;
      read = { events, revision: events.length - 1, facts: withCorrectionsApplied(events) };
      this.folds.set(read, new Map());
    }
    // Another read of this stream may have finished meanwhile with more of it: keep the longer.
    const latest = this.streams.get(stream);
    if (!latest || latest.revision <= read.revision) {
      this.streams.delete(stream);
      this.streams.set(stream, read);
      if (this.streams.size > this.limit) this.streams.delete(this.streams.keys().next().value as string);
    }
    return read;
  }

  /** `read.facts` folded with `evolve` from `initial`, resuming the last fold of the same facts where there is one. */
  fold<State>(read: StreamRead, evolve: Evolve<State>, initial: () => State): State {
    const folds = this.folds.get(read);
    const earlier = folds?.get(evolve as Evolve<unknown>);
    const resume = earlier && earlier.count <= read.facts.length;
    const state = foldEvents(
      read.facts.slice(resume ? earlier.count : 0),
      evolve as (state: State, fact: RecordedEvent) => State,
      resume ? (earlier.state as State) : initial(),
    );
    if (folds && (!earlier || earlier.count < read.facts.length)) folds.set(evolve as Evolve<unknown>, { count: read.facts.length, state });
    return state;
  }
}

/** Without a cache: the fold from the start. */
export function foldFacts<State>(read: StreamRead, evolve: Evolve<State>, initial: () => State, cache?: StreamCache): State {
  return cache
    ? cache.fold(read, evolve, initial)
    : foldEvents(read.facts, evolve as (state: State, fact: RecordedEvent) => State, initial());
}

function isCorrection(event: RecordedEvent): boolean {
  return event.type === 'FactCorrected';
}
