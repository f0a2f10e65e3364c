import { NewEvent, SqliteEventStore } from '@ledger/event-store';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EmbeddedLedgerTree,
  eventLeafHash,
  InMemoryTree,
  treeRoot,
  TreeProjection,
  TreeRefusesAppend,
  verifyConsistency,
  verifyInclusion,
} from '../src';

const event = (i: number, extra: Record<string, unknown> = {}): NewEvent => ({
  id: `event-${i}-${Math.random()}`,
  type: 'VoteCast',
  data: { vote: i % 2 ? 'for' : 'against', memberId: `member-${i}`, note: 'naïve — “quoted” \u2028', ...extra },
  metadata: { actor: 'test', commandId: `command-${i}` },
});

describe('the Merkle tree kept beside the embedded store', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'ledger-tree-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('hashes each event as the port returns it, and proves every leaf and every pair of sizes (random appends)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 12 }), async (batches) => {
        const store = new SqliteEventStore(join(folder, `${Math.random()}.sqlite`));
        const tree = new EmbeddedLedgerTree();
        store.observe(tree);
        let i = 0;
        for (const [b, size] of batches.entries()) {
          await store.append(
            `meeting-${b % 3}`,
            Array.from({ length: size }, () => event(i++, { nested: { b, z: [1, 'a'] } })),
            'any',
          );
        }
        const events = await store.readAll();
        const reference = new InMemoryTree(events.map(eventLeafHash));
        const n = events.length;
        expect(tree.tables.size()).toBe(n);
        const roots = Array.from({ length: n + 1 }, (_, size) => tree.tables.root(size));
        for (let size = 1; size <= n; size++) {
          expect(roots[size]).toEqual(treeRoot(reference, size));
          for (let index = 0; index < size; index++) {
            expect(await verifyInclusion(index, size, reference.node(0, index), tree.tables.inclusionProof(index, size), roots[size])).toBe(
              true,
            );
          }
          for (let from = 0; from <= size; from++) {
            expect(await verifyConsistency(from, size, roots[from], roots[size], tree.tables.consistencyProof(from, size))).toBe(true);
          }
        }
        expect(tree.tables.leafIndexOf(events[n - 1].globalPosition)).toBe(n - 1);
        await store.close();
      }),
      { numRuns: 15 },
    );
  });

  it('never fills itself in: events appended without it make it refuse every append until an explicit rebuild', async () => {
    const file = join(folder, 'ledger.sqlite');
    const bare = new SqliteEventStore(file);
    await bare.append('body-a', [event(1), event(2)], 'no-stream');
    const store = new SqliteEventStore(file);
    const tree = new EmbeddedLedgerTree();
    store.observe(tree);
    expect(tree.tables.size()).toBe(0);
    await expect(store.append('body-a', [event(3)], 1)).rejects.toThrow(
      /the tree ends at position 0 but the events at 2: it is not rebuilt silently/,
    );
    expect((await store.head()).eventCount).toBe(2);
    expect(tree.rebuild()).toBe(2);
    await store.append('body-a', [event(4)], 1);
    const events = await store.readAll();
    expect(tree.tables.size()).toBe(3);
    expect(tree.tables.root()).toEqual(treeRoot(new InMemoryTree(events.map(eventLeafHash)), 3));
    tree.refuseAppends(new TreeRefusesAppend('tree-check-running', 'not yet'));
    await expect(store.append('body-b', [event(5)], 'no-stream')).rejects.toThrow('not yet');
    expect(tree.tables.size()).toBe(3);
    await Promise.all([bare.close(), store.close()]);
  });

  it('gives the same tree through the projection KurrentDB uses (run here over the embedded store)', async () => {
    const store = new SqliteEventStore(join(folder, 'ledger.sqlite'), { pollIntervalMs: 10 });
    const embedded = new EmbeddedLedgerTree();
    store.observe(embedded);
    await store.append('body-a', [event(1), event(2), event(3)], 'no-stream');
    const projection = new TreeProjection(store, join(folder, 'ledger-tree.sqlite'));
    await projection.start();
    expect(projection.tables.size()).toBe(3);
    const { position } = await store.append('body-b', [event(4), event(5)], 'no-stream');
    await projection.caughtUpTo(position);
    await projection.stop();
    // A restart resumes after its checkpoint: nothing twice, nothing missed.
    await store.append('body-b', [event(6)], 1);
    const resumed = new TreeProjection(store, join(folder, 'ledger-tree.sqlite'));
    await resumed.start();
    expect(resumed.tables.size()).toBe(6);
    expect(resumed.tables.root()).toEqual(embedded.tables.root());
    const [sixth] = await store.readAll(6, 1);
    expect(resumed.tables.leafIndexOfEvent(sixth.id)).toBe(5);
    await resumed.stop();
    await store.close();
  });
});
