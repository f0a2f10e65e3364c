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
  GrantedDelegation,
  meetingStream,
  Reads,
  withCorrectionsApplied,
} from '@ledger/governance';

/** A stream as it stands, corrections applied, and the revision it was read at. */
export interface StreamRead {
  events: RecordedEvent[];
  /** Revision of the stream's last event; -1 when it does not exist. */
  revision: number;
  /** The facts as they stand after their corrections. */
  facts: RecordedEvent[];
}

export async function readStream(store: EventStore, stream: string): Promise<StreamRead> {
  const events = await store.readStream(stream);
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
    const [bodies, meetings, delegations] = await Promise.all([
      this.folded(reads.bodies, bodyStream, (facts) => fold(facts, evolveBody)),
      this.folded(reads.meetings, meetingStream, (facts) => fold(facts, evolveMeeting)),
      this.folded(reads.delegations, delegationStream, (facts) => fold(facts, evolveDelegation)),
    ]);
    return {
      bodies: bodies as Map<string, EstablishedBody>,
      meetings: meetings as Map<string, ConvenedMeeting>,
      delegations: delegations as Map<string, GrantedDelegation>,
    };
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
