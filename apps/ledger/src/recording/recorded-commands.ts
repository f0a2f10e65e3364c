import { Inject, Injectable } from '@nestjs/common';
import { AppendResult, canonicalJson, EVENT_STORE, EventIdConflict, EventStore, NewEvent, RecordedEvent } from '@ledger/event-store';
import { DomainEvent } from '@ledger/governance';
import { Recording } from '../access/actor';
import { ContentKeys } from '../confidentiality/content-keys';
import { IdempotencyKeyReused } from '../http/ledger-errors';
import { eventIdFor } from './event-ids';

/** What a write answers: where the facts went, so they can be cited (and corrected) later. */
export interface RecordedFacts {
  stream: string;
  revision: number;
  position: number;
  events: { id: string; type: string }[];
}

/** A recording with what makes its command that command (`hashOf`). */
export type HashedRecording = Recording & { commandHash: string };

/**
 * Whether a command is already recorded, asked of the event store itself: a command's event ids
 * derive from its command id (eventIdFor) and its first event carries the command's hash
 * (`commandHash` in the metadata). Nothing kept beside the events can disagree with it. `storedEvents`
 * writes that convention, `find` reads it.
 */
@Injectable()
export class RecordedCommands {
  /** Commands on their way into the store, by command id: an attempt made meanwhile shares the answer. */
  private readonly inFlight = new Map<string, Promise<RecordedFacts>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keys: ContentKeys,
  ) {}

  /**
   * What makes two commands the same command: their name and their validated data (route ids included),
   * as a MAC under the master key: a plain hash in the event log would let anyone holding the events
   * confirm a guess of a confidential text, even after its key was destroyed.
   */
  hashOf(command: string, data: Record<string, unknown>): string {
    return this.keys.fingerprint(canonicalJson({ command, data }));
  }

  /**
   * `record` once per command id in this process at a time: an attempt made while another is on its way
   * gets that one's answer (or, if it failed, makes its own). Two attempts racing from different places
   * meet the store's event ids: the loser is answered with what the winner recorded.
   */
  async once({ commandId, commandHash }: HashedRecording, record: () => Promise<RecordedFacts>): Promise<RecordedFacts> {
    const earlier = this.inFlight.get(commandId);
    const shared = earlier && (await earlier.catch(() => undefined));
    if (shared) return shared;
    const attempt = record().catch(async (error: unknown) => {
      const raced = error instanceof EventIdConflict ? await this.find(commandId, commandHash) : undefined;
      if (raced) return raced;
      throw error;
    });
    this.inFlight.set(commandId, attempt);
    try {
      return await attempt;
    } finally {
      if (this.inFlight.get(commandId) === attempt) this.inFlight.delete(commandId);
    }
  }

  /**
   * The answer the command got when it was recorded, rebuilt from its events; undefined when its first
   * event is not in the store. The same command id with another command is refused (422), writing nothing.
   */
  async find(commandId: string, commandHash: string): Promise<RecordedFacts | undefined> {
    const first = await this.store.readEvent(eventIdFor(commandId, 0));
    if (!first) return undefined;
    const recordedHash = first.metadata.commandHash;
    // Events recorded before commands carried a hash can only be matched by their command id.
    if (recordedHash !== undefined && recordedHash !== commandHash) {
      throw new IdempotencyKeyReused(
        `this Idempotency-Key (command id) was already used for a different command, recorded at position ${first.globalPosition}`,
      );
    }
    const events: RecordedEvent[] = [first];
    for (;;) {
      const next = await this.store.readEvent(eventIdFor(commandId, events.length));
      if (!next || next.stream !== first.stream) break;
      events.push(next);
    }
    const last = events[events.length - 1];
    return answerOf(first.stream, events, { nextExpectedRevision: last.streamRevision, position: last.globalPosition });
  }
}

/** The events as stored: ids from the command id, who (key id and person) and which command in the metadata, its hash on the first. */
export function storedEvents(
  events: readonly DomainEvent[],
  { actor, commandId, correlationId, commandHash }: HashedRecording,
): NewEvent[] {
  return events.map((event, index) => ({
    id: eventIdFor(commandId, index),
    type: event.type,
    data: event.data,
    metadata: {
      actor: `key:${actor.keyId}`,
      person: actor.person ?? null,
      role: actor.role,
      commandId,
      correlationId: correlationId ?? commandId,
      ...(index === 0 ? { commandHash } : {}),
    },
  }));
}

/** The answer to a command whose `events` were appended to `stream` with `result`. */
export function answerOf(stream: string, events: readonly { id: string; type: string }[], result: AppendResult): RecordedFacts {
  return { stream, revision: result.nextExpectedRevision, position: result.position, events: events.map(({ id, type }) => ({ id, type })) };
}
