import { DomainEvent } from '../decider';
import { isCivilDate } from '../shared/civil-date';
import { DomainError, inPart, UnknownReference } from '../shared/domain-error';
import { Provenance } from '../shared/source';

/**
 * A correction is a new event in the stream of the fact it corrects: nothing is edited. `changes`
 * replaces top-level fields of the corrected event's data; `withdrawn` says the fact should never have
 * been recorded. Read models decide with corrections applied; the original stays in the ledger.
 */
export type CorrectionEvent = DomainEvent<
  'FactCorrected',
  Provenance & {
    correctedEventId: string;
    reason: string;
    changes?: Record<string, unknown>;
    withdrawn?: boolean;
  }
>;

/** One fact corrected: replacement values for fields of it, or its withdrawal. */
export interface CorrectedFact {
  correctedEventId: string;
  changes?: Record<string, unknown>;
  withdrawn?: boolean;
}

/**
 * A correction of one fact (`correctedEventId` with its `changes` or `withdrawn`), or of several facts of
 * one stream at once (`facts`), judged together as one corrected history, with one reason and source.
 */
export interface CorrectFact {
  type: 'CorrectFact';
  data: Provenance & {
    stream: string;
    reason: string;
    correctedEventId?: string;
    changes?: Record<string, unknown>;
    withdrawn?: boolean;
    facts?: CorrectedFact[];
  };
}

export interface StoredFact {
  id: string;
  type: string;
  data: unknown;
}

/** Fields that say which fact a record is about; a correction that changes them is a different fact. */
const IDENTITY_FIELD = /Id$/;

/**
 * The facts a correction corrects, each with the field naming it in the request: `facts[i]` in the form
 * of several facts, none in the form of one (whose answers stay as they were).
 */
export function correctedFacts({ data }: CorrectFact): { fact: CorrectedFact; field?: string }[] {
  const { correctedEventId, changes, withdrawn, facts } = data;
  if (facts === undefined) {
    if (correctedEventId === undefined)
      throw new DomainError('correction-shape', 'a correction names the fact it corrects: correctedEventId, or facts');
    return [{ fact: { correctedEventId, changes, withdrawn } }];
  }
  if (correctedEventId !== undefined || changes !== undefined || withdrawn !== undefined || facts.length === 0) {
    throw new DomainError(
      'correction-shape',
      'a correction of several facts lists each in facts (correctedEventId with changes or withdrawn), and gives none of them beside the list',
    );
  }
  return facts.map((fact, index) => ({ fact, field: `facts[${index}]` }));
}

/**
 * The correction events: one per fact corrected, each judged by the rules of correction. `mayGive` says which
 * fields the command recording a fact may give besides those the fact holds (an optional field it left out:
 * the casting vote of a decision, say), so that a correction can supply it.
 */
export function decideCorrection(
  command: CorrectFact,
  stream: readonly StoredFact[],
  mayGive: (fact: StoredFact) => readonly string[] = () => [],
): CorrectionEvent[] {
  const seen = new Set<string>();
  return correctedFacts(command).map(({ fact, field }) => {
    const decided = () => {
      if (seen.has(fact.correctedEventId)) {
        throw new DomainError('fact-listed-twice', `event ${fact.correctedEventId} is listed twice: give all its changes once`);
      }
      seen.add(fact.correctedEventId);
      return decideOne(command, fact, stream, mayGive);
    };
    return field === undefined ? decided() : inPart(field, decided, (rule) => FIELD_OF_RULE[rule]);
  });
}

/** Where within a listed fact a rule of correction lies. */
const FIELD_OF_RULE: Readonly<Record<string, string>> = {
  'unknown-reference': 'correctedEventId',
  'correct-the-fact': 'correctedEventId',
  'erasure-final': 'correctedEventId',
  'fact-withdrawn': 'correctedEventId',
  'identity-fields-immutable': 'changes',
  'unknown-field': 'changes',
  'correction-value': 'changes',
};

