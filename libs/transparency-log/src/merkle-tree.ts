import { EMPTY_TREE_ROOT, Hash, nodeHash } from './hashing';

/**
 * The Merkle tree of RFC 9162 §2.1 over leaves 0..size-1, read through its *perfect subtrees*: the
 * node at `level` and `index` covers leaves [index·2^level, (index+1)·2^level). Those nodes never
 * change once their last leaf exists, so a store keeps each one once; every root and proof at any
 * tree size is then a few of them combined (the right edge of a tree that is not a power of two
 * is hashed on demand from at most log2(size) of them).
 */
export interface PerfectSubtrees {
  /** Hash of a complete subtree; level 0 is the leaf hash. Throws if that subtree is not complete. */
  node(level: number, index: number): Hash;
}

/** Largest power of two strictly less than n (n > 1): where RFC 9162 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH of leaves [start, start+count); `start` is always a multiple of a power of two ≥ count in RFC 9162's recursion. */
export function rangeRoot(tree: PerfectSubtrees, start: number, count: number): Hash {
  if (count === 0) return EMPTY_TREE_ROOT;
  const level = Math.log2(count);
  if (Number.isInteger(level) && start % count === 0) return tree.node(level, start / count);
  const k = splitPoint(count);
  return nodeHash(rangeRoot(tree, start, k), rangeRoot(tree, start + k, count - k));
}

export function treeRoot(tree: PerfectSubtrees, size: number): Hash {
  return rangeRoot(tree, 0, size);
}

/** RFC 9162 §2.1.3.1 PATH(index, D[size]): the siblings from the leaf up to the root. */
export function inclusionProof(tree: PerfectSubtrees, index: number, size: number): Hash[] {
  if (!(index >= 0 && index < size)) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const path: Hash[] = [];
  const walk = (start: number, count: number, m: number) => {
    if (count === 1) return;
    const k = splitPoint(count);
    if (m < k) {
      walk(start, k, m);
      path.push(rangeRoot(tree, start + k, count - k));
    } else {
      walk(start + k, count - k, m - k);
      path.push(rangeRoot(tree, start, k));
    }
  };
  walk(0, size, index);
  return path;
}

/** RFC 9162 §2.1.4.1 PROOF(from, D[to]): what links the root at `from` to the root at `to`. */
export function consistencyProof(tree: PerfectSubtrees, from: number, to: number): Hash[] {
  if (!(from >= 0 && from <= to)) throw new RangeError(`no consistency proof from ${from} to ${to}`);
  if (from === 0 || from === to) return [];
  const proof: Hash[] = [];
  const walk = (start: number, count: number, m: number, whole: boolean) => {
    if (m === count) {
      if (!whole) proof.push(rangeRoot(tree, start, count));
      return;
    }
    const k = splitPoint(count);
    if (m <= k) {
      walk(start, k, m, whole);
      proof.push(rangeRoot(tree, start + k, count - k));
    } else {
      walk(start + k, count - k, m - k, false);
      proof.push(rangeRoot(tree, start, k));
    }
  };
  walk(0, to, from, true);
  return proof;
}

/**
 * The right edge of a growing tree (a compact range from leaf 0): one perfect subtree per set bit of
 * the size, largest first. Appending a leaf merges equal neighbours; the nodes merged are exactly the
 * perfect subtrees that leaf completes, which is what a store keeps.
 */
export class CompactRange {
  private readonly peaks: { level: number; hash: Hash }[];

  constructor(
    private count = 0,
    peaks: readonly Hash[] = [],
  ) {
    const levels = peakLevels(count);
    if (levels.length !== peaks.length) throw new Error(`a tree of ${count} leaves has ${levels.length} peaks, got ${peaks.length}`);
    this.peaks = levels.map((level, i) => ({ level, hash: peaks[i] }));
  }

  /** The peaks of a tree of `size` leaves, read from its perfect subtrees. */
  static of(tree: PerfectSubtrees, size: number): CompactRange {
    let start = 0;
    const peaks = peakLevels(size).map((level) => {
      const hash = tree.node(level, start / 2 ** level);
      start += 2 ** level;
      return hash;
    });
    return new CompactRange(size, peaks);
  }

  get size(): number {
    return this.count;
  }

  /** Adds a leaf; returns the hashes of the subtrees it completes, level 1 upwards. */
  append(leaf: Hash): Hash[] {
    const completed: Hash[] = [];
    let node = { level: 0, hash: leaf };
    while (this.peaks.length > 0 && this.peaks[this.peaks.length - 1].level === node.level) {
      const left = this.peaks.pop()!;
      node = { level: node.level + 1, hash: nodeHash(left.hash, node.hash) };
      completed.push(node.hash);
    }
    this.peaks.push(node);
    this.count += 1;
    return completed;
  }

  root(): Hash {
    if (this.peaks.length === 0) return EMPTY_TREE_ROOT;
    let root = this.peaks[this.peaks.length - 1].hash;
    for (let i = this.peaks.length - 2; i >= 0; i--) root = nodeHash(this.peaks[i].hash, root);
    return root;
  }

  copy(): CompactRange {
    return new CompactRange(
      this.count,
      this.peaks.map((peak) => peak.hash),
    );
  }
}

/** Levels of the perfect subtrees a tree of `size` leaves decomposes into, largest first. */
function peakLevels(size: number): number[] {
  const levels: number[] = [];
  for (let level = 52; level >= 0; level--) if (Math.floor(size / 2 ** level) % 2 === 1) levels.push(level);
  return levels;
}

/** Perfect subtrees over leaf hashes held in memory (tests, small trees, the reference MTH). */
export class InMemoryTree implements PerfectSubtrees {
  private readonly levels: Hash[][] = [[]];

  constructor(leaves: readonly Hash[] = []) {
    for (const leaf of leaves) this.append(leaf);
  }

  get size(): number {
    return this.levels[0].length;
  }

  append(leaf: Hash): void {
    this.levels[0].push(leaf);
    let index = this.levels[0].length - 1;
    for (let level = 0; index % 2 === 1; level++) {
      (this.levels[level + 1] ??= []).push(nodeHash(this.levels[level][index - 1], this.levels[level][index]));
      index = (index - 1) / 2;
    }
  }

  node(level: number, index: number): Hash {
    const hash = this.levels[level]?.[index];
    if (!hash) throw new RangeError(`subtree ${level}/${index} is not complete`);
    return hash;
  }
}
