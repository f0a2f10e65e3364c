import { dayInWords, html, Html } from '@ledger/public-contract';
import type { MeetingRecordView } from '@ledger/governance';
import { SCHEDULE_12A_PARAGRAPHS } from '@ledger/governance';
import { errorFor, errorSummary, FieldMap, formTokens, selectField, textField, Values } from '../workspace-forms';
import { layout } from '../workspace-pages';
import type { Refusal } from '../workspace-recorder';
import type { SignedInAs } from '../corrections/correction-pages';

export type Part2Action = 'impose' | 'lift' | 'erase';

/** Each form of the page: the command it records, where the ledger's fields are on it, and whether it asks to confirm. */
export const PART2_ACTIONS: Record<
  Part2Action,
  { command: string; confirm: boolean; fields: FieldMap; data: (values: Values) => Record<string, unknown> }
> = {
  impose: {
    command: 'ImposeConfidentiality',
    confirm: true,
    fields: {
      paragraph: 'impose-paragraph',
      publicInterestReason: 'impose-reason',
      publicSummary: 'impose-summary',
      source: 'impose-source',
      'source.title': 'impose-source',
    },
    data: (values) => ({
      paragraph: /^\d$/.test(values['impose-paragraph'] ?? '') ? Number(values['impose-paragraph']) : values['impose-paragraph'],
      publicInterestReason: values['impose-reason'] ?? '',
      publicSummary: values['impose-summary'] ?? '',
      source: { title: values['impose-source'] ?? '' },
    }),
  },
  lift: {
    command: 'LiftConfidentiality',
    confirm: false,
    fields: { effective: 'lift-effective', reason: 'lift-reason', source: 'lift-source', 'source.title': 'lift-source' },
    data: (values) => ({
      effective: values['lift-effective'] ?? '',
      reason: values['lift-reason'] ?? '',
      source: { title: values['lift-source'] ?? '' },
    }),
  },
  erase: {
    command: 'EraseConfidentialContent',
    confirm: true,
    fields: { reason: 'erase-reason', source: 'erase-source', 'source.title': 'erase-source' },
    data: (values) => ({ reason: values['erase-reason'] ?? '', source: { title: values['erase-source'] ?? '' } }),
  },
};

type Item = MeetingRecordView['items'][number];

/** The form a refused or first-shown page carries for each action: its values, command id and the refusal if it is this one. */
export interface Part2Forms {
  values: Values;
  commandIds: Record<Part2Action, string>;
  refused?: { action: Part2Action; refusal: Refusal };
}

const DONE: Record<string, string> = {
  impose: 'The item was taken into Part 2.',
  lift: 'The item will be public from the date given.',
  erase: "The item's content was erased.",
};

export const part2Path = (meetingId: string, itemId: string) =>
  `/workspace/meetings/${encodeURIComponent(meetingId)}/items/${encodeURIComponent(itemId)}/confidentiality`;

