import { canonicalJson } from './canonical-json';
import { InvalidAppend, WrongExpectedRevision } from './event-store.errors';
import type { AppendOptions, ExpectedRevision, NewEvent } from './event-store.port';

/** Rules every adapter applies before it writes, so they all refuse the same appends. */
export function assertValidAppend(
  stream: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  options: AppendOptions = {},
): void {
  if (typeof stream !== 'string' || stream.length === 0) throw new InvalidAppend('stream name must be a non-empty string');
  if (events.length === 0) throw new InvalidAppend('an append needs at least one event');
  assertValidExpectation(expected);
  const conditioned = new Set<string>();
  for (const condition of options.readConditions ?? []) {
    if (typeof condition.stream !== 'string' || condition.stream.length === 0) throw new InvalidAppend('a read condition names a stream');
    if (condition.stream === stream)
      throw new InvalidAppend(`read condition on "${stream}", the stream written: use the expected revision`);
    if (conditioned.has(condition.stream)) throw new InvalidAppend(`two read conditions on "${condition.stream}"`);
    conditioned.add(condition.stream);
    assertValidExpectation(condition.expected);
  }
  if (options.expectedLastEventId !== undefined && typeof expected !== 'number') {
    throw new InvalidAppend('expectedLastEventId needs a numeric expected revision');
  }
  const ids = new Set<string>();
  for (const event of events) {
    if (typeof event.id !== 'string' || event.id.length === 0) throw new InvalidAppend('every event needs an id');
    if (typeof event.type !== 'string' || event.type.length === 0) throw new InvalidAppend(`event ${event.id} needs a type`);
    if (ids.has(event.id)) throw new InvalidAppend(`event id ${event.id} appears twice in one append`);
    ids.add(event.id);
  }
}

function assertValidExpectation(expected: ExpectedRevision): void {
  if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < 0)) {
    throw new InvalidAppend(`expected revision must be a non-negative integer, got ${expected}`);
  }
}

/** `actual` is the revision of the stream's last event, or -1 when the stream does not exist. */
export function assertExpectedRevision(stream: string, expected: ExpectedRevision, actual: number): void {
  const ok =
    expected === 'any' ||
    (expected === 'no-stream' && actual === -1) ||
    (expected === 'stream-exists' && actual >= 0) ||
    expected === actual;
  if (!ok) throw new WrongExpectedRevision(stream, expected, actual === -1 ? 'no-stream' : actual);
}

/** What an idempotent retry must repeat exactly: the type and the data. Metadata may differ (a retry has its own trace). */
export function eventContent(event: Pick<NewEvent, 'type' | 'data'>): string {
  return canonicalJson({ type: event.type, data: event.data });
}
