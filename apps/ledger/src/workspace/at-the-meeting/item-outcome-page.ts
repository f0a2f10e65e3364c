import { areaName, dayInWords, html, Html, words } from '@ledger/public-contract';
import { DECISION_OUTCOMES, INTEREST_ACTIONS } from '@ledger/governance';
import { errorFor, errorSummary, FieldMap, formTokens, selectField, textField, Values } from '../workspace-forms';
import { layout, signedInAs } from '../workspace-pages';
import { SignedIn } from '../workspace-sessions';
import type { Refusal } from '../workspace-recorder';
import { DECLARATION_ROWS, NO_VOTE } from './item-outcome-form';
import { FindingNames, ItemAtDesk, MeetingAtDesk, Seat } from './meeting-desk';
import { verdictPanel } from './verdict-panel';

export interface ItemOutcomePage {
  session: SignedIn;
  meeting: MeetingAtDesk;
  item: ItemAtDesk;
  /** Who is in the room for this item: the choices for declarations, mover, seconder and votes. */
  inTheRoom: Seat[];
  values: Values;
  commandId: string;
  fields: FieldMap;
  refusal?: Refusal;
  /** The item as it would stand if the form were recorded (a preview): its decision's verdict is shown. */
  previewed?: ItemAtDesk;
  notice?: string;
  /** Who the verdict's findings name, in words. */
  names: FindingNames;
}

const ACTIONS: Record<(typeof INTEREST_ACTIONS)[number], string> = {
  noted: 'Declared and stayed: may vote',
  'remained-no-vote': 'Stayed in the room but did not vote',
  withdrew: 'Left the room for the item',
};
const VOTES = [
  ['for', 'For'],
  ['against', 'Against'],
  ['abstain', 'Abstain'],
  [NO_VOTE, 'No vote'],
] as const;

/** One agenda item at the meeting: what is on it, and its outcome — recorded, or the form to check and record it. */
export function itemOutcomePage(page: ItemOutcomePage): string {
  const { meeting, item, refusal } = page;
  const recorded = item.decisions[0];
  return layout({
    title: `${item.title} — ${dayInWords(meeting.date)}`,
    signedIn: signedInAs(page.session),
    error: !!refusal,
    body: html`<p><a href="/workspace/meetings/${meeting.id}">Back to the meeting of ${dayInWords(meeting.date)}</a></p>
      ${page.notice ? html`<div class="notice" role="status"><p>${page.notice}</p></div>` : ''} ${errorSummary(refusal, page.fields)}
      <h1>${item.title}</h1>
      <dl class="summary">
        <dt>Functions</dt>
        <dd>${item.functions.length ? item.functions.map(words).join(', ') : 'None named'}</dd>
        <dt>Areas</dt>
        <dd>${item.areas.length ? item.areas.map(areaName).join(', ') : 'None named'}</dd>
        <dt>Part 2</dt>
        <dd>
          ${
            item.confidential
              ? html`Confidential: Schedule 12A paragraph ${item.confidential.paragraph}. Public summary: ${item.confidential.publicSummary}`
              : 'No: a public item'
          }
          <a href="/workspace/meetings/${meeting.id}/items/${item.id}/confidentiality">Part 2 and erasure</a>
        </dd>
      </dl>
      ${
        item.text !== undefined
          ? html`<div class="panel">
              <h2>The report</h2>
              <p>${item.text}</p>
            </div>`
          : ''
      }
      ${
        recorded
          ? html`<h2>Recorded</h2>
              ${verdictPanel(recorded, { preview: false, names: page.names })}
              <p><a href="/workspace/meetings/${meeting.id}/corrections">Correct what was recorded</a></p>`
          : outcomeForm(page)
      }
      ${nextItemLink(meeting, item)}`,
  });
}

function nextItemLink(meeting: MeetingAtDesk, item: ItemAtDesk): Html | '' {
  const next = meeting.items[meeting.items.findIndex(({ id }) => id === item.id) + 1];
  return next ? html`<p><a href="/workspace/meetings/${meeting.id}/items/${next.id}">Next item: ${next.title}</a></p>` : '';
}

