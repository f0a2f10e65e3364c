import { dayInWords, html, Html } from '@ledger/public-contract';
import type { MeetingRecordView, MeetingSummary } from '@ledger/governance';
import { errorFor, errorSummary, FieldMap, formTokens, selectField, textField, Values } from '../workspace-forms';
import { layout } from '../workspace-pages';
import type { Refusal } from '../workspace-recorder';
import type { SignedInAs } from '../corrections/correction-pages';

/** The amendment rows of the form, each with an optional item it is about. */
export const AMENDMENT_ROWS = 3;

const rowIds = (row: number) => ({ item: `amendment-${row + 1}-item`, text: `amendment-${row + 1}-text` });

/** An item of the meeting whose minutes are approved, as the "About item" select lists it. */
export interface MinutedItem {
  id: string;
  title: string;
  /** Taken in private, and the day its confidentiality is lifted from, where it is. */
  part2?: { liftedFrom?: string };
}

const itemInWords = ({ title, part2 }: MinutedItem) =>
  `${title}${part2 ? (part2.liftedFrom ? ` (Part 2, public from ${dayInWords(part2.liftedFrom)})` : ' (Part 2)') : ''}`;

const APPROVALS = [
  ['as-correct-record', 'As a correct record'],
  ['subject-to-amendments', 'Subject to the amendments below'],
] as const;

/** The rows about an item that the form sends, in order: the ledger names them by their place among these. */
function rowsAboutItems(values: Values): number[] {
  return [...Array(AMENDMENT_ROWS).keys()].filter((row) => (values[rowIds(row).item] ?? '') !== '');
}

/** Where a refusal is shown: the ledger's field names, the item amendments by their place among those sent. */
export function minutesFields(values: Values): FieldMap {
  const fields: Record<string, string> = {
    minutesOfMeetingId: 'minutesOfMeetingId',
    approval: 'approval',
    amendments: 'amendments',
    source: 'source',
    'source.title': 'source',
  };
  rowsAboutItems(values).forEach((row, sent) => {
    const ids = rowIds(row);
    fields[`itemAmendments[${sent}]`] = ids.item;
    fields[`itemAmendments[${sent}].itemId`] = ids.item;
    fields[`itemAmendments[${sent}].text`] = ids.text;
  });
  return fields;
}

const lines = (text: string | undefined) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

/**
 * The ApproveMinutes data the form says: amendments one a line (blank lines left out), and each row's
 * amendment about the item it names; a row naming no item is about the minutes as a whole.
 */
export function minutesApproval(meetingId: string, values: Values): Record<string, unknown> {
  const aboutItems = rowsAboutItems(values);
  const amendments = [
    ...lines(values.amendments),
    ...[...Array(AMENDMENT_ROWS).keys()].filter((row) => !aboutItems.includes(row)).flatMap((row) => lines(values[rowIds(row).text])),
  ];
  const itemAmendments = aboutItems.map((row) => ({ itemId: values[rowIds(row).item] ?? '', text: values[rowIds(row).text] ?? '' }));
  return {
    meetingId,
    minutesOfMeetingId: values.minutesOfMeetingId ?? '',
    approval: values.approval ?? '',
    ...(amendments.length > 0 ? { amendments } : {}),
    ...(itemAmendments.length > 0 ? { itemAmendments } : {}),
    source: { title: values.source ?? '' },
  };
}

export const minutesPath = (meetingId: string) => `/workspace/meetings/${encodeURIComponent(meetingId)}/minutes`;

