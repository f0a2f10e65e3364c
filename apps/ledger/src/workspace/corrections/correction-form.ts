import { meetingStream } from '@ledger/governance';
import { FieldMap, Values } from '../workspace-forms';
import { MeetingFact, valueFrom, valueText } from './meeting-facts';

/** The input of a fact's field on the form: `fact0-vote`. */
export const inputOf = (index: number, field: string) => `fact${index}-${field}`;
export const withdrawnInput = (index: number) => `fact${index}-withdrawn`;
/** The hidden field keeping the value the form first showed: what the officer changed is read against it. */
export const shownInput = (index: number, field: string) => `shown-${inputOf(index, field)}`;

/** One field a correction changes, as the officer sees it: before, and after. */
export interface ChangedField {
  fact: number;
  field: string;
  before: string;
  after: string;
}

/** The correction the form says: the CorrectFact data, the fields it changes, and where refusals of it belong. */
export interface CorrectionAsked {
  data: Record<string, unknown>;
  changed: ChangedField[];
  withdrawn: number[];
  fields: FieldMap;
}

/** The values a correction form starts with: each chosen fact's correctable fields as they stand. */
export function firstValues(facts: readonly MeetingFact[]): Record<string, string> {
  const values: Record<string, string> = {};
  facts.forEach((fact, index) => {
    for (const field of fact.fields) {
      values[inputOf(index, field)] = valueText(fact.data[field]);
      values[shownInput(index, field)] = valueText(fact.data[field]);
    }
  });
  return values;
}

/**
 * The correction of several facts of the meeting's stream (`facts`, one per fact changed or withdrawn), with the
 * reason and source given. A fact left as the form showed it is left out; the ledger's `facts[i]` names the i-th listed.
 */
export function correctionAsked(meetingId: string, facts: readonly MeetingFact[], values: Values): CorrectionAsked {
  const listed: Record<string, unknown>[] = [];
  const changed: ChangedField[] = [];
  const withdrawn: number[] = [];
  const fields: Record<string, string> = { reason: 'reason', source: 'source', 'source.title': 'source' };
  facts.forEach((fact, index) => {
    const at = `facts[${listed.length}]`;
    if (values[withdrawnInput(index)] === 'yes') {
      listed.push({ correctedEventId: fact.id, withdrawn: true });
      withdrawn.push(index);
      fields[at] = withdrawnInput(index);
      return;
    }
    const changes: Record<string, unknown> = {};
    for (const field of fact.fields) {
      const typed = values[inputOf(index, field)];
      const before = valueText(fact.data[field]);
      // Read against what the form showed, so the same form sent again asks the same correction (recorded once).
      const shown = values[shownInput(index, field)] ?? before;
      if (typed === undefined || typed.trim() === shown.trim()) continue;
      changes[field] = valueFrom(typed, fact.data[field]);
      changed.push({ fact: index, field, before: before || 'not recorded', after: typed });
      fields[`${at}.changes.${field}`] = inputOf(index, field);
    }
    if (Object.keys(changes).length === 0) return;
    listed.push({ correctedEventId: fact.id, changes });
    const firstChanged = inputOf(index, Object.keys(changes)[0]);
    fields[`${at}.changes`] = firstChanged;
    fields[at] = firstChanged;
    fields[`${at}.correctedEventId`] = firstChanged;
  });
  const data: Record<string, unknown> = {
    stream: meetingStream(meetingId),
    reason: values.reason ?? '',
    source: { title: values.source ?? '' },
  };
  data.facts = listed;
  return { data, changed, withdrawn, fields };
}
