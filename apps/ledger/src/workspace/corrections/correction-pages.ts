import { dayInWords, html, Html, instantInWords } from '@ledger/public-contract';
import type { MeetingRecordView } from '@ledger/governance';
import { ChangedField, inputOf, shownInput, withdrawnInput } from './correction-form';
import { inWords, MeetingFact, typeInWords, valueText } from './meeting-facts';
import { errorFor, errorSummary, FieldMap, formTokens, textField, Values } from '../workspace-forms';
import { layout } from '../workspace-pages';
import type { Refusal } from '../workspace-recorder';

export interface SignedInAs {
  person: string;
  csrf: string;
}

/** One decision of the meeting, before and after a correction, as far as an officer needs to see it. */
export interface VerdictChange {
  item: string;
  body: string;
  before: string;
  after: string;
}

const STATUS: Record<MeetingFact['status'], string> = { 'as-recorded': '', corrected: 'Corrected since', withdrawn: 'Withdrawn' };

const meetingTitle = (meeting: Pick<MeetingRecordView, 'id' | 'date'>) => `Meeting of ${dayInWords(meeting.date)}`;

/** The meeting's other pages: its minutes approvals, and each item's Part 2. */
function meetingLinks(meeting: MeetingRecordView): Html {
  const base = `/workspace/meetings/${encodeURIComponent(meeting.id)}`;
  return html`<nav aria-label="This meeting">
    <ul>
      <li><a href="${base}/minutes">Minutes approved at this meeting</a></li>
      ${meeting.items.map(
        (item) => html`<li><a href="${base}/items/${encodeURIComponent(item.id)}/confidentiality">Part 2: ${item.title}</a></li>`,
      )}
    </ul>
  </nav>`;
}

/** A value for people: a date in words, a list as a list, yes or no; anything else as the ledger writes it. */
function valueInWords(value: unknown): string {
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? dayInWords(value) : value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    if (value.every((each) => typeof each !== 'object' || each === null)) return value.map(valueInWords).join(', ');
  }
  if (value === null) return 'none';
  return valueText(value);
}

/** What a fact says, field by field, as it stands. */
function factSays(fact: MeetingFact): Html {
  const fields = Object.entries(fact.data).filter(([field]) => field !== 'source');
  const source = fact.data.source as { title?: unknown } | undefined;
  return html`<dl class="summary">
    ${fields.map(
      ([field, value]) =>
        html`<dt>${inWords(field)}</dt>
          <dd>${valueInWords(value)}</dd>`,
    )}
    ${
      source?.title
        ? html`<dt>source</dt>
            <dd>${String(source.title)}</dd>`
        : ''
    }
  </dl>`;
}

/** Every recorded fact of a meeting, each with "Correct this", and boxes to choose several at once. */
export function correctionsPage(props: {
  signedIn: SignedInAs;
  meeting: MeetingRecordView;
  facts: readonly MeetingFact[];
  notice?: string;
}): string {
  const { meeting, facts, notice } = props;
  const base = `/workspace/meetings/${encodeURIComponent(meeting.id)}/corrections`;
  return layout({
    title: `Corrections: ${meetingTitle(meeting)}`,
    signedIn: props.signedIn,
    body: html`${notice ? html`<div class="notice" role="status"><p>${notice}</p></div>` : ''}
      <h1>Correct the record of the meeting of ${dayInWords(meeting.date)}</h1>
      <p>
        Every fact recorded for this meeting, as it stands now. A correction is a new fact beside the one it corrects: nothing is edited or
        deleted, and the ledger judges the corrected record by the same rules before it is recorded.
      </p>
      ${meetingLinks(meeting)}
      <form method="get" action="${base}/new">
        <ol class="facts">
          ${facts.map(
            (fact) =>
              html`<li class="fact">
                <h2>${typeInWords(fact.type)}${STATUS[fact.status] ? html` <span class="tag">${STATUS[fact.status]}</span>` : ''}</h2>
                ${factSays(fact)}
                <p class="muted">
                  Recorded by ${fact.person ?? `key ${fact.keyId}`} on ${instantInWords(fact.recordedAt)}. Fact ${fact.id}.
                </p>
                ${
                  fact.correctable
                    ? html`<p class="actions">
                        <a href="${base}/new?facts=${encodeURIComponent(fact.id)}"
                          >Correct this<span class="visually-hidden">: ${typeInWords(fact.type)}, fact ${fact.id}</span></a
                        >
                        <span class="choice">
                          <input type="checkbox" id="choose-${fact.id}" name="facts" value="${fact.id}" />
                          <label for="choose-${fact.id}"
                            >Choose to correct with others<span class="visually-hidden">: fact ${fact.id}</span></label
                          >
                        </span>
                      </p>`
                    : ''
                }
              </li>`,
          )}
        </ol>
        ${facts.length === 0 ? html`<p>Nothing has been recorded for this meeting yet.</p>` : html`<button type="submit">Correct the chosen facts</button>`}
      </form>`,
  });
}