/** The minutes approved at this meeting, and the form to approve an earlier meeting's of the same body. */
export function minutesPage(props: {
  signedIn: SignedInAs;
  meeting: MeetingRecordView;
  earlier: readonly MeetingSummary[];
  /** The items of the meeting chosen (`values.minutesOfMeetingId`), for the amendments about an item. */
  items: readonly MinutedItem[];
  values: Values;
  commandId: string;
  refusal?: Refusal;
  done?: boolean;
}): string {
  const { meeting, earlier, values, refusal } = props;
  const fields = minutesFields(values);
  const error = (input: string) => errorFor(refusal, fields, input);
  const dateOf = (id: string) => earlier.find((each) => each.id === id)?.date;
  return layout({
    title: `Minutes approved at the meeting of ${dayInWords(meeting.date)}`,
    signedIn: props.signedIn,
    error: refusal !== undefined,
    body: html`${props.done ? html`<div class="notice" role="status"><p>The approval of the minutes was recorded.</p></div>` : ''}
      ${errorSummary(refusal, fields)}
      <h1>Minutes approved at the meeting of ${dayInWords(meeting.date)}</h1>
      ${
        meeting.minutesApproved.length === 0
          ? html`<p>No minutes have been approved at this meeting yet.</p>`
          : html`<ul>
              ${meeting.minutesApproved.map(
                (approved) =>
                  html`<li>
                    Minutes of the meeting
                    ${dateOf(approved.minutesOfMeetingId) ? `of ${dayInWords(dateOf(approved.minutesOfMeetingId)!)}` : approved.minutesOfMeetingId},
                    approved ${approved.approval === 'as-correct-record' ? 'as a correct record' : 'subject to amendments'}
                    ${
                      approved.amendments && approved.amendments.length > 0
                        ? html`<ol>
                            ${approved.amendments.map((amendment) => html`<li>${amendment}</li>`)}
                          </ol>`
                        : ''
                    }
                    ${
                      approved.itemAmendments && approved.itemAmendments.length > 0
                        ? html`<ul>
                            ${approved.itemAmendments.map(
                              (amendment) => html`<li>About ${amendment.title ?? amendment.itemId}: ${amendment.text}</li>`,
                            )}
                          </ul>`
                        : ''
                    }
                  </li>`,
              )}
            </ul>`
      }
      <h2>Approve the minutes of an earlier meeting</h2>
      ${
        earlier.length === 0
          ? html`<p>The bodies of this meeting met at no earlier meeting the ledger knows.</p>`
          : html`<form method="post" action="${minutesPath(meeting.id)}" novalidate>
              ${formTokens(props.signedIn.csrf, props.commandId)}
              ${selectField({
                id: 'minutesOfMeetingId',
                label: 'The meeting whose minutes are approved',
                values,
                error: error('minutesOfMeetingId'),
                options: earlier.map((each) => [each.id, `Meeting of ${dayInWords(each.date)}`] as const),
              })}
              <button type="submit" name="show" value="items" class="secondary">Show the items of the meeting chosen</button>
              ${selectField({ id: 'approval', label: 'Approved', values, error: error('approval'), options: APPROVALS })}
              ${textField({
                id: 'amendments',
                label: 'Amendments',
                hint: 'About the minutes as a whole, one a line: not public while an item of the meeting is Part 2. Required when approved subject to amendments, unless an amendment below is given',
                values,
                area: true,
                error: error('amendments'),
              })}
              ${[...Array(AMENDMENT_ROWS).keys()].map((row) => amendmentRow(row, props.items, values, error))}
              ${textField({ id: 'source', label: 'Source', hint: 'The minute of this meeting that approved them', values, error: error('source') })}
              <button type="submit">Record the approval</button>
            </form>`
      }`,
  });
}

/** One amendment, about the item chosen (public when that item is), or about the minutes as a whole. */
function amendmentRow(row: number, items: readonly MinutedItem[], values: Values, error: (input: string) => string | undefined): Html {
  const ids = rowIds(row);
  const options = [['', 'None: the minutes as a whole'] as const, ...items.map((item) => [item.id, itemInWords(item)] as const)];
  return html`<fieldset class="field">
    <legend>Amendment ${row + 1} of ${AMENDMENT_ROWS}</legend>
    ${selectField({
      id: ids.item,
      label: 'About item',
      hint: items.length === 0 ? 'Choose the meeting above and show its items to list them' : 'Items of the meeting chosen above',
      values,
      error: error(ids.item),
      options,
    })}
    ${textField({ id: ids.text, label: 'Amendment', values, area: true, error: error(ids.text) })}
  </fieldset>`;
}
