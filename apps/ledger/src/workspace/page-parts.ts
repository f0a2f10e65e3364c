import { html, Html } from '@ledger/public-contract';
import { commandIdOf, errorFor, FieldMap, textField, Values } from './workspace-forms';
import { Refusal, WorkspaceRecorder } from './workspace-recorder';

/** A member as recorded: the person, or the seat when the sources name none. */
export const memberName = (member: { person?: string; seat?: string } | null | undefined) => member?.person ?? member?.seat ?? 'a member';

/**
 * One form on a page: what it shows (typed values, or its defaults), its command id (kept when the ledger refused
 * it, so submitting it again still records once) and the refusal to show beside its fields.
 */
export interface FormState {
  values: Values;
  commandId: string;
  refusal?: Refusal;
}

export const freshForm = (values: Values = {}): FormState => ({ values, commandId: WorkspaceRecorder.newCommandId() });

/**
 * The form that was posted, as the ledger refused it: its values and command id kept. A domain rule that names no
 * field (the deciders' `publication-in-future`, `membership-overlaps`…) is shown beside the field `rules` says it is about.
 */
export const refusedForm = (values: Values, refusal: Refusal, rules: Readonly<Record<string, string>> = {}): FormState => ({
  values,
  commandId: commandIdOf(values),
  refusal: refusal.field === undefined && Object.hasOwn(rules, refusal.rule) ? { ...refusal, field: rules[refusal.rule] } : refusal,
});

/** A lower-case slug of `text` for an id the officer left empty (a ledger id: a-z, 0-9 and hyphens, up to `max`). */
export function slugOf(text: string | undefined, max = 60): string {
  return (text ?? '')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, max)
    .replace(/^-+|-+$/g, '');
}

/** The source a form's fact cites: what the officer named, or the workspace itself, honestly. */
export function sourceOf(values: Values, person: string, id = 'source'): { title: string } {
  const named = values[id]?.trim();
  return { title: named ? named : `Recorded by ${person} in the officers' workspace` };
}

/** The optional "Source" field every form has (its id prefixed per form where a page has several of one kind). */
export function sourceField(state: FormState, fields: FieldMap, id = 'source'): Html {
  return textField({
    id,
    label: 'Source (optional)',
    hint: 'The document this comes from, e.g. "Agenda pack, 9 May 2019". Left empty, the record says you recorded it here.',
    values: state.values,
    error: errorFor(state.refusal, fields, id),
  });
}

/** A checkbox keeping its posted state (`yes` when ticked). */
export function checkbox({ id, label, checked, hint }: { id: string; label: string; checked: boolean; hint?: string }): Html {
  return html`<div class="check">
    <input
      type="checkbox"
      id="${id}"
      name="${id}"
      value="yes"
      ${new Html(checked ? 'checked' : '')}
      ${new Html(hint ? `aria-describedby="${id}-hint"` : '')}
    />
    <label for="${id}">${label}</label>
    ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}
  </div>`;
}

/** A group of checkboxes (one field each, `prefix-value`), in a fieldset with its legend and the refusal beside it. */
export function checkboxGroup(props: {
  id: string;
  legend: string;
  hint?: string;
  options: readonly (readonly [string, string])[];
  values: Values;
  error?: string;
}): Html {
  const { id, legend, hint, options, values, error } = props;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<fieldset
    class="field${error ? ' invalid' : ''}"
    id="${id}"
    ${new Html(describedBy ? `aria-describedby="${describedBy}"` : '')}
  >
    <legend>${legend}</legend>
    ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}
    ${error ? html`<p class="error" id="${id}-error"><span class="muted">Error:</span> ${error}</p>` : ''}
    <div class="checkboxes">
      ${options.map(([value, label]) => checkbox({ id: `${id}-${value}`, label, checked: values[`${id}-${value}`] === 'yes' }))}
    </div>
  </fieldset>`;
}

/** The values ticked in a checkbox group, from its fields `prefix-value`. */
export function ticked(values: Values, id: string, options: readonly string[]): string[] {
  return options.filter((option) => values[`${id}-${option}`] === 'yes');
}

/** The notice after a recorded form (POST, then 303 here with `?recorded=what`): only the page's own messages. */
export function recordedNotice(messages: Readonly<Record<string, string>>, recorded: unknown): Html | '' {
  const message = typeof recorded === 'string' && Object.hasOwn(messages, recorded) ? messages[recorded] : undefined;
  return message ? html`<div class="notice" role="status"><p>${message}</p></div>` : '';
}

/** Which of a page's forms the refusal came from: its state as posted; every other form fresh. */
export function formsOf<Name extends string>(
  names: readonly Name[],
  refused: { form: Name; state: FormState } | undefined,
  defaults: Partial<Record<Name, Values>> = {},
): Record<Name, FormState> {
  return Object.fromEntries(
    names.map((name) => [name, refused?.form === name ? refused.state : freshForm(defaults[name] ?? {})]),
  ) as Record<Name, FormState>;
}

/** A number typed in a form as the ledger takes it: an integer when it is one, else the text (for the DTO to refuse). */
export function integerOf(text: string | undefined): number | string | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  return /^-?\d{1,9}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** An optional text: left out when empty. */
export function optionalText(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}
