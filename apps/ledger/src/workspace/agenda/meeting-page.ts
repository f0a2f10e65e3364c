import { areaName, AREAS, capitalised, dayInWords, FUNCTIONS, html, Html, words } from '@ledger/public-contract';
import { errorFor, errorSummary, FieldMap, formTokens, selectField, textField } from '../workspace-forms';
import { layout } from '../workspace-pages';
import { notServedNotice } from '../bodies/bodies-directory';
import { STATUS_WORDS, whenInWords } from '../bodies/body-meetings-page';
import { checkbox, checkboxGroup, FormState, recordedNotice, sourceField } from '../page-parts';

/** The meeting as the ledger reads it back (GET /meetings/:id), the parts this page shows. */
export interface MeetingOnPage {
  id: string;
  date: string;
  time?: string;
  location?: string;
  status: string;
  inCommon: boolean;
  bodies: { bodyId: string; name?: string; quorum: number }[];
  rescheduled: { from: string; date: string; reason: string }[];
  cancelled: { reason: string } | null;
  agenda: { publishedOn: string; clearDays: number; late: boolean } | null;
  items: {
    id: string;
    title: string;
    functions: string[];
    areas: string[];
    confidential?: { paragraph: number; publicSummary: string; lifted?: string };
    lateReason?: string;
  }[];
}

export const MEETING_FORMS = ['item', 'publish', 'reschedule', 'cancel'] as const;
export type MeetingForm = (typeof MEETING_FORMS)[number];

export interface MeetingPageInput {
  person: string;
  csrf: string;
  today: string;
  meeting: MeetingOnPage;
  recorded?: unknown;
  /** False when the signed-in key does not record for the meeting's bodies (its forms will be refused). */
  served: boolean;
  /** Published today, the notice the agenda would give (the ledger's own count, by a dry run), or why it cannot be. */
  publishToday?: { clearDays: number; late: boolean } | { refused: string };
  forms: Record<MeetingForm, FormState>;
}

/** Schedule 12A to the Local Government Act 1972, Part 1: the descriptions of exempt information. */
export const SCHEDULE_12A: readonly (readonly [string, string])[] = [
  ['1', '1. Information relating to any individual'],
  ['2', '2. Information likely to reveal the identity of an individual'],
  ['3', '3. Financial or business affairs of any particular person'],
  ['4', '4. Labour relations consultations or negotiations'],
  ['5', '5. Legal professional privilege'],
  ['6', '6. A notice, order or direction the authority proposes to give or make'],
  ['7', '7. Prevention, investigation or prosecution of crime'],
];

export const FIELDS: Readonly<Record<MeetingForm, FieldMap>> = {
  item: {
    itemId: 'itemId',
    title: 'title',
    text: 'text',
    functions: 'function',
    areas: 'area',
    confidential: 'part2',
    'confidential.paragraph': 'paragraph',
    'confidential.publicInterestReason': 'reason',
    'confidential.publicSummary': 'summary',
    lateReason: 'lateReason',
    date: 'lateReason',
    source: 'item-source',
  },
  publish: { publishedOn: 'publishedOn', source: 'publish-source' },
  reschedule: { date: 'new-date', time: 'new-time', reason: 'reschedule-reason', source: 'reschedule-source' },
  cancel: { reason: 'cancel-reason', source: 'cancel-source' },
};

const RECORDED = {
  scheduled: 'The meeting was recorded.',
  item: 'The agenda item was recorded.',
  published: "The agenda's publication was recorded.",
  rescheduled: 'The new date was recorded.',
  cancelled: 'The cancellation was recorded.',
};

