import type { ExpectedRevision } from './event-store.port';

/** Base class so the HTTP layer can map every store error in one place. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

/** The stream was not where the writer expected it to be: another writer got there first. */
export class WrongExpectedRevision extends EventStoreError {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** Revision of the stream's last event, or `no-stream`. */
    readonly actual: number | 'no-stream',
  ) {
    super(`stream "${stream}": expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevision';
  }
}

/** An event id was reused for different content (or in another stream): never a retry. */
export class EventIdConflict extends EventStoreError {
  readonly code = 'EVENT_ID_CONFLICT';
  constructor(
    readonly eventId: string,
    readonly reason: string,
  ) {
    super(`event id ${eventId} is already recorded ${reason}`);
    this.name = 'EventIdConflict';
  }
}

/** The caller broke the port's contract (empty batch, negative revision, missing id...). */
export class InvalidAppend extends EventStoreError {
  readonly code = 'INVALID_APPEND';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppend';
  }
}
