import { EventStore, RecordedEvent, StreamCondition } from '@ledger/event-store';
import {
  bodyStream,
  ConvenedMeeting,
  DecisionContext,
  delegationStream,
  EstablishedBody,
  evolveBody,
  evolveDelegation,
  evolveMeeting,
  foldEvents,
  GrantedDelegation,
  meetingStream,
  Reads,
  ReorganisationEvent,
  successorsFrom,
  withCorrectionsApplied,
} from '@ledger/governance';
import { Clock } from '../clock/clock';

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

type Evolve<State> = (state: State, event: never) => State;

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

/**
 * Reads the other streams one decision rests on and remembers the revision of each, so the append can
 * require that none of them moved (the event store checks it in the same atomic step as the write).
 * Each stream is read once per decision, however often the decision (or a correction's replay) asks.
 */
export class DecisionContextReader {
  private readonly read = new Map<string, Promise<StreamRead>>();

  constructor(
    private readonly store: EventStore,
    private readonly writtenStream: string,
    private readonly cache?: StreamCache,
    private readonly clock = new Clock(),
  ) {}

  async load(reads: Reads): Promise<DecisionContext> {
    const [bodies, meetings, delegations, successors] = await Promise.all([
      this.folded(reads.bodies, bodyStream, evolveBody),
      this.folded(reads.meetings, meetingStream, evolveMeeting),
      this.folded(reads.delegations, delegationStream, evolveDelegation),
      reads.successions ? this.successors() : new Map<string, string[]>(),
    ]);
    for (const bodyId of reads.parentLinesOf?.(bodies as Map<string, EstablishedBody>) ?? []) {
      for (const [id, body] of await this.lineOfParents(bodyId)) bodies.set(id, body);
    }
    return {
      bodies: bodies as Map<string, EstablishedBody>,
      meetings: meetings as Map<string, ConvenedMeeting>,
      delegations: delegations as Map<string, GrantedDelegation>,
      successors,
      today: this.clock.today(),
    };
  }

  /** A body and every body it is (transitively) a committee of, nearest first. */
  async lineOfParents(bodyId: string): Promise<Map<string, EstablishedBody>> {
    const line = new Map<string, EstablishedBody>();
    let current: string | undefined = bodyId;
    while (current && !line.has(current)) {
      const body = (await this.folded([current], bodyStream, evolveBody)).get(current) as EstablishedBody | undefined;
      if (!body) break;
      line.set(current, body);
      current = body.parentBodyId;
    }
    return line;
  }

  /**
   * Who succeeded whom, from every reorganisation stream as it stands. Each stream read is a read
   * condition; a reorganisation recorded in a new stream meanwhile is not (reorganisations are admin
   * facts of a few a year, recorded before the meetings that depend on them).
   */
  private async successors(): Promise<Map<string, string[]>> {
    const streams = new Map<string, RecordedEvent[]>();
    for (const event of await this.store.readAll(1, undefined, { categories: ['reorganisation'] })) {
      streams.set(event.stream, [...(streams.get(event.stream) ?? []), event]);
    }
    for (const [stream, events] of streams) {
      if (!this.read.has(stream)) {
        this.read.set(
          stream,
          Promise.resolve({ events, revision: events[events.length - 1].streamRevision, facts: withCorrectionsApplied(events) }),
        );
      }
    }
    const facts = await Promise.all([...streams.keys()].map(async (stream) => (await this.read.get(stream)!).facts));
    return successorsFrom(facts.flat() as unknown as ReorganisationEvent[]);
  }

  /** Every stream read, at the revision read: the append's read conditions. */
  async conditions(): Promise<StreamCondition[]> {
    const reads = await Promise.all([...this.read].map(async ([stream, read]) => ({ stream, revision: (await read).revision })));
    return reads
      .filter(({ stream }) => stream !== this.writtenStream)
      .map(({ stream, revision }) => ({ stream, expected: revision === -1 ? 'no-stream' : revision }));
  }

  private stream(stream: string): Promise<StreamRead> {
    let read = this.read.get(stream);
    if (!read) {
      read = readStream(this.store, stream, this.cache);
      this.read.set(stream, read);
    }
    return read;
  }

  /** The recorded subjects among `ids`; an unknown id is simply absent (the decider says what that means). */
  private async folded<State extends { recorded: boolean }>(
    ids: readonly string[] | undefined,
    streamOf: (id: string) => string,
    evolve: Evolve<State>,
  ): Promise<Map<string, State>> {
    const known = new Map<string, State>();
    await Promise.all(
      [...new Set(ids ?? [])].map(async (id) => {
        const state = foldFacts(await this.stream(streamOf(id)), evolve, unrecorded as () => State, this.cache);
        if (state.recorded) known.set(id, state);
      }),
    );
    return known;
  }
}

function unrecorded(): { recorded: false } {
  return { recorded: false };
}
