import { dayInWords, html, Html } from '@ledger/public-contract';
import { errorFor, errorSummary, FieldMap, formTokens, selectField, textField, Values } from '../workspace-forms';
import { layout, signedInAs } from '../workspace-pages';
import type { Refusal } from '../workspace-recorder';
import { SignedIn } from '../workspace-sessions';
import { MeetingAtDesk, Seat } from './meeting-desk';

export type AttendanceForm = 'attendance' | 'arrival' | 'departure';
export const IN_ATTENDANCE_ROWS = 2;

export interface AttendancePage {
  session: SignedIn;
  meeting: MeetingAtDesk;
  seats: Seat[];
  /** Each form's command id; the posted form's values and refusal, when the ledger refused it. */
  commandIds: Record<AttendanceForm, string>;
  posted?: { form: AttendanceForm; values: Values; refusal: Refusal };
  notice?: string;
}

const STATUSES = [
  ['present', 'Present'],
  ['apologies', 'Apologies'],
  ['absent', 'Absent'],
  ['substitute', 'Substitute'],
] as const;

/** The attendance form's inputs by RecordAttendance's fields, so a refusal is shown beside its member. */
export function attendanceFieldMap(seats: readonly Seat[], values: Values): FieldMap {
  const fields: Record<string, string> = { source: 'attendance-source' };
  const chosen = (status: string) => seats.filter(({ membershipId }) => values[`status-${membershipId}`] === status);
  chosen('present').forEach(({ membershipId }, index) => (fields[`present[${index}]`] = `status-${membershipId}`));
  chosen('apologies').forEach(({ membershipId }, index) => (fields[`apologies[${index}]`] = `status-${membershipId}`));
  chosen('substitute').forEach(({ membershipId }, index) => (fields[`substitutes[${index}]`] = `for-${membershipId}`));
  return fields;
}

/** RecordAttendance's data from the grid: who is present, who sent apologies, who sits in whose place, and others there. */
export function attendanceData(meetingId: string, seats: readonly Seat[], values: Values, source: { title: string }) {
  const chosen = (status: string) => seats.filter(({ membershipId }) => values[`status-${membershipId}`] === status);
  const attending = Array.from({ length: IN_ATTENDANCE_ROWS }, (_, index) => index + 1)
    .map((row) => ({ name: values[`attending-${row}-name`]?.trim() ?? '', role: values[`attending-${row}-role`]?.trim() ?? '' }))
    .filter(({ name, role }) => name || role);
  return {
    meetingId,
    source,
    present: chosen('present').map(({ membershipId }) => membershipId),
    apologies: chosen('apologies').map(({ membershipId }) => membershipId),
    substitutes: chosen('substitute').map(({ membershipId }) => ({ membershipId, substituteFor: values[`for-${membershipId}`] ?? '' })),
    inAttendance: attending,
  };
}

/** Who was there: the grid for the start of the meeting, and late arrivals and early departures by item. */
export function attendancePage(page: AttendancePage): string {
  const { meeting, seats, posted } = page;
  const recorded = recordedStatus(meeting);
  const fields = posted?.form === 'attendance' ? attendanceFieldMap(seats, posted.values) : {};
  return layout({
    title: `Attendance — ${dayInWords(meeting.date)}`,
    signedIn: signedInAs(page.session),
    error: !!posted,
    body: html`<p><a href="/workspace/meetings/${meeting.id}">Back to the meeting of ${dayInWords(meeting.date)}</a></p>
      ${page.notice ? html`<div class="notice" role="status"><p>${page.notice}</p></div>` : ''}
      ${posted ? errorSummary(posted.refusal, posted.form === 'attendance' ? fields : movementFields(posted.form)) : ''}
      <h1>Attendance at the meeting of ${dayInWords(meeting.date)}</h1>
      ${attendanceForm(page, recorded, fields)} ${movementForm(page, 'arrival')} ${movementForm(page, 'departure')}`,
  });
}

/** The arrival and departure forms' inputs by RecordArrival's and RecordDeparture's fields. */
export function movementFields(form: AttendanceForm): FieldMap {
  return { membershipId: `${form}-member`, beforeItem: `${form}-item`, afterItem: `${form}-item`, source: `${form}-member` };
}

/** What is recorded already for each member (a later record adds to it). */
function recordedStatus(meeting: MeetingAtDesk): Map<string, string> {
  const status = new Map<string, string>();
  for (const { membershipId, substituteFor } of meeting.attendance.present)
    status.set(membershipId, substituteFor ? 'substitute' : 'present');
  for (const { membershipId } of meeting.attendance.apologies) status.set(membershipId, 'apologies');
  return status;
}

