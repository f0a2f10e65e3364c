import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { eventLeafHash, InMemoryTree, treeRoot, TreeProjection } from '../src';

/**
 * The tree projection on a real KurrentDB: the server at KURRENTDB_URL, else skipped (as the
 * store's own KurrentDB contract run is when no server answers). Loaded lazily so a skipped run
 * never loads the gRPC client.
 */
const url = process.env.KURRENTDB_URL;
const describeOnServer = url ? describe : describe.skip;
if (!url) process.stdout.write('KurrentDB tree projection skipped: KURRENTDB_URL is not set\n');

describeOnServer('the tree projection on KurrentDB', () => {
  jest.setTimeout(120_000);

  it('makes one leaf per ledger event of $all, in order, mapped to its sparse position and id', async () => {
    const { KurrentDbEventStore } = await import('@ledger/event-store/kurrentdb/kurrentdb-event-store');
    const store = await KurrentDbEventStore.connect(url!);
    const folder = mkdtempSync(join(tmpdir(), 'ledger-kurrent-tree-'));
    try {
      const stream = `body-${randomUUID()}`;
      const { position } = await store.append(
        stream,
        [1, 2, 3].map((i) => ({ id: randomUUID(), type: 'BodyRenamed', data: { i } })),
        'no-stream',
      );
      const projection = new TreeProjection(store, join(folder, 'ledger-tree.sqlite'));
      await projection.start();
      await projection.caughtUpTo(position);
      const events = await store.readAll();
      expect(projection.tables.size()).toBe(events.length);
      expect(projection.tables.root()).toEqual(treeRoot(new InMemoryTree(events.map(eventLeafHash)), events.length));
      const last = events[events.length - 1];
      expect(projection.tables.leafIndexOf(last.globalPosition)).toBe(events.length - 1);
      expect(projection.tables.leafIndexOfEvent(last.id)).toBe(events.length - 1);
      await projection.stop();
    } finally {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
