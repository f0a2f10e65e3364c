import { uuidV5 } from '@ledger/event-store';

/**
 * Event ids derived from the command id: the n-th event of a command always gets the same id, so a
 * retried command meets the store's idempotence instead of writing twice.
 */
export function eventIdFor(commandId: string, index: number): string {
  return uuidV5(`ledger-event:${commandId}:${index}`);
}
