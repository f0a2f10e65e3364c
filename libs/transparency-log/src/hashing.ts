import { createHash } from 'node:crypto';

/**
 * RFC 9162 §2.1.1 hashing with SHA-256: a leaf is SHA-256(0x00 || entry), an interior node
 * SHA-256(0x01 || left || right). The prefixes keep a leaf from ever passing for a node.
 * Only node:crypto, so an auditor's verifier can take this file on its own.
 */
export type Hash = Buffer;

export const HASH_SIZE = 32;
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** The root of the empty tree: SHA-256 of nothing. */
export const EMPTY_TREE_ROOT: Hash = createHash('sha256').digest();

export function leafHash(entry: Uint8Array | string): Hash {
  return createHash('sha256').update(LEAF_PREFIX).update(entry).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Hash {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

export function sameHash(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return a !== undefined && b !== undefined && a.length === HASH_SIZE && b.length === HASH_SIZE && Buffer.compare(a, b) === 0;
}