/** The form: each chosen fact's fields prefilled, a reason and a source; "Check" shows the preview, "Record" records. */
export function correctionFormPage(props: {
  signedIn: SignedInAs;
  meeting: MeetingRecordView;
  facts: readonly MeetingFact[];
  values: Values;
  commandId: string;
  refusal?: Refusal;
  fields: FieldMap;
  preview?: { changed: ChangedField[]; withdrawn: number[]; verdicts: VerdictChange[] };
}): string {
  const { meeting, facts, values, refusal, fields, preview } = props;
  const base = `/workspace/meetings/${encodeURIComponent(meeting.id)}/corrections`;
  const error = (input: string) => errorFor(refusal, fields, input);
  return layout({
    title: `Correct: ${meetingTitle(meeting)}`,
    signedIn: props.signedIn,
    error: refusal !== undefined,
    body: html`${errorSummary(refusal, fields)}
      <p><a href="${base}">Back to every fact of this meeting</a></p>
      <h1>Correct ${facts.length === 1 ? 'a fact' : `${facts.length} facts`} of the meeting of ${dayInWords(meeting.date)}</h1>
      ${preview ? previewPart(facts, preview) : ''}
      <form method="post" action="${base}" novalidate>
        ${formTokens(props.signedIn.csrf, props.commandId)}
        <input type="hidden" name="facts" value="${facts.map((fact) => fact.id).join(',')}" />
        ${facts.map(
          (fact, index) =>
            html`<fieldset>
              <legend>${index + 1}. ${typeInWords(fact.type)}, recorded ${instantInWords(fact.recordedAt)}</legend>
              ${fact.fields.map(
                (field) =>
                  html`<input
                    type="hidden"
                    name="${shownInput(index, field)}"
                    value="${values[shownInput(index, field)] ?? valueText(fact.data[field])}"
                  />`,
              )}
              ${fact.fields.map((field) =>
                textField({
                  id: inputOf(index, field),
                  label: inWords(field),
                  values,
                  error: error(inputOf(index, field)),
                  area: valueText(fact.data[field]).length > 80,
                  hint:
                    typeof fact.data[field] === 'string' || fact.data[field] === undefined ? undefined : 'As the ledger writes it (JSON)',
                }),
              )}
              <div class="field choice${error(withdrawnInput(index)) ? ' invalid' : ''}">
                ${error(withdrawnInput(index)) ? html`<p class="error" id="${withdrawnInput(index)}-error">${error(withdrawnInput(index))}</p>` : ''}
                <input
                  type="checkbox"
                  id="${withdrawnInput(index)}"
                  name="${withdrawnInput(index)}"
                  value="yes"
                  ${new Html(values[withdrawnInput(index)] === 'yes' ? 'checked' : '')}
                />
                <label for="${withdrawnInput(index)}">Withdraw this fact: it should never have been recorded</label>
              </div>
            </fieldset>`,
        )}
        ${textField({ id: 'reason', label: 'Why the record is corrected', values, error: error('reason'), area: true, required: true, hint: 'Shown with the correction to everyone who reads the record' })}
        ${textField({ id: 'source', label: 'Source of the correction', values, error: error('source'), required: true, hint: 'The document that shows the record was wrong: amended minutes, say' })}
        <div class="actions">
          <button type="submit" name="action" value="check" class="secondary">Check</button>
          <button type="submit" name="action" value="record">Record the correction</button>
        </div>
      </form>`,
  });
}

