import fc from 'fast-check';
import {
  CompactRange,
  consistencyProof,
  EMPTY_TREE_ROOT,
  InMemoryTree,
  inclusionProof,
  leafHash,
  nodeHash,
  rootFromInclusionProof,
  treeRoot,
  verifierLeafHash,
  verifierNodeHash,
  verifyConsistency,
  verifyInclusion,
} from '../src';
import vectors from './fixtures/rfc9162-vectors.json';

const hex = (value: string) => Buffer.from(value, 'hex');
const leaves = vectors.leaves.map((leaf) => leafHash(hex(leaf)));
const roots = vectors.roots.map(hex);
const tree = new InMemoryTree(leaves);
const someHash = hex('abacaba000000000000000000000000000000000000000000060061e00123456');
const flip = (proof: Buffer[], i: number, bit: number) =>
  proof.map((hash, k) => (k === i ? Buffer.from(hash.map((b, j) => (j === 0 ? b ^ bit : b))) : hash));

describe('RFC 9162 hashing (transparency-dev/merkle vectors)', () => {
  it('hashes the empty tree, leaves and nodes as RFC 6962/9162 do, in the tree and in the verifier alike', async () => {
    expect(EMPTY_TREE_ROOT.toString('hex')).toBe(vectors.hashes.emptyRoot);
    expect(leafHash(Buffer.alloc(0)).toString('hex')).toBe(vectors.hashes.emptyLeaf);
    expect(leafHash('L123456').toString('hex')).toBe(vectors.hashes.leafL123456);
    expect(nodeHash(Buffer.from('N123'), Buffer.from('N456')).toString('hex')).toBe(vectors.hashes.nodeN123N456);
    const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
    expect(hexOf(await verifierLeafHash(new Uint8Array(0)))).toBe(vectors.hashes.emptyLeaf);
    expect(hexOf(await verifierLeafHash('L123456'))).toBe(vectors.hashes.leafL123456);
    expect(hexOf(await verifierNodeHash(Buffer.from('N123'), Buffer.from('N456')))).toBe(vectors.hashes.nodeN123N456);
  });

  it('computes the reference root of every prefix of the eight leaves, stored and incrementally', () => {
    const range = new CompactRange();
    leaves.forEach((leaf, i) => {
      range.append(leaf);
      expect(treeRoot(tree, i + 1).toString('hex')).toBe(vectors.roots[i]);
      expect(range.root().toString('hex')).toBe(vectors.roots[i]);
    });
    expect(treeRoot(tree, 0)).toEqual(EMPTY_TREE_ROOT);
  });

  it.each(vectors.inclusion)('builds and verifies the reference inclusion proof of leaf $leaf in $size', async ({ leaf, size, proof }) => {
    const expected = proof.map(hex);
    expect(inclusionProof(tree, leaf - 1, size)).toEqual(expected);
    expect(Buffer.from((await rootFromInclusionProof(leaf - 1, size, leaves[leaf - 1], expected))!)).toEqual(roots[size - 1]);
    expect(await verifyInclusion(leaf - 1, size, leaves[leaf - 1], expected, roots[size - 1])).toBe(true);
  });

  it.each(vectors.consistency)('builds and verifies the reference consistency proof from $from to $to', async ({ from, to, proof }) => {
    const expected = proof.map(hex);
    expect(consistencyProof(tree, from, to)).toEqual(expected);
    expect(await verifyConsistency(from, to, roots[from - 1], roots[to - 1], expected)).toBe(true);
  });
});

