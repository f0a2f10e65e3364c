import { EventStore, NewEvent, SqliteEventStore, WrongExpectedRevision } from '@ledger/event-store';
import { StreamState, StreamTurns } from './stream-turns';

/** One command per stream at a time; on the embedded store, the next one decides on the tip and shares the group commit. */
describe('StreamTurns', () => {
  let store: SqliteEventStore;
  beforeEach(() => (store = new SqliteEventStore(':memory:')));
  afterEach(() => store.close());

  const counted = (state: unknown) => (state as number) + 1;
  const fromStore = (of: EventStore) => async (): Promise<StreamState> => {
    const events = await of.readStream('s');
    return { read: { events, revision: events.length - 1, facts: events }, state: events.length };
  };

  /** A command that counts: it sees the stream's state (how many events), appends one more at the revision it read. */
  function count(turns: StreamTurns, of: EventStore, id: string, seen: { id: string; state: unknown; onTip: boolean }[]) {
    return turns.run('s', async (turn) => {
      let read = false;
      const own = await turn.load(async () => ((read = true), fromStore(of)()), counted);
      seen.push({ id, state: own.state, onTip: !read });
      const last = own.read.events[own.read.events.length - 1];
      const events: NewEvent[] = [{ id, type: 'Counted', data: {} }];
      const append = of.append('s', events, last ? last.streamRevision : 'no-stream', last ? { expectedLastEventId: last.id } : {});
      turn.queued(append, events);
      return append;
    });
  }

  it('on the embedded store, decides each command on the stream as the append before it will leave it, sharing commits', async () => {
    const turns = new StreamTurns(store);
    const seen: { id: string; state: unknown; onTip: boolean }[] = [];
    const groups = store.commits.groups;
    await Promise.all(['a', 'b', 'c', 'd'].map((id) => count(turns, store, id, seen)));
    expect(seen).toEqual([
      { id: 'a', state: 0, onTip: false },
      { id: 'b', state: 1, onTip: true },
      { id: 'c', state: 2, onTip: true },
      { id: 'd', state: 3, onTip: true },
    ]);
    expect((await store.readStream('s')).map((event) => event.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(store.commits.groups - groups).toBeLessThan(4);
  });

  it('on another store, waits for each command to finish and reads what it wrote', async () => {
    // The same store behind another face: not the embedded store, so no command decides on an append not yet durable.
    const other: EventStore = {
      append: (...args) => store.append(...args),
      readStream: (...args) => store.readStream(...args),
      readEvent: (id) => store.readEvent(id),
      readAll: (...args) => store.readAll(...args),
      subscribeToAll: (...args) => store.subscribeToAll(...args),
      head: () => store.head(),
      close: async () => undefined,
    };
    const turns = new StreamTurns(other);
    const seen: { id: string; state: unknown; onTip: boolean }[] = [];
    await Promise.all(['a', 'b', 'c'].map((id) => count(turns, other, id, seen)));
    expect(seen.map(({ id, state, onTip }) => [id, state, onTip])).toEqual([
      ['a', 0, false],
      ['b', 1, false],
      ['c', 2, false],
    ]);
  });

  it('decides again, on what is durable, a command decided on an append that was then refused', async () => {
    const turns = new StreamTurns(store);
    const append = store.append.bind(store);
    jest
      .spyOn(store, 'append')
      .mockImplementationOnce((stream, events, expected) =>
        append(stream, events, expected, { readConditions: [{ stream: 'never-recorded', expected: 'stream-exists' }] }),
      );
    const seen: { id: string; state: unknown; onTip: boolean }[] = [];
    const [a, b, c] = await Promise.allSettled(['a', 'b', 'c'].map((id) => count(turns, store, id, seen)));
    expect((a as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevision);
    expect([b.status, c.status]).toEqual(['fulfilled', 'fulfilled']);
    expect((await store.readStream('s')).map((event) => event.id)).toEqual(['b', 'c']);
    // b was decided on a's tip, refused with it, and decided again on what the store held.
    expect(seen.filter(({ id }) => id === 'b').map(({ state }) => state)).toEqual([1, 0]);
  });
});
