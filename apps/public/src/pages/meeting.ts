import { PublicDatabase } from '../public-database';
import { html, PublicDecision, PublicMeeting, PublicMeetingDecision, PublicMeetingItem } from '@ledger/public-contract';
import { bodyName } from './body-name';
import { correctedMark } from './corrections';
import { Citations, dayInWords, Page } from './layout';
import { londonToday } from './meeting-list';

const OUTCOMES: Record<string, string> = {
  carried: 'carried',
  defeated: 'defeated',
  'agreed-without-vote': 'agreed without a vote',
  'referred-back': 'referred back',
  deferred: 'deferred',
  noted: 'noted',
};
const ACTIONS: Record<string, string> = {
  noted: 'interest noted; took part',
  'remained-no-vote': 'stayed in the room but did not vote',
  withdrew: 'left the room for the item',
};
const MINUTES: Record<string, string> = {
  'as-correct-record': 'as a correct record',
  'subject-to-amendments': 'subject to amendments',
};
const CALL_IN: Record<string, string> = {
  suspended: 'called in; the decision is suspended until the call-in is decided',
  confirmed: 'called in; the decision was confirmed',
  changed: 'called in; the decision was changed',
  'referred-to-full-council': 'called in and referred to full council',
};

type Member = { person?: string; seat?: string } | null;
const nameOf = (member: Member | undefined) => member?.person ?? member?.seat ?? 'a member no longer recorded';
const at = (date: string, time?: string) => `${dayInWords(date)}${time ? ` at ${time}` : ''}`;

/** The status as people read it; a row written before the meeting's day is read as held once the day has passed. */
function statusInWords(meeting: PublicMeeting, today: string): string {
  if (meeting.status === 'cancelled') return `Cancelled${meeting.cancelledReason ? `: ${meeting.cancelledReason}` : ''}.`;
  const held = meeting.status === 'held' || meeting.date < today;
  const moves = meeting.rescheduled.map((r) => `rescheduled from ${at(r.from, r.fromTime)} (${r.reason})`).join('; ');
  return `${held ? 'Held' : 'Scheduled'}${moves ? `; ${moves}` : ''}.`;
}

function agendaInWords(meeting: PublicMeeting): string {
  if (!meeting.agenda) return 'The agenda has not been published.';
  const { publishedOn, clearDays, late } = meeting.agenda;
  const days = `${clearDays} clear working day${clearDays === 1 ? '' : 's'}`;
  return late
    ? `The agenda was published late, on ${dayInWords(publishedOn)}: ${days} before the meeting, fewer than the 5 the law asks for.`
    : `The agenda was published on time, on ${dayInWords(publishedOn)}: ${days} before the meeting.`;
}

/**
 * A meeting's page: scheduled, held or cancelled, with or without a decision. Everything on it comes from
 * the public meeting row (a Part 2 item by its title, paragraph and public summary only) and, for the
 * decisions' validity and corrections, the decision rows.
 */