export function meetingPage(input: MeetingPageInput): string {
  const { meeting, forms } = input;
  const refused = MEETING_FORMS.find((form) => forms[form].refusal);
  const title = `Meeting of ${meeting.bodies.map((body) => body.name ?? body.bodyId).join(' and ')}, ${dayInWords(meeting.date)}`;
  const open = meeting.status === 'scheduled' || meeting.status === 'rescheduled';
  return layout({
    title,
    error: refused !== undefined,
    signedIn: { person: input.person, csrf: input.csrf },
    body: html`${refused ? errorSummary(forms[refused].refusal, FIELDS[refused]) : ''}${recordedNotice(RECORDED, input.recorded)}
      ${input.served ? '' : notServedNotice}
      <p class="crumbs">
        <a href="/workspace">Your workspace</a>
        ${meeting.bodies.map((body) => html` › <a href="/workspace/bodies/${body.bodyId}/meetings">Meetings of ${body.name ?? body.bodyId}</a>`)}
      </p>
      <h1>${title}</h1>
      ${overview(meeting)}
      <ul class="actions">
        <li><a href="/workspace/meetings/${meeting.id}/attendance">Attendance</a></li>
        <li><a href="/workspace/meetings/${meeting.id}/minutes">Minutes</a></li>
        <li><a href="/workspace/meetings/${meeting.id}/corrections">Corrections</a></li>
      </ul>
      <h2>Agenda</h2>
      ${agenda(meeting)}
      ${
        meeting.cancelled
          ? ''
          : html`<h2 id="add-item">Add an agenda item</h2>
              ${itemForm(input)}`
      }
      ${
        meeting.agenda || meeting.cancelled
          ? ''
          : html`<h2 id="publish">Publish the agenda</h2>
              ${publishForm(input)}`
      }
      ${
        open
          ? html`<h2 id="change">Reschedule or cancel</h2>
              <details class="row-form" ${forms.reschedule.refusal ? html`open` : ''}>
                <summary>Move this meeting to another date</summary>
                ${rescheduleForm(input)}
              </details>
              <details class="row-form" ${forms.cancel.refusal ? html`open` : ''}>
                <summary>Cancel this meeting</summary>
                ${cancelForm(input)}
              </details>`
          : ''
      }`,
  });
}

function overview(meeting: MeetingOnPage): Html {
  return html`<dl class="summary">
    <dt>Status</dt>
    <dd>${STATUS_WORDS[meeting.status] ?? meeting.status}${meeting.cancelled ? html`: ${meeting.cancelled.reason}` : ''}</dd>
    <dt>Date</dt>
    <dd>${whenInWords(meeting)}</dd>
    ${meeting.rescheduled.map(
      (moved) =>
        html`<dt>Moved</dt>
          <dd>from ${dayInWords(moved.from)} to ${dayInWords(moved.date)}: ${moved.reason}</dd>`,
    )}
    <dt>Place</dt>
    <dd>${meeting.location ?? 'Not recorded'}</dd>
    <dt>Quorum</dt>
    <dd>
      ${meeting.bodies.map((body) => `${body.quorum} voting member${body.quorum === 1 ? '' : 's'}${meeting.inCommon ? ` of ${body.name ?? body.bodyId}` : ''}`).join('; ')}
    </dd>
    <dt>Agenda</dt>
    <dd>
      ${
        meeting.agenda
          ? html`Published ${dayInWords(meeting.agenda.publishedOn)}, ${clearDaysInWords(meeting.agenda.clearDays)} before the
            meeting${meeting.agenda.late ? html` <strong class="warning">(late: fewer than 5)</strong>` : ''}`
          : 'Not yet published'
      }
    </dd>
    <dt>Identifier</dt>
    <dd>${meeting.id}</dd>
  </dl>`;
}

const clearDaysInWords = (days: number) => `${days} clear working day${days === 1 ? '' : 's'}`;

function agenda(meeting: MeetingOnPage): Html {
  if (meeting.items.length === 0) return html`<p>No item is on the agenda yet.</p>`;
  return html`<ol class="agenda">
    ${meeting.items.map(
      (item) =>
        html`<li>
          <a href="/workspace/meetings/${meeting.id}/items/${item.id}">${item.title}</a>
          ${item.confidential && !item.confidential.lifted ? html` <strong class="tag">Part 2 (paragraph ${item.confidential.paragraph})</strong>` : ''}
          <p class="muted">
            ${item.functions.length ? item.functions.map((fn) => capitalised(words(fn))).join(', ') : 'No function named'};
            ${item.areas.length ? item.areas.map(areaName).join(', ') : 'no area named'}${item.lateReason ? html`. Added late: ${item.lateReason}` : ''}
          </p>
        </li>`,
    )}
  </ol>`;
}

