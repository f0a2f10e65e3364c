import { areaName, capitalised, dayInWords, html, KIND_NAMES, spanInWords, words } from '@ledger/public-contract';
import { errorFor, errorSummary, FieldMap, formTokens, selectField, textField } from '../workspace-forms';
import { layout } from '../workspace-pages';
import { notServedNotice } from './bodies-directory';
import { checkbox, FormState, memberName, recordedNotice, sourceField } from '../page-parts';

/** A body as the workspace shows it: the register's answer (GET /bodies/:id), its committees and its parent's name. */
export interface BodyOnPage {
  id: string;
  kind: string;
  parentBodyId?: string;
  areas: string[];
  established: string;
  dissolved: string | null;
  names: { name: string }[];
  memberships: {
    membershipId: string;
    member: { person?: string; seat?: string };
    role: string;
    voting: boolean;
    onBehalfOfBodyId?: string;
    from: string;
    to: string | null;
  }[];
}

export interface BodyPageInput {
  person: string;
  csrf: string;
  today: string;
  body: BodyOnPage;
  parent?: { id: string; name: string };
  committees: { id: string; name: string }[];
  /** Every body by id, its latest name: whom a member of a joint body acts for. */
  bodyNames: Readonly<Record<string, string>>;
  recorded?: unknown;
  /** False when the signed-in key does not record for this body (its forms will be refused). */
  served: boolean;
  appoint: FormState;
  /** One "End membership" form per current member, by membership id. */
  end: Record<string, FormState>;
}

export const APPOINT_FIELDS: FieldMap = {
  membershipId: 'membershipId',
  'member.person': 'person',
  'member.seat': 'seat',
  member: 'person',
  role: 'role',
  onBehalfOfBodyId: 'onBehalfOfBodyId',
  voting: 'voting',
  from: 'from',
  to: 'from',
  source: 'source',
};

/** The ids of the "End membership" form of one membership (each its own form, on the same page). */
export const endFieldsOf = (membershipId: string): FieldMap => ({
  to: `end-${membershipId}-to`,
  source: `end-${membershipId}-source`,
  membershipId: `end-${membershipId}-to`,
});

const RECORDED = { appointed: 'The membership was recorded.', ended: 'The end of the membership was recorded.' };

export const nameOf = (body: Pick<BodyOnPage, 'id' | 'names'>) => body.names[body.names.length - 1]?.name ?? body.id;

/** Current first (by the day they joined), then those ended, the latest to end first. */
function inOrder(memberships: BodyOnPage['memberships'], today: string) {
  const current = memberships.filter((m) => m.to === null || m.to > today).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const past = memberships
    .filter((m) => m.to !== null && m.to <= today)
    .sort((a, b) => ((a.to as string) > (b.to as string) ? -1 : (a.to as string) < (b.to as string) ? 1 : 0));
  return { current, past };
}

export function bodyPage(input: BodyPageInput): string {
  const { body, today, appoint, csrf } = input;
  const name = nameOf(body);
  const { current, past } = inOrder(body.memberships, today);
  const refusal = appoint.refusal ?? Object.values(input.end).find((form) => form.refusal)?.refusal;
  const refusedEnd = Object.entries(input.end).find(([, form]) => form.refusal)?.[0];
  const withForm = (membershipId: string) => current.some((m) => m.membershipId === membershipId && m.to === null);
  const summary = appoint.refusal
    ? errorSummary(appoint.refusal, APPOINT_FIELDS)
    : refusedEnd
      ? errorSummary(refusal, withForm(refusedEnd) ? endFieldsOf(refusedEnd) : {})
      : '';
  return layout({
    title: name,
    error: refusal !== undefined,
    signedIn: { person: input.person, csrf },
    body: html`${summary}${recordedNotice(RECORDED, input.recorded)} ${input.served ? '' : notServedNotice}
      <p class="crumbs">
        <a href="/workspace">Your workspace</a
        >${input.parent ? html` › <a href="/workspace/bodies/${input.parent.id}">${input.parent.name}</a>` : ''}
      </p>
      <h1>${name}</h1>
      <dl class="summary">
        <dt>Kind</dt>
        <dd>${KIND_NAMES[body.kind] ?? capitalised(words(body.kind))}</dd>
        ${
          input.parent
            ? html`<dt>Committee of</dt>
                <dd><a href="/workspace/bodies/${input.parent.id}">${input.parent.name}</a></dd>`
            : ''
        }
        <dt>Existed</dt>
        <dd>${spanInWords(body.established, body.dissolved)}</dd>
        <dt>Areas</dt>
        <dd>${body.areas.length ? body.areas.map(areaName).join(', ') : 'None recorded'}</dd>
        <dt>Identifier</dt>
        <dd>${body.id}</dd>
      </dl>
      <p><a class="action" href="/workspace/bodies/${body.id}/meetings">Meetings of ${name}: upcoming and past</a></p>
      <h2>Committees</h2>
      ${
        input.committees.length === 0
          ? html`<p>No committee of this body is recorded.</p>`
          : html`<ul>
              ${input.committees.map((committee) => html`<li><a href="/workspace/bodies/${committee.id}">${committee.name}</a></li>`)}
            </ul>`
      }
      <h2>Members over time</h2>
      ${membersTable(current, past, input.bodyNames)}
      ${
        current.some((m) => m.to === null)
          ? endForms(
              input,
              current.filter((m) => m.to === null),
            )
          : ''
      }
      <h2 id="appoint">Appoint a member</h2>
      ${appointForm(input)}`,
  });
}

