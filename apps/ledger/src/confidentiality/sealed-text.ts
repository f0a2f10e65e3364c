import type { ContentOwner } from '@ledger/governance';
import { ContentKeys } from './content-keys';
import { aesGcmOpen, aesGcmSeal } from './master-key';

/**
 * A content text as the event store holds it: `sealed:v1:<owner>:<iv‖tag‖ciphertext>`, base64url, sealed
 * with AES-256-GCM under the owner's data key and bound to the owner (the AAD), so a sealed text copied
 * into another item's field still answers to its own item's rules. The event's canonical bytes are this
 * text, so the log verifies whatever becomes of the keys.
 */
export const SEALED_TEXT = /sealed:v1:([A-Za-z0-9_-]+):([A-Za-z0-9_-]+)/g;

/** The key reference of an owner's generation. */
export function contentKeyRef({ meetingId, itemId, generation }: ContentOwner): string {
  return itemId === undefined ? `meeting/${meetingId}/minutes/${generation}` : `meeting/${meetingId}/item/${itemId}/${generation}`;
}

export function sealText(keys: ContentKeys, owner: ContentOwner, text: string): string {
  const ref = contentKeyRef(owner);
  const sealed = aesGcmSeal(keys.keyToSeal(ref), Buffer.from(text, 'utf8'), Buffer.from(ref));
  return `sealed:v1:${Buffer.from(JSON.stringify(owner)).toString('base64url')}:${sealed.toString('base64url')}`;
}

export type OpenedText = { owner: ContentOwner } & ({ text: string } | { erased: true } | { unavailable: true });

/** The owner named in a sealed text, or undefined when it is not one. */
export function ownerOf(encodedOwner: string): ContentOwner | undefined {
  try {
    const owner = JSON.parse(Buffer.from(encodedOwner, 'base64url').toString('utf8')) as ContentOwner;
    const valid =
      typeof owner?.meetingId === 'string' &&
      (owner.itemId === undefined || typeof owner.itemId === 'string') &&
      Number.isInteger(owner.generation);
    return valid
      ? { meetingId: owner.meetingId, ...(owner.itemId === undefined ? {} : { itemId: owner.itemId }), generation: owner.generation }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Opens one sealed text: its plaintext, or why there is none (its key destroyed, or not held here, or forged). */
export function openText(keys: ContentKeys, owner: ContentOwner, payload: string): OpenedText {
  const found = keys.keyOf(contentKeyRef(owner));
  if ('destroyed' in found) return { owner, erased: true };
  if (!('key' in found)) return { owner, unavailable: true };
  try {
    return { owner, text: aesGcmOpen(found.key, Buffer.from(payload, 'base64url'), Buffer.from(contentKeyRef(owner))).toString('utf8') };
  } catch {
    return { owner, unavailable: true };
  }
}
