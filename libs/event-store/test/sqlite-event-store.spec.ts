import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EventIdConflict, SqliteEventStore } from '../src';
import { describeEventStoreContract } from './event-store.contract';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function freshFile(): string {
  const folder = mkdtempSync(join(tmpdir(), 'ledger-store-'));
  folders.push(folder);
  return join(folder, 'ledger.sqlite');
}

describeEventStoreContract('embedded SQLite', {
  open: async () => new SqliteEventStore(freshFile(), { pollIntervalMs: 20 }),
  reopen: async (store) => {
    await store.close();
    return new SqliteEventStore((store as SqliteEventStore).file, { pollIntervalMs: 20 });
  },
});

describe('embedded SQLite specifics', () => {
  it('is durable by configuration: WAL journal and synchronous=FULL on its own connection', async () => {
    const store = new SqliteEventStore(freshFile());
    expect(store.durability()).toEqual({ journalMode: 'wal', synchronous: 'FULL' });
    await store.close();
  });

  it('refuses to edit or delete an event, even by hand', async () => {
    const store = new SqliteEventStore(freshFile());
    await store.append('s', [{ id: 'e1', type: 'A', data: {} }], 'no-stream');
    const db = new Database(store.file);
    expect(() => db.prepare("UPDATE events SET data = '{}'").run()).toThrow(/never edits/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/never deletes/);
    db.close();
    expect(await store.readStream('s')).toHaveLength(1);
    await store.close();
  });

  it('assigns gap-free positions in commit order, also across two connections to one file', async () => {
    const file = freshFile();
    const one = new SqliteEventStore(file);
    const two = new SqliteEventStore(file);
    for (let i = 0; i < 20; i++) {
      await (i % 2 ? one : two).append(`s${i % 3}`, [{ id: `e${i}`, type: 'E', data: { i } }], 'any');
    }
    const all = await one.readAll();
    expect(all.map((e) => e.globalPosition)).toEqual(Array.from({ length: 20 }, (_, k) => k + 1));
    expect(all.map((e) => (e.data as { i: number }).i)).toEqual(Array.from({ length: 20 }, (_, k) => k));
    const times = all.map((e) => e.recordedAt);
    expect(times.every((t, k) => k === 0 || t > times[k - 1])).toBe(true);
    await one.close();
    await two.close();
  });

  it('commits appends made in one turn of the event loop together, in the order made, each checked on its own', async () => {
    const store = new SqliteEventStore(freshFile());
    await store.append('busy', [{ id: 'opened', type: 'Opened', data: {} }], 'no-stream');
    const groupsBefore = store.commits.groups;
    // 50 writers of one stream, each at the revision the previous one leaves: one group, one commit.
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, k) => store.append('busy', [{ id: `e${k}`, type: 'E', data: { k } }], k)),
    );
    expect(store.commits.groups - groupsBefore).toBe(1);
    expect(results.map((r) => r.nextExpectedRevision)).toEqual(Array.from({ length: 50 }, (_, k) => k + 1));
    expect(results.map((r) => r.position)).toEqual(Array.from({ length: 50 }, (_, k) => k + 2));
    expect((await store.readStream('busy')).slice(1).map((e) => (e.data as { k: number }).k)).toEqual(
      Array.from({ length: 50 }, (_, k) => k),
    );
    await store.close();
  });

  it('treats a retry in the same group as the original, and an id clash in the same group as a conflict', async () => {
    const store = new SqliteEventStore(freshFile());
    const first = { id: 'e1', type: 'A', data: { n: 1 } };
    const [original, retry, clash, after] = await Promise.allSettled([
      store.append('s', [first], 'no-stream'),
      store.append('s', [first], 'no-stream'),
      store.append('other', [{ ...first, data: { n: 2 } }], 'any'),
      store.append('s', [{ id: 'e2', type: 'B', data: {} }], 0),
    ]);
    expect(original).toEqual({ status: 'fulfilled', value: { nextExpectedRevision: 0, position: 1 } });
    expect(retry).toEqual(original);
    expect((clash as PromiseRejectedResult).reason).toBeInstanceOf(EventIdConflict);
    expect(after).toEqual({ status: 'fulfilled', value: { nextExpectedRevision: 1, position: 2 } });
    expect((await store.readAll()).map((e) => e.id)).toEqual(['e1', 'e2']);
    await store.close();
  });

  it('shows an append observer every written event of a group, in position order, and none of a refused append', async () => {
    const store = new SqliteEventStore(freshFile());
    const seen: number[][] = [];
    store.observe({
      attach: (db) => db.exec('CREATE TABLE IF NOT EXISTS observed (position INTEGER PRIMARY KEY)'),
      recorded: (rows) => {
        seen.push(rows.map((row) => row[0]));
        if (rows.some((row) => row[4] === 'Poison')) throw new Error('the observer refuses');
      },
    });
    const outcomes = await Promise.allSettled([
      store.append(
        'a',
        [
          { id: 'a1', type: 'A', data: {} },
          { id: 'a2', type: 'A', data: {} },
        ],
        'no-stream',
      ),
      store.append('b', [{ id: 'b1', type: 'Poison', data: {} }], 'no-stream'),
      store.append('a', [{ id: 'a3', type: 'A', data: {} }], 5),
      store.append('c', [{ id: 'c1', type: 'C', data: {} }], 'no-stream'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    // The refused append's position is given again to the next one: positions stay gap-free.
    expect(seen).toEqual([[1, 2], [3], [3]]);
    expect((await store.readAll()).map((e) => [e.globalPosition, e.id])).toEqual([
      [1, 'a1'],
      [2, 'a2'],
      [3, 'c1'],
    ]);
    await store.close();
  });

  it('acknowledges no append of a group whose commit fails, and writes none of it', async () => {
    const store = new SqliteEventStore(freshFile());
    await store.append('s', [{ id: 'e0', type: 'A', data: {} }], 'no-stream');
    // Another connection holds the write lock past the busy timeout: the group cannot begin.
    const blocker = new Database(store.file);
    blocker.pragma('busy_timeout = 0');
    blocker.exec('BEGIN IMMEDIATE');
    (store as unknown as { db: Database.Database }).db.pragma('busy_timeout = 50');
    const outcomes = await Promise.allSettled([
      store.append('s', [{ id: 'e1', type: 'A', data: {} }], 0),
      store.append('t', [{ id: 'e2', type: 'A', data: {} }], 'no-stream'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    blocker.exec('ROLLBACK');
    blocker.close();
    expect((await store.readAll()).map((e) => e.id)).toEqual(['e0']);
    await expect(store.append('s', [{ id: 'e1', type: 'A', data: {} }], 0)).resolves.toEqual({ nextExpectedRevision: 1, position: 2 });
    await store.close();
  });

  it('stores canonical JSON: the same event always has the same bytes', async () => {
    const store = new SqliteEventStore(freshFile());
    await store.append('s', [{ id: 'e1', type: 'A', data: { b: 1, a: { d: 2, c: 3 } }, metadata: { z: 1, actor: 'x' } }], 'any');
    const db = new Database(store.file, { readonly: true });
    const row = db.prepare('SELECT data, metadata FROM events').get() as { data: string; metadata: string };
    db.close();
    expect(row).toEqual({ data: '{"a":{"c":3,"d":2},"b":1}', metadata: '{"actor":"x","z":1}' });
    await store.close();
  });
});
