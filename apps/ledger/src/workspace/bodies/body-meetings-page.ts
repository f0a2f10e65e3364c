import { dayInWords, html } from '@ledger/public-contract';
import { errorFor, errorSummary, FieldMap, formTokens, selectField, textField } from '../workspace-forms';
import { layout } from '../workspace-pages';
import { notServedNotice } from './bodies-directory';
import { FormState, sourceField } from '../page-parts';

/** A meeting as the list shows it (the ledger's meeting summary). */
export interface MeetingOnList {
  id: string;
  date: string;
  time?: string;
  location?: string;
  status: string;
  rescheduledFrom?: string[];
  bodies: { bodyId: string; name?: string }[];
}

export interface BodyMeetingsPageInput {
  person: string;
  csrf: string;
  today: string;
  body: { id: string; name: string };
  meetings: MeetingOnList[];
  /** The other bodies, by name: whose committee may meet in common with this one. */
  others: readonly (readonly [string, string])[];
  /** False when the signed-in key does not record for this body (its forms will be refused). */
  served: boolean;
  schedule: FormState;
}

export const SCHEDULE_FIELDS: FieldMap = {
  meetingId: 'meetingId',
  date: 'date',
  time: 'time',
  location: 'location',
  bodies: 'quorum',
  'bodies[0].quorum': 'quorum',
  'bodies[0].bodyId': 'meetingId',
  'bodies[1]': 'inCommonWith',
  'bodies[1].quorum': 'inCommonQuorum',
  inCommon: 'inCommonWith',
  source: 'source',
};

export const STATUS_WORDS: Readonly<Record<string, string>> = {
  scheduled: 'Scheduled',
  rescheduled: 'Rescheduled',
  held: 'Held',
  cancelled: 'Cancelled',
};

/** A meeting's date and time as people say them: 9 May 2019 at 14:00. */
export const whenInWords = (meeting: { date: string; time?: string }) =>
  `${dayInWords(meeting.date)}${meeting.time ? ` at ${meeting.time}` : ''}`;

export function bodyMeetingsPage(input: BodyMeetingsPageInput): string {
  const { body, meetings, schedule: state, csrf, today } = input;
  const upcoming = meetings.filter((meeting) => meeting.date >= today);
  const past = meetings.filter((meeting) => meeting.date < today).reverse();
  const error = (id: string) => errorFor(state.refusal, SCHEDULE_FIELDS, id);
  return layout({
    title: `Meetings of ${body.name}`,
    error: state.refusal !== undefined,
    signedIn: { person: input.person, csrf },
    body: html`${errorSummary(state.refusal, SCHEDULE_FIELDS)} ${input.served ? '' : notServedNotice}
      <p class="crumbs"><a href="/workspace">Your workspace</a> › <a href="/workspace/bodies/${body.id}">${body.name}</a></p>
      <h1>Meetings of ${body.name}</h1>
      <h2>Upcoming</h2>
      ${meetingsTable(upcoming, body.id, 'No meeting to come is recorded.', 'Upcoming meetings, the soonest first')}
      <h2>Past</h2>
      ${meetingsTable(past, body.id, 'No past meeting is recorded.', 'Past meetings, the latest first')}
      <h2 id="schedule">Schedule a meeting</h2>
      <form method="post" action="/workspace/bodies/${body.id}/meetings" novalidate>
        ${formTokens(csrf, state.commandId)}
        ${textField({ id: 'date', label: 'Date', type: 'date', values: state.values, error: error('date'), hint: `Today is ${dayInWords(today)}. A past date records a meeting already held.` })}
        ${textField({ id: 'time', label: 'Start time (optional)', type: 'time', hint: '24-hour, UK time, e.g. 14:00.', values: state.values, error: error('time') })}
        ${textField({ id: 'location', label: 'Place (optional)', hint: 'e.g. Wyvern House, Winsford.', values: state.values, error: error('location') })}
        ${textField({ id: 'quorum', label: 'Quorum', hint: 'How many voting members must be present, and free of conflicts, for an item to be decided.', values: state.values, error: error('quorum') })}
        <fieldset class="field">
          <legend>Committees in common (optional)</legend>
          <p class="hint">When another body's committee meets together with this one, each deciding for itself.</p>
          ${selectField({
            id: 'inCommonWith',
            label: 'Meeting in common with',
            options: [['', 'No other body'], ...input.others],
            values: state.values,
            error: error('inCommonWith'),
          })}
          ${textField({ id: 'inCommonQuorum', label: 'Its quorum', values: state.values, error: error('inCommonQuorum') })}
        </fieldset>
        ${textField({
          id: 'meetingId',
          label: 'Meeting identifier (optional)',
          hint: 'Left empty, it is made from the body and the date. Lower-case letters, digits and hyphens.',
          values: state.values,
          error: error('meetingId'),
        })}
        ${sourceField(state, SCHEDULE_FIELDS)}
        <button type="submit">Schedule the meeting</button>
      </form>`,
  });
}

function meetingsTable(meetings: MeetingOnList[], bodyId: string, none: string, caption: string) {
  const inCommonWith = (meeting: MeetingOnList) =>
    meeting.bodies
      .filter((met) => met.bodyId !== bodyId)
      .map((met) => met.name ?? met.bodyId)
      .join(', ');
  if (meetings.length === 0) return html`<p>${none}</p>`;
  return html`<table>
    <caption class="muted">
      ${caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">Date</th>
        <th scope="col">Place</th>
        <th scope="col">Status</th>
      </tr>
    </thead>
    <tbody>
      ${meetings.map(
        (meeting) =>
          html`<tr>
            <th scope="row">
              <a href="/workspace/meetings/${meeting.id}">${whenInWords(meeting)}</a>
              ${meeting.bodies.length > 1 ? html`<span class="muted">in common with ${inCommonWith(meeting)}</span>` : ''}
            </th>
            <td>${meeting.location ?? 'Not recorded'}</td>
            <td>
              ${STATUS_WORDS[meeting.status] ?? meeting.status}${
                meeting.rescheduledFrom?.length
                  ? html` <span class="muted">(moved from ${meeting.rescheduledFrom.map(dayInWords).join(', ')})</span>`
                  : ''
              }
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