function decideOne(
  command: CorrectFact,
  { correctedEventId, changes, withdrawn }: CorrectedFact,
  stream: readonly StoredFact[],
  mayGive: (fact: StoredFact) => readonly string[],
): CorrectionEvent {
  const { reason, source, dateCertainty } = command.data;
  const corrected = stream.find((event) => event.id === correctedEventId);
  if (!corrected) throw new UnknownReference(`event in stream ${command.data.stream}`, correctedEventId);
  if (corrected.type === 'FactCorrected') {
    throw new DomainError('correct-the-fact', 'correct the original fact, not a correction of it');
  }
  // The key it destroyed is gone: withdrawing or changing the record of it would make the ledger say otherwise.
  if (corrected.type === 'ConfidentialContentErased') {
    throw new DomainError('erasure-final', `event ${correctedEventId} records an erasure, which cannot be corrected or withdrawn`, 409);
  }
  if (
    stream.some(
      (event) =>
        event.type === 'FactCorrected' &&
        (event.data as CorrectionEvent['data']).correctedEventId === correctedEventId &&
        (event.data as CorrectionEvent['data']).withdrawn,
    )
  ) {
    throw new DomainError('fact-withdrawn', `event ${correctedEventId} has been withdrawn`, 409);
  }
  const hasChanges = changes !== undefined && Object.keys(changes).length > 0;
  if (hasChanges === Boolean(withdrawn)) {
    throw new DomainError(
      'correction-shape',
      'a correction either gives changes or withdraws the fact (withdrawn: true), not both or neither',
    );
  }
  const fields = Object.keys((corrected.data ?? {}) as object);
  for (const field of Object.keys(changes ?? {})) {
    if (IDENTITY_FIELD.test(field)) {
      throw new DomainError(
        'identity-fields-immutable',
        `a correction cannot change ${field}: record the fact about the other subject instead`,
      );
    }
    // Taking an item into Part 2 is a fact of its own, from the day it is recorded, not a rewrite of the item.
    const intoPart2 = corrected.type === 'AgendaItemAdded' && field === 'confidential';
    const given = fields.includes(field) || (!intoPart2 && mayGive(corrected).includes(field));
    if (!given && field !== 'to' && field !== 'dateCertainty') {
      const hint = intoPart2 ? ': record ImposeConfidentiality instead' : '';
      throw new DomainError('unknown-field', `event ${correctedEventId} (${corrected.type}) has no field ${field}${hint}`);
    }
    assertSameKindOfValue(field, (corrected.data as Record<string, unknown>)[field], changes?.[field]);
  }
  const data: CorrectionEvent['data'] = { correctedEventId, reason, source };
  if (dateCertainty) data.dateCertainty = dateCertainty;
  if (hasChanges) data.changes = changes;
  if (withdrawn) data.withdrawn = true;
  return { type: 'FactCorrected', data };
}

/** A correction replaces a value with one of the same kind: a date with a date, a list with a list. */
function assertSameKindOfValue(field: string, original: unknown, corrected: unknown): void {
  const kind = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : isCivilDate(value) ? 'date' : typeof value);
  const openEnd = field === 'to' && (corrected === null || kind(corrected) === 'date');
  if (original === undefined || openEnd || (original === null && field === 'to')) {
    if (field === 'to' && !openEnd) throw new DomainError('correction-value', `${field} must be a date YYYY-MM-DD or null`);
    return;
  }
  if (kind(original) !== kind(corrected)) {
    throw new DomainError(
      'correction-value',
      `${field} was ${kind(original) === 'date' ? 'a date YYYY-MM-DD' : `a ${kind(original)}`}; the correction gives ${JSON.stringify(corrected)}`,
    );
  }
}

/**
 * The stream as it stands after its corrections: corrected data in place, withdrawn facts and the
 * correction events themselves removed. Deciders fold this, so they never see a superseded fact.
 */
export function withCorrectionsApplied<E extends StoredFact>(events: readonly E[]): E[] {
  const corrections = events.filter((event) => event.type === 'FactCorrected');
  if (corrections.length === 0) return [...events];
  const withdrawn = new Set<string>();
  const changes = new Map<string, Record<string, unknown>>();
  for (const correction of corrections) {
    const data = correction.data as CorrectionEvent['data'];
    if (data.withdrawn) withdrawn.add(data.correctedEventId);
    if (data.changes) changes.set(data.correctedEventId, { ...changes.get(data.correctedEventId), ...data.changes });
  }
  return events
    .filter((event) => event.type !== 'FactCorrected' && !withdrawn.has(event.id))
    .map((event) => {
      const change = changes.get(event.id);
      return change ? { ...event, data: { ...(event.data as object), ...change } } : event;
    });
}
