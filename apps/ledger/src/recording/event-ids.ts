import { createHash } from 'node:crypto';

/**
 * Event ids derived from the command id: the n-th event of a command always gets the same id, so a
 * retried command meets the store's idempotence instead of writing twice. Name-based UUID (v5 layout).
 */
export function eventIdFor(commandId: string, index: number): string {
  const bytes = createHash('sha1').update(`ledger-event:${commandId}:${index}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