export function meetingPage(db: PublicDatabase, meeting: PublicMeeting, decisions: PublicMeetingDecision[], citations: Citations): Page {
  const body = (id: string) => bodyName(db.body(id), id);
  const names = meeting.bodyIds.map(body);
  const title = `Meeting of ${names.join(', ')} on ${dayInWords(meeting.date)}`;
  const byId = new Map(decisions.map((d) => [d.decisionId, d]));
  const { present, apologies, inAttendance, arrivals, departures } = meeting.attendance;
  const item = (id: string) => {
    const index = meeting.items.findIndex((i) => i.itemId === id);
    return index < 0 ? 'an item no longer recorded' : `item ${index + 1}, ${meeting.items[index].title}`;
  };
  return {
    title,
    body: html`<h1>${title}</h1>
      <dl>
        <dt>When</dt>
        <dd>${at(meeting.date, meeting.time)}</dd>
        <dt>Where</dt>
        <dd>${meeting.location ?? 'Not recorded'}</dd>
        <dt>Bodies</dt>
        <dd>
          ${meeting.bodyIds.map((id, i) => html`${i > 0 ? ', ' : ''}<a href="/bodies/${id}">${body(id)}</a>`)}${
            meeting.inCommon ? ' (committees in common: each item has one decision per body)' : ''
          }
        </dd>
        <dt>Status</dt>
        <dd>${statusInWords(meeting, londonToday())}</dd>
        <dt>Agenda</dt>
        <dd>${agendaInWords(meeting)}</dd>
      </dl>
      ${decisions.length > 0 ? citations.cite(decisions[0].citedEvents.slice(0, 1)) : ''}
      <h2>Agenda</h2>
      ${
        meeting.items.length === 0
          ? html`<p>No items are recorded yet.</p>`
          : html`<ol>
              ${meeting.items.map((item) => agendaItem(item, byId, body))}
            </ol>`
      }
      ${
        decisions.length > 0
          ? html`<table>
              <caption>
                Decisions at this meeting
              </caption>
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Body</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Valid</th>
                </tr>
              </thead>
              <tbody>
                ${decisions.map(
                  (d) =>
                    html`<tr>
                      <td>${itemCell(d)}</td>
                      <td>${d.decidingBody.name ?? body(d.decidingBody.id)}</td>
                      <td>${OUTCOMES[d.outcome] ?? d.outcome}</td>
                      <td>${validity(d.verdict)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : ''
      }
      <h2>Attendance</h2>
      ${
        present.length + apologies.length + inAttendance.length === 0
          ? html`<p>No attendance is recorded.</p>`
          : html`<h3>Present</h3>
              ${list(
                present.map(
                  (p) =>
                    `${nameOf(p.member)} (${body(p.bodyId)})${p.substituteFor !== undefined ? `, substitute for ${nameOf(p.substituteFor)}` : ''}`,
                ),
              )}
              <h3>Apologies</h3>
              ${list(apologies.map((a) => `${nameOf(a.member)} (${body(a.bodyId)})`))}
              <h3>Officers in attendance</h3>
              ${list(inAttendance.map((o) => `${o.name}, ${o.role}`))}
              ${
                arrivals.length + departures.length > 0
                  ? html`<h3>Came in late or left early</h3>
                      ${list([
                        ...arrivals.map((a) => `${nameOf(a.member)} (${body(a.bodyId)}) came in before ${item(a.beforeItem)}`),
                        ...departures.map((d) => `${nameOf(d.member)} (${body(d.bodyId)}) left after ${item(d.afterItem)}`),
                      ])}`
                  : ''
              }`
      }
      <h2>Minutes</h2>
      ${
        meeting.minutes.length === 0
          ? html`<p>The minutes of this meeting have not been approved yet.</p>`
          : html`<ul>
              ${meeting.minutes.map(
                (m) =>
                  html`<li>
                    Approved ${MINUTES[m.approval] ?? m.approval} at the
                    <a href="/meetings/${m.atMeetingId}">meeting${m.atMeetingDate ? ` of ${dayInWords(m.atMeetingDate)}` : ''}</a>.
                    ${amendmentsInWords(m)}
                  </li>`,
              )}
            </ul>`
      }`,
    data: [{ label: 'Meetings CSV', href: '/data/meetings.csv' }],
  };
}

/**
 * An approval's amendments: those about the minutes as a whole (public only while no item is confidential),
 * then those about an item, each under its item's title (public while that item is).
 */
function amendmentsInWords({ approval, amendments, itemAmendments = [] }: PublicMeeting['minutes'][number]) {
  const hidden =
    itemAmendments.length > 0
      ? 'Any other amendments are not public while an item of this meeting is confidential.'
      : 'The amendments are not public while an item of this meeting is confidential.';
  const general =
    amendments === undefined
      ? approval === 'subject-to-amendments'
        ? hidden
        : ''
      : amendments.length > 0
        ? html`Amendments:
            <ul>
              ${amendments.map((a) => html`<li>${a}</li>`)}
            </ul>`
        : '';
  const aboutItems =
    itemAmendments.length > 0
      ? html`Amendments about items:
          <ul>
            ${itemAmendments.map((a) => html`<li>${a.title ?? 'An item no longer on the agenda'}: ${a.text}</li>`)}
          </ul>`
      : '';
  return html`${aboutItems}${general}`;
}

const itemCell = (d: PublicMeetingDecision) =>
  html`<a href="/decisions/${d.decisionId}">${d.item.title}</a>${d.item.redacted ? ' (confidential)' : ''}${correctedMark(d)}`;

/** In a table: a verdict that could not be reached is not a plain "no". */
function validity({ valid, findings }: PublicDecision['verdict']): string {
  if (valid) return 'yes';
  return findings.every((finding) => finding.ok || finding.assessed === false) ? 'not assessed' : 'no';
}

function list(lines: string[]) {
  return lines.length === 0
    ? html`<p>None recorded.</p>`
    : html`<ul>
        ${lines.map((line) => html`<li>${line}</li>`)}
      </ul>`;
}

function agendaItem(item: PublicMeetingItem, decisions: ReadonlyMap<string, PublicMeetingDecision>, body: (id: string) => string) {
  return html`<li>
    <strong>${item.title}</strong>
    ${
      item.confidential && item.redacted
        ? html`<p>
            Part 2 (confidential under paragraph ${item.confidential.paragraph} of Schedule 12A): the public summary reads
            “${item.confidential.publicSummary}”.
          </p>`
        : item.confidential
          ? html`<p>Held in Part 2 under paragraph ${item.confidential.paragraph} of Schedule 12A; since made public.</p>`
          : ''
    }
    ${item.lateReason ? html`<p>Added late: ${item.lateReason}</p>` : ''}
    ${
      item.declarations.length > 0
        ? html`<p>Declarations of interest:</p>
            <ul>
              ${item.declarations.map(
                (d) =>
                  html`<li>
                    ${nameOf(d.member)} (${body(d.bodyId)})${d.interest ? `: ${d.interest}` : ''} — ${ACTIONS[d.action] ?? d.action}
                  </li>`,
              )}
            </ul>`
        : ''
    }
    ${
      item.decisions.length > 0
        ? html`<ul>
            ${item.decisions.map((d) => {
              const row = decisions.get(d.decisionId);
              return html`<li>
                ${body(d.bodyId)}:
                <a href="/decisions/${d.decisionId}">${OUTCOMES[d.outcome] ?? d.outcome}</a>${row ? correctedMark(row) : ''}${
                  d.callIn
                    ? html`.
                      ${`Call-in on ${dayInWords(d.callIn.calledIn)}: ${CALL_IN[d.callIn.status] ?? d.callIn.status}`}${
                        d.callIn.resultOn ? ` (${dayInWords(d.callIn.resultOn)})` : ''
                      }${d.callIn.reason ? `; reason: ${d.callIn.reason}` : ''}`
                    : ''
                }
              </li>`;
            })}
          </ul>`
        : ''
    }
  </li>`;
}
