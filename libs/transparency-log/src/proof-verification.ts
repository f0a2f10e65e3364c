import { HASH_SIZE, Hash, nodeHash, sameHash } from './hashing';

/**
 * Checking proofs as RFC 9162 §2.1.3.2 and §2.1.4.2 describe, with nothing but the hashes: what an
 * auditor runs against a checkpoint it trusts. Sizes may exceed 2^32, so halving is arithmetic, not `>>`.
 */
const half = (n: number) => Math.floor(n / 2);
const odd = (n: number) => n % 2 === 1;
const wellFormed = (proof: readonly Uint8Array[]) => proof.every((hash) => hash.length === HASH_SIZE);

/** The root an inclusion proof leads to, or null when the proof cannot be one for this index and size. */
export function rootFromInclusionProof(index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[]): Hash | null {
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size)) return null;
  if (leaf.length !== HASH_SIZE || !wellFormed(proof)) return null;
  let fn = index;
  let sn = size - 1;
  let root: Hash = Buffer.from(leaf);
  for (const sibling of proof) {
    if (sn === 0) return null;
    if (odd(fn) || fn === sn) {
      root = nodeHash(sibling, root);
      if (!odd(fn)) while (!odd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      root = nodeHash(root, sibling);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 ? root : null;
}

export function verifyInclusion(index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  return sameHash(rootFromInclusionProof(index, size, leaf, proof) ?? undefined, root);
}

/** Whether the tree of `to` leaves with root `toRoot` extends the tree of `from` leaves with root `fromRoot`. */
export function verifyConsistency(
  from: number,
  to: number,
  fromRoot: Uint8Array,
  toRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!(Number.isSafeInteger(from) && Number.isSafeInteger(to) && from >= 0 && from <= to)) return false;
  if (!wellFormed(proof)) return false;
  if (from === to) return proof.length === 0 && sameHash(fromRoot, toRoot);
  if (from === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = Number.isInteger(Math.log2(from)) ? [fromRoot, ...proof] : [...proof];
  let fn = from - 1;
  let sn = to - 1;
  while (odd(fn)) [fn, sn] = [half(fn), half(sn)];
  let fr: Hash = Buffer.from(path[0]);
  let sr: Hash = Buffer.from(path[0]);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!odd(fn)) while (!odd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = nodeHash(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && sameHash(fr, fromRoot) && sameHash(sr, toRoot);
}
