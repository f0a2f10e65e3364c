import { createHash } from 'node:crypto';

/**
 * A name-based UUID (RFC 9562 version 5 layout: SHA-1, version and variant bits set): the same name
 * always gives the same id, which is what makes a retried command or append idempotent. With a
 * namespace it is a standard UUIDv5; without one the name alone is hashed (how the ledger has always
 * derived event ids from command ids, kept so ids already recorded stay the ids a retry derives).
 */
export function uuidV5(name: string, namespace?: string): string {
  const hash = createHash('sha1');
  if (namespace !== undefined) hash.update(Buffer.from(namespace.replace(/-/g, ''), 'hex'));
  const bytes = hash.update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
