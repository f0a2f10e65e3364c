import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../src';
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