describe('broken proofs fail', () => {
  const nonTrivial = vectors.inclusion.filter(({ proof }) => proof.length > 1);
  it.each(nonTrivial)(
    'inclusion of leaf $leaf in $size: wrong index, wrong size, truncated, swapped, altered',
    async ({ leaf, size, proof }) => {
      const [index, path, root, hash] = [leaf - 1, proof.map(hex), roots[size - 1], leaves[leaf - 1]];
      const broken: [string, number, number, Buffer, Buffer[], Buffer][] = [
        ['index - 1', index - 1, size, hash, path, root],
        ['index + 1', index + 1, size, hash, path, root],
        ['index ^ 2', index ^ 2, size, hash, path, root],
        ['size * 2', index, size * 2, hash, path, root],
        ['size / 2', index, Math.floor(size / 2), hash, path, root],
        ['truncated path', index, size, hash, path.slice(0, -1), root],
        ['swapped siblings', index, size, hash, [path[1], path[0], ...path.slice(2)], root],
        ['sibling inserted', index, size, hash, [path[0], someHash, ...path.slice(1)], root],
        ['trailing garbage', index, size, hash, [...path, Buffer.alloc(0)], root],
        ['trailing root', index, size, hash, [...path, root], root],
        ['preceding root', index, size, hash, [root, ...path], root],
        ['wrong leaf', index, size, Buffer.from('WrongLeaf'), path, root],
        ['empty root', index, size, hash, path, EMPTY_TREE_ROOT],
        ['random root', index, size, hash, path, someHash],
        ...path.map((_, i): [string, number, number, Buffer, Buffer[], Buffer] => [
          `proof[${i}] bit flipped`,
          index,
          size,
          hash,
          flip(path, i, 8),
          root,
        ]),
      ];
      for (const [why, i, n, l, p, r] of broken) expect([why, await verifyInclusion(i, n, l, p, r)]).toEqual([why, false]);
    },
  );

  const consistent = vectors.consistency.filter(({ proof }) => proof.length > 0);
  it.each(consistent)('consistency from $from to $to: wrong sizes, roots, truncated, swapped, altered', async ({ from, to, proof }) => {
    const [path, r1, r2] = [proof.map(hex), roots[from - 1], roots[to - 1]];
    const broken: [string, number, number, Buffer, Buffer, Buffer[]][] = [
      ['from - 1', from - 1, to, r1, r2, path],
      ['from + 1', from + 1, to, r1, r2, path],
      ['from ^ 2', from ^ 2, to, r1, r2, path],
      ['to * 2', from, to * 2, r1, r2, path],
      ['to / 2', from, Math.floor(to / 2), r1, r2, path],
      ['wrong first root', from, to, Buffer.from('WrongRoot'), r2, path],
      ['wrong second root', from, to, r1, Buffer.from('WrongRoot'), path],
      ['swapped roots', from, to, r2, r1, path],
      ['empty proof', from, to, r1, r2, []],
      ['truncated proof', from, to, r1, r2, path.slice(0, -1)],
      ['swapped siblings', from, to, r1, r2, path.length > 1 ? [path[1], path[0], ...path.slice(2)] : [someHash]],
      ['trailing garbage', from, to, r1, r2, [...path, Buffer.alloc(0)]],
      ['trailing root', from, to, r1, r2, [...path, r2]],
      ['preceding root', from, to, r1, r2, [r1, ...path]],
      ...path.map((_, i): [string, number, number, Buffer, Buffer, Buffer[]] => [
        `proof[${i}] bit flipped`,
        from,
        to,
        r1,
        r2,
        flip(path, i, 16),
      ]),
    ];
    for (const [why, m, n, a, b, p] of broken) expect([why, await verifyConsistency(m, n, a, b, p)]).toEqual([why, false]);
  });

  it('refuses impossible sizes and malformed hashes', async () => {
    expect(await verifyInclusion(0, 0, leaves[0], [], EMPTY_TREE_ROOT)).toBe(false);
    expect(await verifyInclusion(2, 1, leaves[0], [], leaves[0])).toBe(false);
    expect(await verifyInclusion(0, 1, Buffer.alloc(0), [], Buffer.alloc(0))).toBe(false);
    expect(await verifyConsistency(2, 1, roots[1], roots[0], [])).toBe(false);
    expect(await verifyConsistency(1, 1, roots[0], roots[1], [])).toBe(false);
    expect(await verifyConsistency(0, 0, EMPTY_TREE_ROOT, EMPTY_TREE_ROOT, [EMPTY_TREE_ROOT])).toBe(false);
    expect(await verifyConsistency(0, 3, EMPTY_TREE_ROOT, roots[2], [])).toBe(true);
  });
});

describe('property: proofs of a tree grown by random appends', () => {
  it('every inclusion proof and every consistency proof between any two sizes verifies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 12 }), { minLength: 1, maxLength: 70 }), async (entries) => {
        const grown = new InMemoryTree();
        const range = new CompactRange();
        const rootsBySize: Buffer[] = [EMPTY_TREE_ROOT];
        for (const entry of entries) {
          const leaf = leafHash(entry);
          grown.append(leaf);
          range.append(leaf);
          rootsBySize.push(range.root());
        }
        const n = entries.length;
        for (let size = 1; size <= n; size++) {
          expect(treeRoot(grown, size)).toEqual(rootsBySize[size]);
          for (let i = 0; i < size; i++) {
            expect(await verifyInclusion(i, size, grown.node(0, i), inclusionProof(grown, i, size), rootsBySize[size])).toBe(true);
          }
          for (let from = 0; from <= size; from++) {
            expect(await verifyConsistency(from, size, rootsBySize[from], rootsBySize[size], consistencyProof(grown, from, size))).toBe(
              true,
            );
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('reads the edge of any tree back from its stored subtrees', () => {
    const grown = new InMemoryTree();
    const range = new CompactRange();
    for (let i = 0; i < 300; i++) {
      const leaf = leafHash(String(i));
      grown.append(leaf);
      range.append(leaf);
      expect(CompactRange.of(grown, i + 1).root()).toEqual(range.root());
    }
  });
});
