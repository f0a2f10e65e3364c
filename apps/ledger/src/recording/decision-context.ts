import { EventStore, RecordedEvent, StreamCondition, WrongExpectedRevision } from '@ledger/event-store';
import {
  bodyStream,
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
import { Evolve, foldFacts, readStream, StreamCache, StreamRead } from './stream-cache';
import { Clock } from '../clock/clock';

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

  /**
   * The events of the other meetings' streams read: content about an item of another meeting (a minutes
   * amendment about an item of the minuted meeting) takes that item's key generation, counted there.
   */
  async otherMeetingEvents(): Promise<RecordedEvent[]> {
    const others = [...this.read].filter(([stream]) => stream !== this.writtenStream && stream.startsWith('meeting-'));
    return (await Promise.all(others.map(async ([, read]) => (await read).events))).flat();
  }

  /** Every stream read, at the revision read: the append's read conditions. */
  async conditions(): Promise<StreamCondition[]> {
    const reads = await Promise.all([...this.read].map(async ([stream, read]) => ({ stream, revision: (await read).revision })));
    return reads
      .filter(({ stream }) => stream !== this.writtenStream)
      .map(({ stream, revision }) => ({ stream, expected: revision === -1 ? 'no-stream' : revision }));
  }

  /** The append's refusal as a ReadConditionMoved when the stream that moved is one this decision read. */
  async told(error: unknown): Promise<unknown> {
    if (!(error instanceof WrongExpectedRevision) || error instanceof ReadConditionMoved) return error;
    const conditions = await this.conditions();
    if (!conditions.some(({ stream }) => stream === error.stream)) return error;
    return new ReadConditionMoved(error.stream, error.expected, error.actual);
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

/**
 * A stream the decision read (not the one it wrote) moved before the append: nothing was written, and
 * the command, decided again on what the stream holds now, may well be accepted. Answered as any
 * WrongExpectedRevision (409 expected-revision) once the retries are spent.
 */
export class ReadConditionMoved extends WrongExpectedRevision {}

/**
 * `attempt`, made again up to `retries` times while it fails because a stream it read moved (as
 * Emmett's command handler retries on a version conflict; here only for the streams read, since the
 * stream written has its turn, see stream-turns.ts). Each attempt reads and decides afresh.
 */
export async function retriedWhileReadsMove<T>(retries: number, attempt: () => Promise<T>): Promise<T> {
  for (let tried = 0; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ReadConditionMoved) || tried >= retries) throw error;
    }
  }
}
