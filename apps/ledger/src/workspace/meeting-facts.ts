import { RecordedEvent } from '@ledger/event-store';
import { CorrectionEvent, withCorrectionsApplied } from '@ledger/governance';

/** One recorded fact of a meeting as an officer reads it: what it says now (its corrections applied), who and when. */
export interface MeetingFact {
  id: string;
  type: string;
  /** Its data as it stands, content disclosed for the reader. */
  data: Record<string, unknown>;
  person: string | null;
  keyId: string;
  recordedAt: string;
  /** 'corrected' or 'withdrawn' by a later fact; a correction or an erasure is not itself corrected here. */
  status: 'as-recorded' | 'corrected' | 'withdrawn';
  correctable: boolean;
}

/** Facts that cannot be corrected: a correction (correct the fact itself), an erasure (its key is gone). */
const FINAL = new Set(['FactCorrected', 'ConfidentialContentErased']);

/** A meeting's stream as facts to correct: each as it stands now, in the order recorded. */
export function meetingFacts(events: readonly RecordedEvent[]): MeetingFact[] {
  const standing = new Map(withCorrectionsApplied(events).map((event) => [event.id, event]));
  const corrections = events.filter((event) => event.type === 'FactCorrected').map((event) => event.data as CorrectionEvent['data']);
  return events.map((event) => {
    const withdrawn = corrections.some((correction) => correction.correctedEventId === event.id && correction.withdrawn);
    const corrected = corrections.some((correction) => correction.correctedEventId === event.id && correction.changes);
    const actor = String(event.metadata.actor ?? '');
    return {
      id: event.id,
      type: event.type,
      data: ((standing.get(event.id) ?? event).data ?? {}) as Record<string, unknown>,
      person: typeof event.metadata.person === 'string' ? event.metadata.person : null,
      keyId: actor.replace(/^key:/, ''),
      recordedAt: event.recordedAt,
      status: withdrawn ? 'withdrawn' : corrected ? 'corrected' : 'as-recorded',
      correctable: !withdrawn && !FINAL.has(event.type),
    };
  });
}

/** Fields a correction may give for a fact: what it holds, but not what it is about (`…Id`) nor its source. */
export function correctableFields(fact: MeetingFact): string[] {
  return Object.keys(fact.data).filter((field) => !/Id$/.test(field) && field !== 'source' && field !== 'dateCertainty');
}

/** `VoteCast` → "Vote cast"; `castingVote` → "casting vote". */
export function inWords(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]/g, ' ')
    .toLowerCase();
  return words;
}

export const typeInWords = (type: string) => {
  const words = inWords(type);
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** A value as a form shows it: text as typed, anything else as JSON. */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value);
}

/** What an officer typed, read as the same kind of value the fact holds (the ledger refuses any other kind). */
export function valueFrom(typed: string, original: unknown): unknown {
  if (typeof original === 'string') return typed;
  if (typeof original === 'number') return /^-?\d+(\.\d+)?$/.test(typed.trim()) ? Number(typed) : typed;
  if (typeof original === 'boolean') return typed.trim() === 'true' ? true : typed.trim() === 'false' ? false : typed;
  try {
    return JSON.parse(typed) as unknown;
  } catch {
    return typed;
  }
}

/** The ids asked for in `?facts=` (comma-separated, or repeated by a form's checkboxes), each once. */
export function factIdsOf(query: unknown): string[] {
  const given = ([] as unknown[]).concat(query ?? []).filter((part): part is string => typeof part === 'string');
  const ids = given.flatMap((part) => part.split(',')).map((id) => id.trim());
  return [...new Set(ids.filter((id) => id.length > 0 && id.length <= 128))].slice(0, 200);
}