function attendanceForm(page: AttendancePage, recorded: Map<string, string>, fields: FieldMap): Html {
  const { meeting, seats, posted } = page;
  const values: Values = posted?.form === 'attendance' ? posted.values : {};
  const refusal = posted?.form === 'attendance' ? posted.refusal : undefined;
  const others = [['', 'No one'] as const, ...seats.map(({ membershipId, name }) => [membershipId, name] as const)];
  return html`<form method="post" action="/workspace/meetings/${meeting.id}/attendance" novalidate>
    ${formTokens(page.session.csrf, page.commandIds.attendance)}
    <h2>At the start of the meeting</h2>
    ${recorded.size > 0 ? html`<p class="panel">Attendance is recorded for ${recorded.size} members. A new record adds to it; correct it to change what is recorded.</p>` : ''}
    <div class="grid-wrap">
      <table class="grid">
        <caption class="muted">
          Each member of ${meeting.bodies.map(({ name, bodyId }) => name ?? bodyId).join(' and ')} on ${dayInWords(meeting.date)}
        </caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            ${STATUSES.map(([, label]) => html`<th scope="col">${label}</th>`)}
            <th scope="col">In place of</th>
          </tr>
        </thead>
        <tbody>
          ${seats.map(({ membershipId, name, role }) => {
            const already = recorded.get(membershipId);
            const chosen = values[`status-${membershipId}`] ?? (already ? '' : 'absent');
            const message = errorFor(refusal, fields, `status-${membershipId}`) ?? errorFor(refusal, fields, `for-${membershipId}`);
            return html`<tr class="${message ? 'invalid' : ''}">
              <th scope="row" id="status-${membershipId}" tabindex="-1">
                ${name} <span class="muted">(${role})</span>${already ? html` <span class="tag">recorded: ${already}</span>` : ''}
                ${message ? html`<p class="error">${message}</p>` : ''}
              </th>
              ${STATUSES.map(
                ([status, label]) =>
                  html`<td>
                    <input
                      type="radio"
                      name="status-${membershipId}"
                      value="${status}"
                      aria-label="${label}: ${name}"
                      ${new Html(chosen === status ? 'checked' : '')}
                    />
                  </td>`,
              )}
              <td>
                <select id="for-${membershipId}" name="for-${membershipId}" aria-label="${name} sits in place of">
                  ${others.map(([value, text]) => html`<option value="${value}" ${new Html(values[`for-${membershipId}`] === value ? 'selected' : '')}>${text}</option>`)}
                </select>
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
    <h3>Others in attendance</h3>
    ${Array.from({ length: IN_ATTENDANCE_ROWS }, (_, index) => index + 1).map(
      (row) =>
        html`<div class="row">
          ${textField({ id: `attending-${row}-name`, label: `Name (${row})`, values })}
          ${textField({ id: `attending-${row}-role`, label: `Role (${row})`, values })}
        </div>`,
    )}
    ${textField({ id: 'attendance-source', label: 'Source', hint: 'Where this is recorded from, e.g. the attendance sheet.', values, error: errorFor(refusal, fields, 'attendance-source') })}
    <button type="submit">Record attendance</button>
  </form>`;
}

function movementForm(page: AttendancePage, form: 'arrival' | 'departure'): Html {
  const { meeting, seats, posted } = page;
  const values: Values = posted?.form === form ? posted.values : {};
  const refusal = posted?.form === form ? posted.refusal : undefined;
  const fields = movementFields(form);
  const arrival = form === 'arrival';
  return html`<form method="post" action="/workspace/meetings/${meeting.id}/${arrival ? 'arrivals' : 'departures'}" novalidate>
    ${formTokens(page.session.csrf, page.commandIds[form])}
    <h2>${arrival ? 'A late arrival' : 'An early departure'}</h2>
    <div class="row">
      ${selectField({
        id: `${form}-member`,
        label: arrival ? 'Member who arrived late' : 'Member who left early',
        values,
        options: [['', 'Choose a member'] as const, ...seats.map(({ membershipId, name }) => [membershipId, name] as const)],
        error: errorFor(refusal, fields, `${form}-member`),
      })}
      ${selectField({
        id: `${form}-item`,
        label: arrival ? 'Arrived before the item' : 'Left after the item',
        values,
        options: [['', 'Choose an item'] as const, ...meeting.items.map(({ id, title }) => [id, title] as const)],
        error: errorFor(refusal, fields, `${form}-item`),
      })}
    </div>
    <button type="submit">${arrival ? 'Record the arrival' : 'Record the departure'}</button>
  </form>`;
}
