import { NewEvent, SqliteEventStore } from '@ledger/event-store';
import { StreamCache } from './stream-cache';

/** The write pipeline's stream cache: never a stale stream, folds resumed only over facts that only grew. */
describe('StreamCache', () => {
  let store: SqliteEventStore;
  let cache: StreamCache;
  let reads: [string, number | undefined][];
  const counted = (state: { n: number; seen: string[] }, event: never) => {
    const { id, data } = event as unknown as { id: string; data: { n: number } };
    return { n: state.n + data.n, seen: [...state.seen, id] };
  };
  const initial = () => ({ n: 0, seen: [] as string[] });
  const fact = (id: string, n: number): NewEvent => ({ id, type: 'Counted', data: { n } });

  beforeEach(() => {
    store = new SqliteEventStore(':memory:');
    cache = new StreamCache(2);
    reads = [];
    const read = store.readStream.bind(store);
    jest.spyOn(store, 'readStream').mockImplementation((stream, from) => {
      reads.push([stream, from]);
      return read(stream, from);
    });
  });
  afterEach(() => store.close());

  it('given a stream read once, when more is appended (by anyone), then the next read asks only for the tail and sees it', async () => {
    await store.append('s', [fact('a', 1), fact('b', 2)], 'no-stream');
    expect((await cache.read(store, 's')).revision).toBe(1);
    // Appended straight to the store, as another process would: the cache must not hide it.
    await store.append('s', [fact('c', 3)], 1);
    const read = await cache.read(store, 's');
    expect(read.events.map((event) => event.id)).toEqual(['a', 'b', 'c']);
    expect(read.revision).toBe(2);
    expect(reads).toEqual([
      ['s', 0],
      ['s', 2],
    ]);
  });

  it('given a fold, when the facts grew, then only the new facts are folded; an older read is folded from the start', async () => {
    await store.append('s', [fact('a', 1), fact('b', 2)], 'no-stream');
    const older = await cache.read(store, 's');
    expect(cache.fold(older, counted, initial)).toEqual({ n: 3, seen: ['a', 'b'] });
    await store.append('s', [fact('c', 3)], 1);
    const newer = await cache.read(store, 's');
    const evolve = jest.fn(counted);
    expect(cache.fold(newer, evolve, initial)).toEqual({ n: 6, seen: ['a', 'b', 'c'] });
    expect(cache.fold(older, counted, initial)).toEqual({ n: 3, seen: ['a', 'b'] });
    // A different evolve function has its own fold.
    expect(evolve).toHaveBeenCalledTimes(3);
    const resumed = jest.fn(counted);
    cache.fold(newer, resumed, initial);
    await store.append('s', [fact('d', 4)], 2);
    expect(cache.fold(await cache.read(store, 's'), resumed, initial)).toEqual({ n: 10, seen: ['a', 'b', 'c', 'd'] });
    expect(resumed).toHaveBeenCalledTimes(4);
  });

  it('given a fold, when a correction arrives, then the corrected facts are folded again from the start', async () => {
    await store.append('s', [fact('a', 1), fact('b', 2)], 'no-stream');
    expect(cache.fold(await cache.read(store, 's'), counted, initial)).toEqual({ n: 3, seen: ['a', 'b'] });
    await store.append(
      's',
      [{ id: 'b:correction', type: 'FactCorrected', data: { correctedEventId: 'b', changes: { n: 20 }, reason: 'misrecorded' } }],
      1,
    );
    const corrected = await cache.read(store, 's');
    expect(corrected.facts.map((event) => event.data)).toEqual([{ n: 1 }, { n: 20 }]);
    expect(cache.fold(corrected, counted, initial)).toEqual({ n: 21, seen: ['a', 'b'] });
  });

  it('holds at most its limit of streams, dropping the least recently read', async () => {
    for (const stream of ['x', 'y', 'z']) await store.append(stream, [fact(`${stream}1`, 1)], 'no-stream');
    await cache.read(store, 'x');
    await cache.read(store, 'y');
    await cache.read(store, 'x');
    await cache.read(store, 'z');
    reads.length = 0;
    await cache.read(store, 'x');
    await cache.read(store, 'y');
    // x was kept (read again since), y was dropped and read whole.
    expect(reads).toEqual([
      ['x', 1],
      ['y', 0],
    ]);
  });
});