function stateOf(item: Item): Html {
  const part2 = item.confidential;
  return html`<dl class="summary">
    <dt>Part 2</dt>
    <dd>
      ${
        part2
          ? html`Yes, under paragraph ${part2.paragraph} of Schedule 12A to the Local Government Act
            1972${part2.lifted ? html`; public from ${dayInWords(part2.lifted)}` : ''}`
          : 'No: the item is public (Part 1)'
      }
    </dd>
    ${
      part2
        ? html`<dt>Why it is withheld</dt>
            <dd>${part2.publicInterestReason}</dd>
            <dt>What the public sees</dt>
            <dd>${part2.publicSummary}</dd>`
        : ''
    }
    <dt>Content</dt>
    <dd>
      ${item.redacted ? html`<em>You are not entitled to read this item's content.</em>` : html`<span class="item-text">${item.text ?? ''}</span>`}
    </dd>
    ${
      item.erasures.length > 0
        ? html`<dt>Erased</dt>
            <dd>${item.erasures.map((erasure) => html`<p>${erasure.reason}</p>`)}</dd>`
        : ''
    }
  </dl>`;
}

/** The item's Part 2 state, its text for the entitled, and the forms that change it. */
export function confidentialityPage(props: {
  signedIn: SignedInAs;
  meeting: MeetingRecordView;
  item: Item;
  forms: Part2Forms;
  done?: string;
}): string {
  const { meeting, item, forms } = props;
  const path = part2Path(meeting.id, item.id);
  const refusal = (action: Part2Action) => (forms.refused?.action === action ? forms.refused.refusal : undefined);
  const error = (action: Part2Action, input: string) => errorFor(refusal(action), PART2_ACTIONS[action].fields, input);
  const { values } = forms;
  const inPart2 = item.confidential !== undefined && item.confidential.lifted === undefined;
  // Each form where it applies, and the refused one always, so what was typed is kept beside the message.
  const showImpose = !inPart2 || forms.refused?.action === 'impose';
  const showLift = inPart2 || forms.refused?.action === 'lift';
  const notice = props.done ? DONE[props.done] : undefined;
  return layout({
    title: `Part 2: ${item.title}`,
    signedIn: props.signedIn,
    error: forms.refused !== undefined,
    body: html`${notice ? html`<div class="notice" role="status"><p>${notice}</p></div>` : ''}
      ${forms.refused ? errorSummary(forms.refused.refusal, PART2_ACTIONS[forms.refused.action].fields) : ''}
      <h1>Part 2: ${item.title}</h1>
      <p class="muted">Meeting of ${dayInWords(meeting.date)}.</p>
      ${stateOf(item)}
      ${
        !showImpose
          ? ''
          : html`<h2>Take into Part 2</h2>
              <p>From today the item's content is read only by the officers of its bodies; the public sees the summary below.</p>
              <form method="post" action="${path}/impose" novalidate>
                ${formTokens(props.signedIn.csrf, forms.commandIds.impose)}
                ${selectField({
                  id: 'impose-paragraph',
                  label: 'Schedule 12A paragraph',
                  values,
                  error: error('impose', 'impose-paragraph'),
                  options: SCHEDULE_12A_PARAGRAPHS.map((paragraph) => [String(paragraph), `Paragraph ${paragraph}`] as const),
                })}
                ${textField({ id: 'impose-reason', label: 'Why the public interest in withholding it outweighs disclosing it', values, area: true, error: error('impose', 'impose-reason') })}
                ${textField({ id: 'impose-summary', label: 'What the public sees instead', values, error: error('impose', 'impose-summary') })}
                ${textField({ id: 'impose-source', label: 'Source', hint: 'The decision to exclude the public: the minute, say', values, error: error('impose', 'impose-source') })}
                <button type="submit">Take into Part 2</button>
              </form>`
      }
      ${
        showLift
          ? html`<h2>Make public from a date</h2>
              <form method="post" action="${path}/lift" novalidate>
                ${formTokens(props.signedIn.csrf, forms.commandIds.lift)}
                ${textField({ id: 'lift-effective', label: 'Public from', type: 'date', values, error: error('lift', 'lift-effective') })}
                ${textField({ id: 'lift-reason', label: 'Why it may be public', values, error: error('lift', 'lift-reason') })}
                ${textField({ id: 'lift-source', label: 'Source', values, error: error('lift', 'lift-source') })}
                <button type="submit">Make public from this date</button>
              </form>`
          : ''
      }
      <h2>Erase the content</h2>
      <p>For content that should never have been kept (personal data recorded in error, say). You will be asked to confirm.</p>
      <form method="post" action="${path}/erase" novalidate>
        ${formTokens(props.signedIn.csrf, forms.commandIds.erase)}
        ${textField({ id: 'erase-reason', label: 'Why the content is erased', hint: 'Shown to everyone: give no personal data here', values, error: error('erase', 'erase-reason') })}
        ${textField({ id: 'erase-source', label: 'Source', values, error: error('erase', 'erase-source') })}
        <button type="submit" class="warning">Erase the content</button>
      </form>`,
  });
}

const CONSEQUENCES: Record<'impose' | 'erase', { title: string; button: string; says: Html }> = {
  impose: {
    title: 'Take this item into Part 2?',
    button: 'Yes, take it into Part 2',
    says: html`<p class="warning-text">This is recorded for good: the ledger will always show that the item was taken into Part 2 today.</p>
      <p>
        From today its content is read only by officers of its bodies, auditors and admins; the public sees the summary. What was public
        before today was public: anyone may have kept a copy. To make it public again later, record a date from which it is public.
      </p>`,
  },
  erase: {
    title: "Erase this item's content?",
    button: 'Yes, erase the content for good',
    says: html`<p class="warning-text">This cannot be undone.</p>
      <p>
        Erasing destroys the key that opens this item's content. The text recorded so far can never be read again by anyone: not by you, not
        by an admin, not by the ledger itself. The event log is unchanged and still verifies: it keeps the sealed text, which no one can
        open. The reason you give is shown to everyone.
      </p>`,
  },
};

/** The second step: what the action does and what cannot be undone, the values carried, and the one button that records. */
export function confirmationPage(props: {
  signedIn: SignedInAs;
  meeting: MeetingRecordView;
  item: Item;
  action: 'impose' | 'erase';
  values: Values;
  commandId: string;
}): string {
  const { meeting, item, action, values } = props;
  const consequence = CONSEQUENCES[action];
  const carried = Object.values(PART2_ACTIONS[action].fields);
  return layout({
    title: consequence.title,
    signedIn: props.signedIn,
    body: html`<h1>${consequence.title}</h1>
      <p>${item.title}, at the meeting of ${dayInWords(meeting.date)}.</p>
      ${consequence.says}
      <form method="post" action="${part2Path(meeting.id, item.id)}/${action}">
        ${formTokens(props.signedIn.csrf, props.commandId)}
        <input type="hidden" name="confirmed" value="yes" />
        ${[...new Set(carried)].map((input) => html`<input type="hidden" name="${input}" value="${values[input] ?? ''}" />`)}
        <div class="actions">
          <button type="submit" class="${action === 'erase' ? 'warning' : ''}">${consequence.button}</button>
          <a href="${part2Path(meeting.id, item.id)}">No, go back</a>
        </div>
      </form>`,
  });
}
