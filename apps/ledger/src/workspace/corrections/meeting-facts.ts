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
  /** What a correction may give: the fields its command takes, less what it is about (`…Id`) and its source. */
  fields: string[];
}

/** The fields the command that records a fact takes (its DTO's), or none known. */
export type CommandFields = (fact: { type: string; data: unknown }) => readonly string[];

/** Facts that cannot be corrected: a correction (correct the fact itself), an erasure (its key is gone). */
const FINAL = new Set(['FactCorrected', 'ConfidentialContentErased']);

/** A meeting's stream as facts to correct: each as it stands now, in the order recorded. */
export function meetingFacts(events: readonly RecordedEvent[], commandFields: CommandFields): MeetingFact[] {
  const standing = new Map(withCorrectionsApplied(events).map((event) => [event.id, event]));
  const corrections = events.filter((event) => event.type === 'FactCorrected').map((event) => event.data as CorrectionEvent['data']);
  return events.map((event) => {
    const withdrawn = corrections.some((correction) => correction.correctedEventId === event.id && correction.withdrawn);
    const corrected = corrections.some((correction) => correction.correctedEventId === event.id && correction.changes);
    const actor = String(event.metadata.actor ?? '');
    const data = ((standing.get(event.id) ?? event).data ?? {}) as Record<string, unknown>;
    const correctable = !withdrawn && !FINAL.has(event.type);
    return {
      id: event.id,
      type: event.type,
      data,
      person: typeof event.metadata.person === 'string' ? event.metadata.person : null,
      keyId: actor.replace(/^key:/, ''),
      recordedAt: event.recordedAt,
      status: withdrawn ? 'withdrawn' : corrected ? 'corrected' : 'as-recorded',
      correctable,
      fields: correctable ? correctableFieldsOf(data, commandFields({ type: event.type, data })) : [],
    };
  });
}

/**
 * Fields a correction may give for a fact: those its command takes (a field it left out, too: a decision's casting
 * vote), but not what it is about (`…Id`), its source, nor what the ledger derives (a tally: no command takes it).
 */
function correctableFieldsOf(data: Record<string, unknown>, taken: readonly string[]): string[] {
  const fields = [...Object.keys(data), ...taken.filter((field) => !(field in data))];
  return fields.filter((field) => taken.includes(field) && !/Id$/.test(field) && field !== 'source' && field !== 'dateCertainty');
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
