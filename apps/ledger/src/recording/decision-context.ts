import { EventStore, RecordedEvent, StreamCondition } from '@ledger/event-store';
import {
  bodyStream,
  civilDateAt,
  ConvenedMeeting,
  DecisionContext,
  delegationStream,
  EstablishedBody,
  evolveBody,
  evolveDelegation,
  evolveMeeting,
  GrantedDelegation,
  meetingStream,
  Reads,
  ReorganisationEvent,
  successorsFrom,
  withCorrectionsApplied,
} from '@ledger/governance';
import { StreamHistories } from './stream-histories';

/** A stream as it stands, corrections applied, and the revision it was read at. */
export interface StreamRead {
  events: RecordedEvent[];
  /** Revision of the stream's last event; -1 when it does not exist. */
  revision: number;
  /** The facts as they stand after their corrections. */
  facts: RecordedEvent[];
}

const histories = new WeakMap<EventStore, StreamHistories>();

/** The stream as it stands; the store is asked only for the events appended since the stream was last read. */
export async function readStream(store: EventStore, stream: string): Promise<StreamRead> {
  let history = histories.get(store);
  if (!history) histories.set(store, (history = new StreamHistories(store)));
  const events = await history.read(stream);
  return { events, revision: events.length - 1, facts: withCorrectionsApplied(events) };
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
  ) {}

  async load(reads: Reads): Promise<DecisionContext> {
    const [bodies, meetings, delegations, successors] = await Promise.all([
      this.folded(reads.bodies, bodyStream, (facts) => fold(facts, evolveBody)),
      this.folded(reads.meetings, meetingStream, (facts) => fold(facts, evolveMeeting)),
      this.folded(reads.delegations, delegationStream, (facts) => fold(facts, evolveDelegation)),
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
      today: civilDateAt(new Date()),
    };
  }

  /** A body and every body it is (transitively) a committee of, nearest first. */
  async lineOfParents(bodyId: string): Promise<Map<string, EstablishedBody>> {
    const line = new Map<string, EstablishedBody>();
    let current: string | undefined = bodyId;
    while (current && !line.has(current)) {
      const body = (await this.folded([current], bodyStream, (facts) => fold(facts, evolveBody))).get(current) as
        EstablishedBody | undefined;
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
      read = readStream(this.store, stream);
      this.read.set(stream, read);
    }
    return read;
  }

  /** The recorded subjects among `ids`; an unknown id is simply absent (the decider says what that means). */
  private async folded<State extends { recorded: boolean }>(
    ids: readonly string[] | undefined,
    streamOf: (id: string) => string,
    foldFacts: (facts: RecordedEvent[]) => State,
  ): Promise<Map<string, State>> {
    const known = new Map<string, State>();
    await Promise.all(
      [...new Set(ids ?? [])].map(async (id) => {
        const state = foldFacts((await this.stream(streamOf(id))).facts);
        if (state.recorded) known.set(id, state);
      }),
    );
    return known;
  }
}

function fold<State>(facts: RecordedEvent[], evolve: (state: State, event: never) => State): State {
  return facts.reduce((state, fact) => evolve(state, fact as never), { recorded: false } as State);
}
