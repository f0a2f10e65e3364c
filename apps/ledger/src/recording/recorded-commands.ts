import { Inject, Injectable } from '@nestjs/common';
import { canonicalJson, EVENT_STORE, EventStore, RecordedEvent } from '@ledger/event-store';
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

/**
 * Whether a command is already recorded, asked of the event store itself: a command's event ids
 * derive from its command id (eventIdFor) and its first event carries the command's hash
 * (`commandHash` in the metadata). Nothing kept beside the events can disagree with it.
 */
@Injectable()
export class RecordedCommands {
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
    return {
      stream: first.stream,
      revision: last.streamRevision,
      position: last.globalPosition,
      events: events.map(({ id, type }) => ({ id, type })),
    };
  }
}
