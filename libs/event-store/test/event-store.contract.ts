import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { AppendResult, EventIdConflict, EventStore, InvalidAppend, NewEvent, RecordedEvent, WrongExpectedRevision } from '../src';

/**
 * What one adapter under test provides. Every test names its own streams, so the suite also runs
 * against a shared server (KurrentDB) where other events exist: reads of `$all` are filtered to them.
 */
export interface ContractSubject {
  /** A store to test against (fresh for the embedded store, shared for a server). */
  open(): Promise<EventStore>;
  /** Close `store` and open the same storage again. */
  reopen(store: EventStore): Promise<EventStore>;
}

const ISO_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3,6}Z$/;

export function describeEventStoreContract(adapter: string, subject: ContractSubject): void {
  describe(`event store contract: ${adapter}`, () => {
    let store: EventStore;
    let prefix: string;
    const streamName = (name: string) => `${prefix}-${name}`;
    const ours = (events: RecordedEvent[]) => events.filter((event) => event.stream.startsWith(prefix));

    beforeEach(async () => {
      store = await subject.open();
      prefix = `t${randomUUID().slice(0, 8)}`;
    });
    afterEach(async () => {
      await store.close();
    });

    it('appends to a new stream, numbering revisions from 0 and giving increasing global positions', async () => {
      const stream = streamName('body');
      const result = await store.append(stream, [event('BodyEstablished', { n: 1 }), event('BodyRenamed', { n: 2 })], 'no-stream');
      const read = await store.readStream(stream);
      expect(read.map((e) => [e.streamRevision, e.type, e.data])).toEqual([
        [0, 'BodyEstablished', { n: 1 }],
        [1, 'BodyRenamed', { n: 2 }],
      ]);
      expect(read[1].globalPosition).toBeGreaterThan(read[0].globalPosition);
      expect(result).toEqual({ nextExpectedRevision: 1, position: read[1].globalPosition });
      expect(read.every((e) => e.stream === stream)).toBe(true);
    });

    it('keeps id and metadata, and stamps recordedAt itself, strictly increasing across appends', async () => {
      const stream = streamName('meta');
      const before = Date.now();
      const first = event('A', { x: 1 }, { actor: 'key:officer-1', commandId: 'cmd-1', correlationId: 'corr-1' });
      await store.append(stream, [first], 'no-stream');
      await store.append(stream, [event('B', {})], 0);
      const [a, b] = await store.readStream(stream);
      expect(a.id).toBe(first.id);
      expect(a.metadata).toEqual({ actor: 'key:officer-1', commandId: 'cmd-1', correlationId: 'corr-1' });
      expect(a.recordedAt).toMatch(ISO_MICROS);
      expect(Date.parse(a.recordedAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(a.recordedAt)).toBeLessThanOrEqual(Date.now() + 1000);
      expect(b.recordedAt > a.recordedAt).toBe(true);
    });

    it('reads a stream from a revision, and an unknown stream as empty', async () => {
      const stream = streamName('from');
      await store.append(stream, [event('A', {}), event('B', {}), event('C', {})], 'no-stream');
      expect((await store.readStream(stream, 1)).map((e) => e.type)).toEqual(['B', 'C']);
      expect(await store.readStream(streamName('never-written'))).toEqual([]);
    });

    it('finds an event by its id, in whichever stream it went, and nothing for an unknown id', async () => {
      const stream = streamName('by-id');
      const [first, second] = [event('A', { n: 1 }, { commandId: 'c-1' }), event('B', { n: 2 })];
      const result = await store.append(stream, [first, second], 'no-stream');
      await expect(store.readEvent(second.id)).resolves.toMatchObject({
        id: second.id,
        stream,
        streamRevision: 1,
        globalPosition: result.position,
        type: 'B',
        data: { n: 2 },
      });
      expect((await store.readEvent(first.id))?.metadata).toEqual({ commandId: 'c-1' });
      await expect(store.readEvent(randomUUID())).resolves.toBeUndefined();
      store = await subject.reopen(store);
      expect((await store.readEvent(first.id))?.stream).toBe(stream);
    });

    it('appends after a named last event only if the stream ends with it, writing nothing otherwise', async () => {
      const stream = streamName('after-event');
      const first = event('A', {});
      await store.append(stream, [first], 'no-stream');
      await expect(store.append(stream, [event('B', {})], 0, { expectedLastEventId: randomUUID() })).rejects.toBeInstanceOf(
        WrongExpectedRevision,
      );
      expect(await store.readStream(stream)).toHaveLength(1);
      await expect(store.append(stream, [event('B', {})], 0, { expectedLastEventId: first.id })).resolves.toMatchObject({
        nextExpectedRevision: 1,
      });
      await expect(store.append(stream, [event('C', {})], 'any', { expectedLastEventId: first.id })).rejects.toBeInstanceOf(InvalidAppend);
    });

    describe('concurrent appends (grouped into one commit where the adapter can)', () => {
      it('checks each append on its own: the refused ones write nothing, the others are written with increasing positions', async () => {
        const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map(streamName);
        await store.append(b, [event('Opened', {})], 'no-stream');
        await store.append(d, [event('Opened', {})], 'no-stream');
        const before = await store.head();
        const outcomes = await Promise.allSettled([
          store.append(a, [event('A1', {}), event('A2', {})], 'no-stream'),
          store.append(b, [event('B-stale', {})], 5),
          store.append(c, [event('C1', {})], 'no-stream', { readConditions: [{ stream: d, expected: 0 }] }),
          store.append(b, [event('B1', {})], 0),
          store.append(e, [event('E1', {})], 'no-stream', { readConditions: [{ stream: d, expected: 3 }] }),
        ]);
        expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'rejected']);
        expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevision);
        expect((outcomes[4] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevision);
        const written = ours(await store.readAll(before.position + 1));
        expect(written.map((event) => event.type).sort()).toEqual(['A1', 'A2', 'B1', 'C1']);
        expect(written.every((event, k) => k === 0 || event.globalPosition > written[k - 1].globalPosition)).toBe(true);
        const results = outcomes.filter((o): o is PromiseFulfilledResult<AppendResult> => o.status === 'fulfilled').map((o) => o.value);
        const lastOf = (type: string) => written.find((event) => event.type === type)!.globalPosition;
        expect(results.map((r) => r.position)).toEqual([lastOf('A2'), lastOf('C1'), lastOf('B1')]);
        expect((await store.readStream(b)).map((event) => event.streamRevision)).toEqual([0, 1]);
        expect(await store.readStream(e)).toEqual([]);
      });
    });

    describe('optimistic concurrency', () => {
      it('accepts the exact revision, any, and stream-exists when they hold', async () => {
        const stream = streamName('ok');
        await store.append(stream, [event('A', {})], 'no-stream');
        await store.append(stream, [event('B', {})], 0);
        await store.append(stream, [event('C', {})], 'stream-exists');
        const result = await store.append(stream, [event('D', {})], 'any');
        expect(result.nextExpectedRevision).toBe(3);
      });

      it.each([
        ['no-stream on an existing stream', 'no-stream' as const, 0],
        ['a stale revision', 5, 0],
        ['a revision behind the stream', 0, 1],
      ])('rejects %s with WrongExpectedRevision naming the actual revision', async (_label, expected, actual) => {
        const stream = streamName('stale');
        await store.append(stream, [event('A', {})], 'no-stream');
        if (actual === 1) await store.append(stream, [event('B', {})], 0);
        const attempt = store.append(stream, [event('X', {})], expected);
        await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevision);
        await expect(attempt).rejects.toMatchObject({ stream, expected, actual });
        expect((await store.readStream(stream)).map((e) => e.type)).not.toContain('X');
      });

      it('rejects stream-exists and exact revisions on a stream that does not exist', async () => {
        const stream = streamName('missing');
        await expect(store.append(stream, [event('A', {})], 'stream-exists')).rejects.toMatchObject({
          actual: 'no-stream',
        });
        await expect(store.append(stream, [event('A', {})], 0)).rejects.toBeInstanceOf(WrongExpectedRevision);
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('lets exactly one of two writers with the same expected revision win, and writes nothing of the other', async () => {
        const stream = streamName('race');
        await store.append(stream, [event('Opened', {})], 'no-stream');
        const writer = (name: string) => store.append(stream, [event(`${name}1`, {}), event(`${name}2`, {}), event(`${name}3`, {})], 0);
        const outcomes = await Promise.allSettled([writer('left'), writer('right')]);
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0].reason).toBeInstanceOf(WrongExpectedRevision);
        const types = (await store.readStream(stream)).map((e) => e.type);
        expect(types).toHaveLength(4);
        const winner = types[1].replace(/\d$/, '');
        expect(types.slice(1)).toEqual([`${winner}1`, `${winner}2`, `${winner}3`]);
      });
    });

    describe('read conditions (streams a decision read but does not write)', () => {
      it('appends while every read stream stands as read, and refuses, writing nothing, once one has moved', async () => {
        const written = streamName('meeting');
        const read = streamName('body');
        await store.append(read, [event('BodyEstablished', {})], 'no-stream');
        await store.append(written, [event('MeetingConvened', {})], 'no-stream', {
          readConditions: [
            { stream: read, expected: 0 },
            { stream: streamName('never'), expected: 'no-stream' },
          ],
        });
        await store.append(read, [event('MemberAppointed', {})], 0);
        const refused = store.append(written, [event('VoteCast', {})], 0, { readConditions: [{ stream: read, expected: 0 }] });
        await expect(refused).rejects.toBeInstanceOf(WrongExpectedRevision);
        await expect(refused).rejects.toMatchObject({ stream: read, actual: 1 });
        expect((await store.readStream(written)).map((e) => e.type)).toEqual(['MeetingConvened']);
        await expect(
          store.append(written, [event('VoteCast', {})], 0, {
            readConditions: [{ stream: streamName('never'), expected: 'stream-exists' }],
          }),
        ).rejects.toBeInstanceOf(WrongExpectedRevision);
        await store.append(written, [event('VoteCast', {})], 0, { readConditions: [{ stream: read, expected: 1 }] });
        expect((await store.readStream(written)).map((e) => e.type)).toEqual(['MeetingConvened', 'VoteCast']);
      });

      it('lets exactly one of two racing writers win when one writes a stream the other only read', async () => {
        const meeting = streamName('meeting');
        const body = streamName('body');
        await store.append(body, [event('BodyEstablished', {})], 'no-stream');
        await store.append(meeting, [event('MeetingConvened', {})], 'no-stream');
        for (let round = 0; round < 5; round++) {
          const [bodyRevision, meetingRevision] = [(await store.readStream(body)).length - 1, (await store.readStream(meeting)).length - 1];
          const outcomes = await Promise.allSettled([
            store.append(body, [event('MembershipEnded', { round })], bodyRevision),
            store.append(meeting, [event('VoteCast', { round })], meetingRevision, {
              readConditions: [{ stream: body, expected: bodyRevision }],
            }),
          ]);
          const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
          expect(rejected.length).toBeLessThanOrEqual(1);
          if (outcomes[0].status === 'fulfilled' && outcomes[1].status === 'fulfilled') {
            // Both can succeed only if the vote was decided first: then it was appended before the body moved.
            const vote = (await store.readStream(meeting)).at(-1)!;
            const ended = (await store.readStream(body)).at(-1)!;
            expect(vote.globalPosition).toBeLessThan(ended.globalPosition);
          } else {
            expect(rejected[0].reason).toBeInstanceOf(WrongExpectedRevision);
            expect(outcomes[0].status).toBe('fulfilled');
          }
        }
      });

      it('refuses a read condition on the stream written, or two on one stream', async () => {
        const stream = streamName('x');
        await expect(
          store.append(stream, [event('A', {})], 'no-stream', { readConditions: [{ stream, expected: 0 }] }),
        ).rejects.toBeInstanceOf(InvalidAppend);
        const other = streamName('y');
        await expect(
          store.append(stream, [event('A', {})], 'no-stream', {
            readConditions: [
              { stream: other, expected: 'any' },
              { stream: other, expected: 0 },
            ],
          }),
        ).rejects.toBeInstanceOf(InvalidAppend);
        expect(await store.readStream(stream)).toEqual([]);
      });
    });

    describe('idempotence', () => {
      it('treats a repeated append (same ids, same content) as a no-op returning the original result', async () => {
        const stream = streamName('retry');
        const batch = [event('A', { a: 1, b: [1, 2] }), event('B', {})];
        const first = await store.append(stream, batch, 'no-stream');
        // A retry carries the same content, possibly with keys in another order and a stale expectation.
        const again = await store.append(stream, [{ ...batch[0], data: { b: [1, 2], a: 1 } }, batch[1]], 'no-stream');
        expect(again).toEqual(first);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('rejects an event id reused with different content, writing nothing', async () => {
        const stream = streamName('reuse');
        const original = event('A', { amount: 1 });
        await store.append(stream, [original], 'no-stream');
        const head = await store.head();
        await expect(store.append(stream, [{ ...original, data: { amount: 2 } }], 'any')).rejects.toBeInstanceOf(EventIdConflict);
        await expect(store.append(stream, [{ ...original, type: 'B' }], 'any')).rejects.toBeInstanceOf(EventIdConflict);
        expect(await store.readStream(stream)).toHaveLength(1);
        expect((await store.head()).position).toBe(head.position);
      });

      it('rejects an event id reused in another stream', async () => {
        const original = event('A', {});
        await store.append(streamName('one'), [original], 'no-stream');
        await expect(store.append(streamName('two'), [original], 'any')).rejects.toBeInstanceOf(EventIdConflict);
        expect(await store.readStream(streamName('two'))).toEqual([]);
      });

      it('refuses malformed appends', async () => {
        await expect(store.append(streamName('empty'), [], 'any')).rejects.toBeInstanceOf(InvalidAppend);
        const twice = event('A', {});
        await expect(store.append(streamName('dup'), [twice, twice], 'any')).rejects.toBeInstanceOf(InvalidAppend);
        await expect(store.append(streamName('neg'), [event('A', {})], -2)).rejects.toBeInstanceOf(InvalidAppend);
      });
    });

    describe('reading all', () => {
      it('reads every stream in global order from a position, with a limit', async () => {
        const positions: number[] = [];
        for (const name of ['a', 'b', 'a', 'c', 'b']) {
          const result = await store.append(streamName(name), [event(`E-${name}`, { name })], 'any');
          positions.push(result.position);
        }
        const all = ours(await store.readAll());
        expect(all.map((e) => e.globalPosition)).toEqual(positions);
        expect(all.map((e) => e.type)).toEqual(['E-a', 'E-b', 'E-a', 'E-c', 'E-b']);

        const fromThird = ours(await store.readAll(positions[2]));
        expect(fromThird.map((e) => e.globalPosition)).toEqual(positions.slice(2));
        const two = await store.readAll(positions[2], 2);
        expect(two.map((e) => e.globalPosition)).toEqual(positions.slice(2, 4));
      });

      it('reads only the categories or event types a filter asks for, in global order, from a position, with a limit', async () => {
        const other = `u${prefix.slice(1)}`;
        const appended: RecordedEvent[] = [];
        for (const [stream, type] of [
          [streamName('a'), 'Kept'],
          [`${other}-b`, 'Kept'],
          [streamName('c'), 'Skipped'],
          [`${other}-d`, 'Other'],
          [streamName('a'), 'Kept'],
        ]) {
          await store.append(stream, [event(type, { stream })], 'any');
          appended.push((await store.readStream(stream)).at(-1)!);
        }
        const positionsOf = (events: RecordedEvent[]) => events.map((e) => e.globalPosition);
        const first = appended[0].globalPosition;

        const ourCategory = await store.readAll(first, undefined, { categories: [prefix] });
        expect(positionsOf(ourCategory)).toEqual(positionsOf([appended[0], appended[2], appended[4]]));
        const bothCategories = await store.readAll(first, undefined, { categories: [other, prefix] });
        expect(positionsOf(bothCategories)).toEqual(positionsOf(appended));

        const inThisTest = (events: RecordedEvent[]) =>
          events.filter((e) => e.stream.startsWith(`${prefix}-`) || e.stream.startsWith(`${other}-`));
        const kept = inThisTest(await store.readAll(first, undefined, { eventTypes: ['Kept'] }));
        expect(positionsOf(kept)).toEqual(positionsOf([appended[0], appended[1], appended[4]]));
        const keptOrOther = inThisTest(await store.readAll(first, undefined, { eventTypes: ['Other', 'Kept'] }));
        expect(positionsOf(keptOrOther)).toEqual(positionsOf([appended[0], appended[1], appended[3], appended[4]]));
        expect(keptOrOther[2]).toEqual(appended[3]);

        const fromSecond = await store.readAll(appended[1].globalPosition, 2, { categories: [prefix, other] });
        expect(positionsOf(fromSecond)).toEqual(positionsOf(appended.slice(1, 3)));
        expect(await store.readAll(first, undefined, { categories: [] })).toEqual([]);
        expect(await store.readAll(first, undefined, { categories: [`${prefix}x`] })).toEqual([]);
      });

      it('reports the head: newest position and its transaction time', async () => {
        const result = await store.append(streamName('head'), [event('A', {})], 'no-stream');
        const head = await store.head();
        const [stored] = await store.readStream(streamName('head'));
        expect(head.position).toBe(result.position);
        expect(head.lastRecordedAt).toBe(stored.recordedAt);
        expect(head.eventCount).toBeGreaterThanOrEqual(1);
      });
    });

    describe('catch-up subscription', () => {
      it('replays what exists, then delivers live appends, without loss or duplicates', async () => {
        for (let i = 0; i < 25; i++) await store.append(streamName(`s${i % 3}`), [event('Before', { i })], 'any');
        const seen: RecordedEvent[] = [];
        const subscription = store.subscribeToAll((e) => {
          if (e.stream.startsWith(prefix)) seen.push(e);
        });
        await subscription.caughtUp;
        expect(seen.filter((e) => e.type === 'Before')).toHaveLength(25);
        for (let i = 0; i < 25; i++) {
          await store.append(streamName(`s${i % 3}`), [event('Live', { i }), event('Live', { i, second: true })], 'any');
        }
        await waitFor(() => seen.length === 75);
        await subscription.stop();
        const positions = seen.map((e) => e.globalPosition);
        expect(new Set(positions).size).toBe(75);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        expect(ours(await store.readAll()).map((e) => e.id)).toEqual(seen.map((e) => e.id));
      });

      it('resumes strictly after a checkpoint', async () => {
        const results = [];
        for (let i = 0; i < 5; i++) results.push(await store.append(streamName('cp'), [event('E', { i })], 'any'));
        const seen: number[] = [];
        const subscription = store.subscribeToAll(
          (e) => {
            if (e.stream.startsWith(prefix)) seen.push((e.data as { i: number }).i);
          },
          { after: results[2].position },
        );
        await subscription.caughtUp;
        await subscription.stop();
        expect(seen).toEqual([3, 4]);
      });

      it('awaits the handler before delivering the next event (back-pressure)', async () => {
        for (let i = 0; i < 10; i++) await store.append(streamName('slow'), [event('E', { i })], 'any');
        let inFlight = 0;
        let maxInFlight = 0;
        const order: number[] = [];
        const subscription = store.subscribeToAll(async (e) => {
          if (!e.stream.startsWith(prefix)) return;
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 2));
          order.push((e.data as { i: number }).i);
          inFlight--;
        });
        await subscription.caughtUp;
        await subscription.stop();
        expect(maxInFlight).toBe(1);
        expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      });

      it('stops and reports a handler that throws', async () => {
        await store.append(streamName('boom'), [event('E', {})], 'no-stream');
        const subscription = store.subscribeToAll((e) => {
          if (e.stream.startsWith(prefix)) throw new Error('projection failed');
        });
        await expect(subscription.done).rejects.toThrow('projection failed');
      });
    });

    it('keeps every acknowledged event across closing and reopening the store', async () => {
      const stream = streamName('durable');
      const result = await store.append(stream, [event('A', { v: 'é ✓' }), event('B', { nested: { z: 1, a: 2 } })], 'no-stream');
      const before = await store.readStream(stream);
      store = await subject.reopen(store);
      const after = await store.readStream(stream);
      expect(after).toEqual(before);
      await expect(store.append(stream, [event('C', {})], result.nextExpectedRevision)).resolves.toMatchObject({
        nextExpectedRevision: 2,
      });
    });

    it('reads back exactly what random interleaved appends acknowledged (property)', async () => {
      const operation = fc.record({
        stream: fc.integer({ min: 0, max: 3 }),
        size: fc.integer({ min: 1, max: 4 }),
        expectation: fc.constantFrom('exact', 'any', 'stale', 'no-stream'),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(fc.array(operation, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), async (rounds) => {
          const run = randomUUID().slice(0, 6);
          const name = (i: number) => streamName(`p${run}-${i}`);
          const known = new Map<number, number>();
          const acknowledged: { stream: string; events: NewEvent[]; position: number; revision: number }[] = [];
          for (const round of rounds) {
            // Each round's appends run concurrently, each with an expectation read before the round.
            const attempts = round.map(async (op) => {
              const current = known.get(op.stream) ?? -1;
              const expected =
                op.expectation === 'any'
                  ? 'any'
                  : op.expectation === 'no-stream'
                    ? 'no-stream'
                    : op.expectation === 'stale'
                      ? current + 7
                      : current === -1
                        ? 'no-stream'
                        : current;
              const events = Array.from({ length: op.size }, (_, k) => event('Random', { op: op.stream, k, run }));
              try {
                const result = await store.append(name(op.stream), events, expected);
                acknowledged.push({ stream: name(op.stream), events, position: result.position, revision: result.nextExpectedRevision });
              } catch (error) {
                if (!(error instanceof WrongExpectedRevision)) throw error;
              }
            });
            await Promise.all(attempts);
            for (const op of round) {
              const stored = await store.readStream(name(op.stream));
              known.set(op.stream, stored.length - 1);
            }
          }
          const everything = (await store.readAll()).filter((e) => e.stream.includes(`p${run}-`));
          const expectedIds = acknowledged.flatMap((a) => a.events.map((e) => e.id)).sort();
          expect(everything.map((e) => e.id).sort()).toEqual(expectedIds);
          for (const ack of acknowledged) {
            const stored = everything.filter((e) => ack.events.some((n) => n.id === e.id));
            expect(stored.map((e) => e.data)).toEqual(ack.events.map((e) => e.data));
            expect(stored[stored.length - 1]).toMatchObject({ globalPosition: ack.position, streamRevision: ack.revision });
            expect(stored.every((e, k) => k === 0 || e.globalPosition > stored[k - 1].globalPosition)).toBe(true);
          }
          for (const i of new Set(rounds.flat().map((op) => op.stream))) {
            const revisions = (await store.readStream(name(i))).map((e) => e.streamRevision);
            expect(revisions).toEqual(revisions.map((_, k) => k));
          }
        }),
        { numRuns: 40 },
      );
    });
  });
}

function event(type: string, data: Record<string, unknown>, metadata?: NewEvent['metadata']): NewEvent {
  return { id: randomUUID(), type, data, metadata };
}

async function waitFor(condition: () => boolean, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