function outcomeForm(page: ItemOutcomePage): Html {
  const { meeting, item, inTheRoom, values, fields, refusal } = page;
  const error = (input: string) => errorFor(refusal, fields, input);
  const members = [
    ['', 'Choose a member'] as const,
    ...inTheRoom.map(({ membershipId, name, role }) => [membershipId, `${name} (${role})`] as const),
  ];
  const voters = inTheRoom.filter(({ voting }) => voting);
  const previewDecision = page.previewed?.decisions[0];
  return html`<form method="post" action="/workspace/meetings/${meeting.id}/items/${item.id}" novalidate>
    ${formTokens(page.session.csrf, page.commandId)}
    ${
      inTheRoom.length === 0
        ? html`<p class="panel">
            No member is recorded as present for this item.
            <a href="/workspace/meetings/${meeting.id}/attendance">Record attendance</a> first.
          </p>`
        : ''
    }
    <fieldset class="part">
      <legend><h2>Declarations of interest</h2></legend>
      <p class="hint">Leave a row empty when there is nothing to declare.</p>
      ${Array.from({ length: DECLARATION_ROWS }, (_, index) => index + 1).map(
        (row) =>
          html`<div class="row">
            ${selectField({ id: `declaration-${row}-member`, label: `Member (declaration ${row})`, values, options: members, error: error(`declaration-${row}-member`) })}
            ${textField({ id: `declaration-${row}-interest`, label: 'Interest declared', values, error: error(`declaration-${row}-interest`) })}
            ${selectField({
              id: `declaration-${row}-action`,
              label: 'What they did',
              values,
              options: INTEREST_ACTIONS.map((action) => [action, ACTIONS[action]] as const),
              error: error(`declaration-${row}-action`),
            })}
          </div>`,
      )}
    </fieldset>
    <fieldset class="part">
      <legend><h2>The motion</h2></legend>
      ${textField({ id: 'motion-wording', label: 'Wording of the motion', hint: 'Leave empty for an item agreed without a motion.', values, area: true, error: error('motion-wording') })}
      <div class="row">
        ${selectField({ id: 'motion-mover', label: 'Moved by', values, options: members, error: error('motion-mover') })}
        ${selectField({ id: 'motion-seconder', label: 'Seconded by', values, options: members, error: error('motion-seconder') })}
      </div>
    </fieldset>
    <fieldset class="part">
      <legend><h2>Votes</h2></legend>
      <table class="grid">
        <caption class="muted">
          Each voting member in the room for this item
        </caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            ${VOTES.map(([, label]) => html`<th scope="col">${label}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${voters.map(({ membershipId, name, role }) => {
            const chosen = values[`vote-${membershipId}`] ?? NO_VOTE;
            const message = error(`vote-${membershipId}`);
            return html`<tr class="${message ? 'invalid' : ''}">
              <th scope="row" id="voter-${membershipId}">
                ${name}
                <span class="muted">(${role})</span>${message ? html`<p class="error" id="vote-${membershipId}">${message}</p>` : ''}
              </th>
              ${VOTES.map(
                ([vote, label]) =>
                  html`<td>
                    <input
                      type="radio"
                      name="vote-${membershipId}"
                      ${new Html(vote === VOTES[0][0] && !message ? `id="vote-${membershipId}"` : '')}
                      value="${vote}"
                      aria-label="${label}: ${name}"
                      ${new Html(chosen === vote ? 'checked' : '')}
                    />
                  </td>`,
              )}
            </tr>`;
          })}
        </tbody>
      </table>
    </fieldset>
    <fieldset class="part">
      <legend><h2>The decision</h2></legend>
      ${
        meeting.bodies.length > 1
          ? selectField({
              id: 'deciding-body',
              label: 'Deciding body',
              values,
              options: meeting.bodies.map(({ bodyId, name }) => [bodyId, name ?? bodyId] as const),
              error: error('deciding-body'),
            })
          : ''
      }
      ${selectField({
        id: 'outcome',
        label: 'Outcome',
        values,
        options: [
          ['', 'Choose the outcome'] as const,
          ...DECISION_OUTCOMES.map((outcome) => [outcome, outcome.replace(/-/g, ' ')] as const),
        ],
        error: error('outcome'),
      })}
      ${textField({ id: 'resolution', label: 'Resolution', hint: 'What was resolved, as it will be minuted.', values, area: true, error: error('resolution') })}
      <div class="row">
        ${selectField({
          id: 'casting-vote',
          label: 'Chair’s casting vote',
          values,
          options: [['', 'None'] as const, ['for', 'For'] as const, ['against', 'Against'] as const],
          error: error('casting-vote'),
        })}
        ${selectField({ id: 'casting-chair', label: 'Cast by', values, options: members })}
      </div>
      ${textField({ id: 'source-title', label: 'Source', hint: 'Where this is recorded from, e.g. the draft minutes.', values, error: error('source-title') })}
    </fieldset>
    ${previewDecision ? verdictPanel(previewDecision, { preview: true, names: page.names }) : ''}
    <div class="actions">
      <button type="submit" name="action" value="check" class="secondary">Check with the ledger</button>
      <button type="submit" name="action" value="record">Record the outcome</button>
    </div>
  </form>`;
}
