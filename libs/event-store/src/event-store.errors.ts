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

/**
 * The disk (or the database's space) is full: SQLite's SQLITE_FULL, the system's ENOSPC, PostgreSQL's
 * SQLSTATE 53100 (disk_full). Nothing of the failed write was kept; the same write succeeds once space is freed.
 */
export function isStorageFull(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && typeof cause === 'object' && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === '53100') return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}
