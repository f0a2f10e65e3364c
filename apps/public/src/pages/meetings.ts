import { html } from '@ledger/public-contract';
import { PublicDatabase } from '../public-database';
import { bodyOptions } from './home';
import { Page } from './layout';
import { meetingLine, meetingsIn } from './meeting-list';

const PER_PAGE = 25;

/** Every meeting, upcoming or past, of any body or one body with its committees, a page at a time. */
export function meetingsPage(db: PublicDatabase, query: URLSearchParams): Page | string {
  const when = query.get('when')?.trim() || 'upcoming';
  if (when !== 'upcoming' && when !== 'past') return `when: “${when.slice(0, 20)}” is neither “upcoming” nor “past”.`;
  const body = query.get('body')?.trim() || undefined;
  if (body !== undefined && !db.body(body)) return `body: no body is recorded as “${body.slice(0, 60)}”.`;
  const asked = Math.max(Number.parseInt(query.get('page') ?? '1', 10) || 1, 1);
  const { meetings: shown, total, page, pages } = meetingsIn(db, when, body, { perPage: PER_PAGE, page: asked });
  const link = (to: number) => `/meetings?${new URLSearchParams({ when, ...(body ? { body } : {}), page: String(to) })}`;
  const selected = (value: string, chosen: string | undefined) => (value === chosen ? html` selected` : '');
  return {
    title: when === 'upcoming' ? 'Upcoming meetings' : 'Past meetings',
    body: html`<h1>${when === 'upcoming' ? 'Upcoming meetings' : 'Past meetings'}</h1>
      <form action="/meetings" method="get" class="filters">
        <p>
          <label for="when">Meetings</label>
          <select id="when" name="when">
            <option value="upcoming" ${selected('upcoming', when)}>Upcoming, soonest first</option>
            <option value="past" ${selected('past', when)}>Past, newest first</option>
          </select>
        </p>
        <p>
          <label for="body">Body (with its committees)</label>
          <select id="body" name="body">
            <option value="">Any body</option>
            ${bodyOptions(db).map(({ id, label }) => html`<option value="${id}" ${selected(id, body)}>${label}</option>`)}
          </select>
        </p>
        <p><button type="submit">Show meetings</button></p>
      </form>
      <p role="status">${total} meeting${total === 1 ? '' : 's'} found.</p>
      <ul>
        ${shown.map((m) => html`<li><a href="/meetings/${m.meetingId}">${meetingLine(db, m)}</a></li>`)}
      </ul>
      <nav aria-label="Pages of meetings">
        <p>
          Page ${page} of ${pages}. ${page > 1 ? html`<a href="${link(page - 1)}">Previous page</a>` : ''}
          ${page < pages ? html`<a href="${link(page + 1)}">Next page</a>` : ''}
        </p>
      </nav>`,
    data: [{ label: 'Meetings CSV', href: '/data/meetings.csv' }],
  };
}
