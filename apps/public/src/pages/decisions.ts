import { AREAS, FUNCTIONS, isCivilDate, PLACES, html } from '@ledger/public-contract';
import { DecisionFilter } from '../decision-list';
import { PublicDatabase } from '../public-database';
import { decisionHref, decisionLine, OUTCOMES } from './decision';
import { bodyOptions } from './home';
import { areaName, capitalised, Page, words } from './layout';

const PER_PAGE = 25;

const ALL_OUTCOMES: Record<string, string> = { ...OUTCOMES, decided: 'decided by an officer' };

/**
 * Every public decision, newest first, narrowed by body (with its committees), place, function, dates and
 * outcome, a page at a time. A value that names nothing is refused by name (a string: the page says why).
 */
export function decisionsPage(db: PublicDatabase, query: URLSearchParams): Page | string {
  const asked = (name: string) => {
    const value = query.get(name)?.trim();
    return value ? value : undefined;
  };
  const filter: DecisionFilter = {};
  const body = asked('body');
  if (body !== undefined) {
    if (!db.body(body)) return `body: no body is recorded as “${body.slice(0, 60)}”.`;
    filter.body = body;
  }
  const place = asked('place');
  if (place !== undefined) {
    if (Object.hasOwn(PLACES, place)) filter.areas = [...PLACES[place as keyof typeof PLACES]];
    else if ((AREAS as string[]).includes(place)) filter.areas = [place];
    else return `place: “${place.slice(0, 60)}” is not a place or area of the record.`;
  }
  const fn = asked('function');
  if (fn !== undefined) {
    if (!(FUNCTIONS as readonly string[]).includes(fn)) return `function: “${fn.slice(0, 60)}” is not a commissioning function.`;
    filter.function = fn;
  }
  for (const bound of ['from', 'to'] as const) {
    const date = asked(bound);
    if (date === undefined) continue;
    if (!isCivilDate(date)) return `${bound}: “${String(date).slice(0, 40)}” is not a date: give one as YYYY-MM-DD.`;
    filter[bound] = date;
  }
  const outcome = asked('outcome');
  if (outcome !== undefined) {
    if (!Object.hasOwn(ALL_OUTCOMES, outcome)) return `outcome: “${outcome.slice(0, 40)}” is not an outcome.`;
    filter.outcome = outcome;
  }
  const { decisions, total, page, pages } = db.decisionList.page(filter, PER_PAGE, Number.parseInt(asked('page') ?? '1', 10) || 1);
  const kept = [...query.entries()].filter(([name, value]) => name !== 'page' && value.trim() !== '');
  const link = (to: number) => `/decisions?${new URLSearchParams([...kept, ['page', String(to)]])}`;
  const selected = (name: string, value: string) => (asked(name) === value ? html` selected` : '');
  const option = (name: string, value: string, label: string) => html`<option value="${value}" ${selected(name, value)}>${label}</option>`;
  return {
    title: 'Decisions',
    body: html`<h1>Decisions</h1>
      <form action="/decisions" method="get" class="filters">
        <p>
          <label for="body">Body (with its committees)</label>
          <select id="body" name="body">
            <option value="">Any body</option>
            ${bodyOptions(db).map(({ id, label }) => option('body', id, label))}
          </select>
        </p>
        <p>
          <label for="place">Place</label>
          <select id="place" name="place">
            <option value="">Any place</option>
            ${[...new Set([...Object.keys(PLACES), ...AREAS])].map((id) => option('place', id, areaName(id)))}
          </select>
        </p>
        <p>
          <label for="function">Service (function)</label>
          <select id="function" name="function">
            <option value="">Any service</option>
            ${FUNCTIONS.map((id) => option('function', id, capitalised(words(id))))}
          </select>
        </p>
        <p>
          <label for="from">From (YYYY-MM-DD)</label>
          <input id="from" name="from" type="date" value="${asked('from') ?? ''}" />
          <label for="to">To (YYYY-MM-DD)</label>
          <input id="to" name="to" type="date" value="${asked('to') ?? ''}" />
        </p>
        <p>
          <label for="outcome">Outcome</label>
          <select id="outcome" name="outcome">
            <option value="">Any outcome</option>
            ${Object.entries(ALL_OUTCOMES).map(([id, label]) => option('outcome', id, capitalised(label)))}
          </select>
        </p>
        <p><button type="submit">Show decisions</button></p>
      </form>
      <p role="status">${total} decision${total === 1 ? '' : 's'} found, newest first.</p>
      <ul>
        ${decisions.map((decision) => html`<li><a href="${decisionHref(decision)}">${decisionLine(decision)}</a></li>`)}
      </ul>
      <nav aria-label="Pages of decisions">
        <p>
          Page ${page} of ${pages}. ${page > 1 ? html`<a href="${link(page - 1)}">Previous page</a>` : ''}
          ${page < pages ? html`<a href="${link(page + 1)}">Next page</a>` : ''}
        </p>
      </nav>`,
    data: [{ label: 'All decisions as CSV', href: '/data/decisions.csv' }],
  };
}
