import type { EventFilter, RecordedEvent } from '@ledger/event-store';
import type { LedgerFact } from '@ledger/governance';

/**
 * A read model fed by the runner. It names the events it reads, so a replay asks the store for those
 * alone; it applies a batch and moves its checkpoint in one transaction, so it is never ahead of or
 * behind what it holds.
 */
export interface Projection {
  readonly name: string;
  readonly filter: EventFilter;
  /** Applies `events` (global order, all passing `filter`) and sets the checkpoint; returns the facts it keeps in memory. */
  apply(events: readonly RecordedEvent[], checkpoint: number): LedgerFact[];
  /** Removes every row and the checkpoint, before a replay from position 0. */
  drop(): void;
}

/** A recorded event as the read side keeps it. */
export function factOf(event: RecordedEvent): LedgerFact {
  return {
    id: event.id,
    stream: event.stream,
    type: event.type,
    data: event.data,
    position: event.globalPosition,
    recordedAt: event.recordedAt,
  };
}
