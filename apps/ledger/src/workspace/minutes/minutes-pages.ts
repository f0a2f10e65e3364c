import { dayInWords, html } from '@ledger/public-contract';
import type { MeetingRecordView, MeetingSummary } from '@ledger/governance';
import { errorFor, errorSummary, FieldMap, formTokens, selectField, textField, Values } from '../workspace-forms';
import { layout } from '../workspace-pages';
import type { Refusal } from '../workspace-recorder';
import type { SignedInAs } from '../corrections/correction-pages';

export const MINUTES_FIELDS: FieldMap = {
  minutesOfMeetingId: 'minutesOfMeetingId',
  approval: 'approval',
  amendments: 'amendments',
  source: 'source',
  'source.title': 'source',
};

const APPROVALS = [
  ['as-correct-record', 'As a correct record'],
  ['subject-to-amendments', 'Subject to the amendments below'],
] as const;

/** The ApproveMinutes data the form says: amendments one a line (blank lines left out). */
export function minutesApproval(meetingId: string, values: Values): Record<string, unknown> {
  const amendments = (values.amendments ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  return {
    meetingId,
    minutesOfMeetingId: values.minutesOfMeetingId ?? '',
    approval: values.approval ?? '',
    ...(amendments.length > 0 ? { amendments } : {}),
    source: { title: values.source ?? '' },
  };
}

export const minutesPath = (meetingId: string) => `/workspace/meetings/${encodeURIComponent(meetingId)}/minutes`;

/** The minutes approved at this meeting, and the form to approve an earlier meeting's of the same body. */
export function minutesPage(props: {
  signedIn: SignedInAs;
  meeting: MeetingRecordView;
  earlier: readonly MeetingSummary[];
  values: Values;
  commandId: string;
  refusal?: Refusal;
  done?: boolean;
}): string {
  const { meeting, earlier, values, refusal } = props;
  const error = (input: string) => errorFor(refusal, MINUTES_FIELDS, input);
  const dateOf = (id: string) => earlier.find((each) => each.id === id)?.date;
  return layout({
    title: `Minutes approved at the meeting of ${dayInWords(meeting.date)}`,
    signedIn: props.signedIn,
    error: refusal !== undefined,
    body: html`${props.done ? html`<div class="notice" role="status"><p>The approval of the minutes was recorded.</p></div>` : ''}
      ${errorSummary(refusal, MINUTES_FIELDS)}
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
              ${selectField({ id: 'approval', label: 'Approved', values, error: error('approval'), options: APPROVALS })}
              ${textField({ id: 'amendments', label: 'Amendments', hint: 'One amendment a line; required when approved subject to amendments', values, area: true, error: error('amendments') })}
              ${textField({ id: 'source', label: 'Source', hint: 'The minute of this meeting that approved them', values, error: error('source') })}
              <button type="submit">Record the approval</button>
            </form>`
      }`,
  });
}
