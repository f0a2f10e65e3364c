import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore, RecordedEvent } from '@ledger/event-store';
import { Decider, DomainEvent, fold, withCorrectionsApplied } from '@ledger/governance';
import { Recording } from '../access/actor';
import { eventIdFor } from './event-ids';

/** What a write answers: where the facts went, so they can be cited (and corrected) later. */
export interface RecordedFacts {
  stream: string;
  revision: number;
  position: number;
  events: { id: string; type: string }[];
}

export interface LoadedStream<State> {
  state: State;
  /** Revision of the stream's last event; -1 when it does not exist. */
  revision: number;
  events: RecordedEvent[];
}

/**
 * The whole of a command handler's work: load the stream, fold it (corrections applied), decide,
 * append with the revision that was read. A concurrent writer makes the append fail with
 * WrongExpectedRevision (409) and nothing is written.
 */
@Injectable()
export class LedgerWriter {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load<State, Event extends DomainEvent>(
    stream: string,
    decider: Pick<Decider<unknown, State, Event>, 'evolve' | 'initialState'>,
  ): Promise<LoadedStream<State>> {
    const events = await this.store.readStream(stream);
    const facts = withCorrectionsApplied(events) as unknown as Event[];
    return { state: fold(decider, facts), revision: events.length - 1, events };
  }

  async record<Command, State extends object, Event extends DomainEvent>(args: {
    stream: string;
    decider: Decider<Command, State, Event>;
    command: Command;
    recording: Recording;
    /** State loaded from other streams (known bodies...), merged over the folded state. */
    context?: Partial<State>;
  }): Promise<RecordedFacts> {
    const { stream, decider, command, recording, context } = args;
    const loaded = await this.load(stream, decider);
    const events = decider.decide(command, { ...loaded.state, ...context });
    return this.append(stream, events, loaded.revision, recording);
  }

  /** Append already-decided events at the revision they were decided on. */
  async append(stream: string, events: DomainEvent[], revision: number, recording: Recording): Promise<RecordedFacts> {
    const { actor, commandId, correlationId } = recording;
    const newEvents = events.map((event, index) => ({
      id: eventIdFor(commandId, index),
      type: event.type,
      data: event.data,
      metadata: { actor: `key:${actor.keyId}`, role: actor.role, commandId, correlationId: correlationId ?? commandId },
    }));
    const result = await this.store.append(stream, newEvents, revision === -1 ? 'no-stream' : revision);
    return {
      stream,
      revision: result.nextExpectedRevision,
      position: result.position,
      events: newEvents.map(({ id, type }) => ({ id, type })),
    };
  }
}
