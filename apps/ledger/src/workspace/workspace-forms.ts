import { html, Html } from '@ledger/public-contract';
import { Refusal, WorkspaceRecorder } from './workspace-recorder';

/** A form's values as posted (or as first shown): field name → text. */
export type Values = Readonly<Record<string, string | undefined>>;

/**
 * Where a refusal is shown: the ledger names fields in the command's terms (`votes[3]`, `decision.outcome`,
 * `date`); each form says which of its inputs answers for which field. Unnamed refusals go to the summary alone.
 */
export type FieldMap = Readonly<Record<string, string>>;

/** The input a refusal belongs beside, if the form has one for its field (or the field's parent). */
export function inputFor(refusal: Refusal | undefined, fields: FieldMap): string | undefined {
  if (!refusal?.field) return undefined;
  // class-validator says `votes.3.vote`, the deciders `votes[3]`: one spelling, then up to the nearest field the form has.
  let name = refusal.field.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
  for (;;) {
    if (fields[name]) return fields[name];
    const parent = name.replace(/(\[\d+\]|\.[^.[]+)$/, '');
    if (parent === name || parent === '') return undefined;
    name = parent;
  }
}

/** The GOV.UK error summary: what the ledger refused, linked to the input it names. */
export function errorSummary(refusal: Refusal | undefined, fields: FieldMap): Html | '' {
  if (!refusal) return '';
  const input = inputFor(refusal, fields);
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
    <h2 id="error-summary-title">The ledger did not record this</h2>
    <ul>
      <li>${input ? html`<a href="#${input}">${refusal.message}</a>` : refusal.message}</li>
    </ul>
    <p class="muted">Nothing was written. What you typed is kept below.</p>
  </div>`;
}

interface FieldProps {
  id: string;
  label: string;
  values: Values;
  hint?: string;
  /** The message to show beside this input (the refusal, when it names this input). */
  error?: string;
}

function fieldParts({ id, hint, error }: FieldProps): { describedBy: string; hintHtml: Html | ''; errorHtml: Html | '' } {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    describedBy: ids,
    hintHtml: hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : '',
    errorHtml: error ? html`<p class="error" id="${id}-error"><span class="muted">Error:</span> ${error}</p>` : '',
  };
}

/** A labelled text (or date, time) input keeping what was typed. */
export function textField(props: FieldProps & { type?: 'text' | 'date' | 'time'; required?: boolean; area?: boolean }): Html {
  const { id, label, values, error, type = 'text', area } = props;
  const { describedBy, hintHtml, errorHtml } = fieldParts(props);
  const attributes = new Html(
    [describedBy ? `aria-describedby="${describedBy}"` : '', error ? 'aria-invalid="true"' : '', props.required ? 'required' : '']
      .filter(Boolean)
      .join(' '),
  );
  return html`<div class="field${error ? ' invalid' : ''}">
    <label for="${id}">${label}</label>
    ${hintHtml}${errorHtml}
    ${
      area
        ? html`<textarea id="${id}" name="${id}" rows="4" ${attributes}>${values[id] ?? ''}</textarea>`
        : html`<input id="${id}" name="${id}" type="${type}" value="${values[id] ?? ''}" ${attributes} />`
    }
  </div>`;
}

/** A labelled select of `options` ([value, label]), the posted value chosen. */
export function selectField(props: FieldProps & { options: readonly (readonly [string, string])[] }): Html {
  const { id, label, values, error, options } = props;
  const { describedBy, hintHtml, errorHtml } = fieldParts(props);
  return html`<div class="field${error ? ' invalid' : ''}">
    <label for="${id}">${label}</label>
    ${hintHtml}${errorHtml}
    <select
      id="${id}"
      name="${id}"
      ${new Html(describedBy ? `aria-describedby="${describedBy}"` : '')}
      ${new Html(error ? 'aria-invalid="true"' : '')}
    >
      ${options.map(([value, text]) => html`<option value="${value}" ${new Html(values[id] === value ? 'selected' : '')}>${text}</option>`)}
    </select>
  </div>`;
}

/** The hidden fields every state-changing form carries: the session's CSRF token, and the form's command id. */
export function formTokens(csrf: string, commandId?: string): Html {
  return html`<input type="hidden" name="csrf" value="${csrf}" />${
      commandId ? html`<input type="hidden" name="commandId" value="${commandId}" />` : ''
    }`;
}

/** The message for an input, when the refusal names it. */
export function errorFor(refusal: Refusal | undefined, fields: FieldMap, input: string): string | undefined {
  return refusal && inputFor(refusal, fields) === input ? refusal.message : undefined;
}

/** A form's posted fields as text (anything else — repeated or missing — is absent). */
export function valuesOf(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (body === null || typeof body !== 'object') return values;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) if (typeof value === 'string') values[key] = value;
  return values;
}

const COMMAND_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The form's command id as the workspace wrote it (a UUID); anything else (a form not from the workspace) gets a new one. */
export function commandIdOf(values: Values): string {
  const posted = values.commandId;
  return posted !== undefined && COMMAND_ID.test(posted) ? posted : WorkspaceRecorder.newCommandId();
}