/** Bodies whose members sit on behalf of the bodies that formed them: the appointment says which. */
const JOINT_KINDS = ['joint-committee', 'committees-in-common'];

function membersTable(current: BodyOnPage['memberships'], past: BodyOnPage['memberships'], names: BodyPageInput['bodyNames']) {
  if (current.length + past.length === 0) return html`<p>No member of this body is recorded yet.</p>`;
  const row = (m: BodyOnPage['memberships'][number], now: boolean) =>
    html`<tr>
      <th scope="row">${memberName(m.member)}</th>
      <td>${capitalised(words(m.role))}${m.onBehalfOfBodyId ? `, for ${names[m.onBehalfOfBodyId] ?? m.onBehalfOfBodyId}` : ''}</td>
      <td>${m.voting ? 'Voting' : 'Not voting'}</td>
      <td>${capitalised(spanInWords(m.from, m.to))}</td>
      <td>${now ? 'Current' : 'Ended'}</td>
    </tr>`;
  return html`<table>
    <caption class="muted">
      Current members first, then those whose membership ended
    </caption>
    <thead>
      <tr>
        <th scope="col">Member</th>
        <th scope="col">Role</th>
        <th scope="col">Vote</th>
        <th scope="col">Dates</th>
        <th scope="col">Now</th>
      </tr>
    </thead>
    <tbody>
      ${current.map((m) => row(m, true))}${past.map((m) => row(m, false))}
    </tbody>
  </table>`;
}

function endForms(input: BodyPageInput, open: BodyOnPage['memberships']) {
  return html`<h3>End a membership</h3>
    ${open.map((m) => {
      const state = input.end[m.membershipId];
      const fields = endFieldsOf(m.membershipId);
      return html`<details class="row-form" ${state.refusal ? html`open` : ''}>
        <summary>End the membership of ${memberName(m.member)} (${words(m.role)}, ${spanInWords(m.from, null)})</summary>
        <form method="post" action="/workspace/bodies/${input.body.id}/memberships/${m.membershipId}/end" novalidate>
          ${formTokens(input.csrf, state.commandId)}
          ${textField({
            id: fields.to,
            label: 'First day no longer a member',
            hint: `A membership that ended on 31 March ends with 1 April here. Today is ${dayInWords(input.today)}.`,
            type: 'date',
            values: state.values,
            error: errorFor(state.refusal, fields, fields.to),
          })}
          ${sourceField(state, fields, fields.source)}
          <button type="submit">End this membership</button>
        </form>
      </details>`;
    })}`;
}

function appointForm({ body, appoint: state, csrf, bodyNames }: BodyPageInput) {
  const error = (input: string) => errorFor(state.refusal, APPOINT_FIELDS, input);
  return html`<form method="post" action="/workspace/bodies/${body.id}/memberships" novalidate>
    ${formTokens(csrf, state.commandId)}
    ${textField({ id: 'person', label: 'Name of the member', hint: 'As the minutes write it, e.g. "Dr Jane Smith".', values: state.values, error: error('person') })}
    ${textField({ id: 'seat', label: 'Seat (when no person is named)', hint: 'e.g. "Healthwatch Cheshire East representative".', values: state.values, error: error('seat') })}
    ${textField({ id: 'role', label: 'Role', hint: 'e.g. chair, member, lay member.', values: state.values, error: error('role') })}
    <div class="field${error('voting') ? ' invalid' : ''}">
      ${checkbox({ id: 'voting', label: 'A voting member', checked: state.values.voting === 'yes' })}
    </div>
    ${
      JOINT_KINDS.includes(body.kind)
        ? selectField({
            id: 'onBehalfOfBodyId',
            label: 'Acts for',
            hint: 'The body this member sits on behalf of.',
            options: [
              ['', 'No body named'],
              ...Object.entries(bodyNames)
                .filter(([id]) => id !== body.id)
                .sort(([, a], [, b]) => a.localeCompare(b)),
            ],
            values: state.values,
            error: error('onBehalfOfBodyId'),
          })
        : ''
    }
    ${textField({ id: 'from', label: 'Member from', type: 'date', values: state.values, error: error('from') })}
    ${textField({
      id: 'membershipId',
      label: 'Membership identifier (optional)',
      hint: 'Left empty, it is made from the name or seat. Lower-case letters, digits and hyphens.',
      values: state.values,
      error: error('membershipId'),
    })}
    ${sourceField(state, APPOINT_FIELDS)}
    <button type="submit">Appoint</button>
  </form>`;
}