function previewPart(
  facts: readonly MeetingFact[],
  preview: { changed: ChangedField[]; withdrawn: number[]; verdicts: VerdictChange[] },
): Html {
  return html`<section class="panel" aria-labelledby="preview-title">
    <h2 id="preview-title">The ledger's check: nothing recorded yet</h2>
    <p>The ledger would accept this correction. It would change:</p>
    <table>
      <caption class="visually-hidden">
        Each field the correction changes
      </caption>
      <thead>
        <tr>
          <th scope="col">Fact</th>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        ${preview.changed.map(
          (change) =>
            html`<tr>
              <td>${change.fact + 1}. ${typeInWords(facts[change.fact].type)}</td>
              <td>${inWords(change.field)}</td>
              <td>${change.before}</td>
              <td>${change.after}</td>
            </tr>`,
        )}
        ${preview.withdrawn.map(
          (index) =>
            html`<tr>
              <td>${index + 1}. ${typeInWords(facts[index].type)}</td>
              <td>the whole fact</td>
              <td>recorded</td>
              <td>withdrawn</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <h3>How the decisions' verdicts change</h3>
    ${
      preview.verdicts.length === 0
        ? html`<p>No decision of this meeting would read differently.</p>`
        : html`<table>
            <caption class="visually-hidden">
              Each decision that would read differently
            </caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Body</th>
                <th scope="col">Now</th>
                <th scope="col">After the correction</th>
              </tr>
            </thead>
            <tbody>
              ${preview.verdicts.map(
                (change) =>
                  html`<tr>
                    <td>${change.item}</td>
                    <td>${change.body}</td>
                    <td>${change.before}</td>
                    <td>${change.after}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    <p>To record it, choose "Record the correction" below.</p>
  </section>`;
}

/** A decision's outcome and verdict in words: "carried, 1 for, 1 against; valid" or "…; not valid: quorum: …". */
function decisionInWords(decision: MeetingRecordView['items'][number]['decisions'][number] | undefined): string {
  if (!decision) return 'no decision';
  const counts = decision.counts
    ? Object.entries(decision.counts)
        .filter(([, count]) => typeof count === 'number' && count > 0)
        .map(([vote, count]) => `${String(count)} ${inWords(vote)}`)
        .join(', ')
    : 'no votes counted';
  const failing = decision.verdict.findings.filter((finding) => !finding.ok).map((finding) => `${finding.rule}: ${finding.message}`);
  return `${inWords(decision.outcome)}, ${counts}; ${decision.verdict.valid ? 'valid' : `not valid (${failing.join('; ')})`}`;
}

/** Each decision of the meeting that reads differently after the previewed facts than before them. */
export function verdictChanges(before: MeetingRecordView, after: MeetingRecordView): VerdictChange[] {
  const changes: VerdictChange[] = [];
  for (const item of after.items) {
    const earlier = before.items.find((each) => each.id === item.id);
    const ids = new Set([...item.decisions, ...(earlier?.decisions ?? [])].map((decision) => decision.decisionId));
    for (const id of ids) {
      const was = decisionInWords(earlier?.decisions.find((decision) => decision.decisionId === id));
      const now = item.decisions.find((decision) => decision.decisionId === id);
      const will = decisionInWords(now);
      const body = now?.decidingBody ?? earlier?.decisions.find((decision) => decision.decisionId === id)?.decidingBody;
      if (was !== will) changes.push({ item: item.title, body: body?.name ?? body?.id ?? '', before: was, after: will });
    }
  }
  return changes;
}