function itemForm({ meeting, forms, csrf }: MeetingPageInput): Html {
  const state = forms.item;
  const error = (id: string) => errorFor(state.refusal, FIELDS.item, id);
  return html`<form method="post" action="/workspace/meetings/${meeting.id}/items" novalidate>
    ${formTokens(csrf, state.commandId)} ${textField({ id: 'title', label: 'Title', values: state.values, error: error('title') })}
    ${textField({ id: 'text', label: 'Report or proposal', hint: 'As put to the meeting.', area: true, values: state.values, error: error('text') })}
    ${checkboxGroup({
      id: 'function',
      legend: 'Functions it concerns',
      hint: 'Tick any that apply.',
      options: FUNCTIONS.map((fn) => [fn, capitalised(words(fn))] as const),
      values: state.values,
      error: error('function'),
    })}
    ${checkboxGroup({
      id: 'area',
      legend: 'Areas it concerns',
      options: AREAS.map((area) => [area, areaName(area)] as const),
      values: state.values,
      error: error('area'),
    })}
    <fieldset class="field${error('part2') ? ' invalid' : ''}">
      <legend>Part 2 (confidential)</legend>
      ${checkbox({ id: 'part2', label: 'Take this item in private (Part 2)', checked: state.values.part2 === 'yes', hint: 'The public then sees only the title, the paragraph, the reason and the public summary.' })}
      ${selectField({
        id: 'paragraph',
        label: 'Schedule 12A paragraph',
        options: [['', 'Choose the paragraph (Part 2 only)'], ...SCHEDULE_12A],
        values: state.values,
        error: error('paragraph'),
      })}
      ${textField({ id: 'reason', label: 'Why the public interest in withholding it outweighs disclosure', area: true, values: state.values, error: error('reason') })}
      ${textField({ id: 'summary', label: 'Public summary', hint: 'What the public sees instead of the text.', values: state.values, error: error('summary') })}
    </fieldset>
    ${
      meeting.agenda
        ? textField({
            id: 'lateReason',
            label: 'Why it cannot wait (when fewer than 5 clear working days remain)',
            hint: 'The agenda is published: an item added late needs its reason of urgency, shown to everyone.',
            area: true,
            values: state.values,
            error: error('lateReason'),
          })
        : ''
    }
    ${textField({ id: 'itemId', label: 'Item identifier (optional)', hint: 'Left empty, it is made from the title.', values: state.values, error: error('itemId') })}
    ${sourceField(state, FIELDS.item, 'item-source')}
    <button type="submit">Add the item</button>
  </form>`;
}

function publishForm({ meeting, forms, csrf, publishToday, today }: MeetingPageInput): Html {
  const state = forms.publish;
  const notice =
    publishToday === undefined
      ? ''
      : 'refused' in publishToday
        ? html`<p class="panel">Published today, the ledger would not take it: ${publishToday.refused}</p>`
        : publishToday.late
          ? html`<p class="panel warning-panel">
              <strong>Warning:</strong> published today (${dayInWords(today)}), the agenda gives only
              ${clearDaysInWords(publishToday.clearDays)} before the meeting: fewer than the 5 the law asks for. It will be recorded as
              late.
            </p>`
          : html`<p class="panel">
              Published today (${dayInWords(today)}), the agenda gives ${clearDaysInWords(publishToday.clearDays)} before the meeting (at
              least 5 are needed).
            </p>`;
  return html`${notice}
    <form method="post" action="/workspace/meetings/${meeting.id}/agenda-publication" novalidate>
      ${formTokens(csrf, state.commandId)}
      ${textField({ id: 'publishedOn', label: 'Published on', type: 'date', hint: 'The day the agenda was made open to the public.', values: state.values, error: errorFor(state.refusal, FIELDS.publish, 'publishedOn') })}
      ${sourceField(state, FIELDS.publish, 'publish-source')}
      <button type="submit">Record the publication</button>
    </form>`;
}

function rescheduleForm({ meeting, forms, csrf }: MeetingPageInput): Html {
  const state = forms.reschedule;
  const error = (id: string) => errorFor(state.refusal, FIELDS.reschedule, id);
  return html`<form method="post" action="/workspace/meetings/${meeting.id}/rescheduling" novalidate>
    ${formTokens(csrf, state.commandId)}
    ${textField({ id: 'new-date', label: 'New date', type: 'date', values: state.values, error: error('new-date') })}
    ${textField({ id: 'new-time', label: 'New start time (optional)', type: 'time', values: state.values, error: error('new-time') })}
    ${textField({ id: 'reschedule-reason', label: 'Reason', values: state.values, error: error('reschedule-reason') })}
    ${sourceField(state, FIELDS.reschedule, 'reschedule-source')}
    <button type="submit">Reschedule the meeting</button>
  </form>`;
}

function cancelForm({ meeting, forms, csrf }: MeetingPageInput): Html {
  const state = forms.cancel;
  return html`<form method="post" action="/workspace/meetings/${meeting.id}/cancellation" novalidate>
    ${formTokens(csrf, state.commandId)}
    ${textField({ id: 'cancel-reason', label: 'Reason for cancelling', values: state.values, error: errorFor(state.refusal, FIELDS.cancel, 'cancel-reason') })}
    ${sourceField(state, FIELDS.cancel, 'cancel-source')}
    <button type="submit" class="warning-button">Cancel the meeting</button>
  </form>`;
}
