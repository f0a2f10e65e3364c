import type { RecordedEvent } from '@ledger/event-store';
import type { StoredEventRow } from '@ledger/event-store/sqlite/sqlite-event-store';
import { canonicalJson } from '@ledger/event-store/canonical-json';
import { Hash, leafHash } from './hashing';

/**
 * What a leaf commits to: the stored event, every field, as canonical JSON (keys sorted, no
 * whitespace) in UTF-8. Position and revision are in it, so an event moved, renumbered or swapped
 * hashes differently from the one that was logged there.
 */
export interface EventEntry {
  id: string;
  stream: string;
  revision: number;
  position: number;
  type: string;
  data: unknown;
  metadata: unknown;
  recordedAt: string;
}

export function entryOf(event: RecordedEvent): EventEntry {
  return {
    id: event.id,
    stream: event.stream,
    revision: event.streamRevision,
    position: event.globalPosition,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
  };
}

/** The canonical text of a recorded event: the bytes its leaf hashes. */
export function canonicalEventText(event: RecordedEvent): string {
  return canonicalJson(entryOf(event));
}

/** A stored row's fields by name; data and metadata are canonical JSON text. */
export interface StoredFields {
  id: string;
  stream: string;
  revision: number;
  position: number;
  type: string;
  data: string;
  metadata: string;
  recordedAt: string;
}

export function storedFields([position, id, stream, revision, type, data, metadata, recordedAt]: StoredEventRow): StoredFields {
  return { position, id, stream, revision, type, data, metadata, recordedAt };
}

/**
 * The same text built from a stored row whose data and metadata are already canonical JSON text (the
 * embedded store writes them so): no parse and re-serialise, which is what lets `verify` hash
 * hundreds of thousands of events a second. Keys in sorted order, as `canonicalJson` would put them.
 */
export function canonicalStoredText(row: StoredFields): string {
  return (
    `{"data":${row.data},"id":${quoted(row.id)},"metadata":${row.metadata},"position":${row.position},` +
    `"recordedAt":${quoted(row.recordedAt)},"revision":${row.revision},"stream":${quoted(row.stream)},"type":${quoted(row.type)}}`
  );
}

/** What JSON.stringify escapes: quotes, backslashes, control characters, lone surrogates. */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify of a string, without its cost for the plain ids and names nearly every event has. */
function quoted(text: string): string {
  return NEEDS_ESCAPING.test(text) ? JSON.stringify(text) : `"${text}"`;
}

export function eventLeafHash(event: RecordedEvent): Hash {
  return leafHash(canonicalEventText(event));
}
