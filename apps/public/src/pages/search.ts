import { SEARCH_KINDS, SearchKind, html } from '@ledger/public-contract';
import { PublicDatabase } from '../public-database';
import { MOST_RANKED, SearchHit, searchQuery } from '../search';
import { searchForm } from './home';
import { dayInWords, Page } from './layout';

/** Hits of each kind on the first page of results; then a page of one kind at a time. */
const FIRST_OF_KIND = 5;
const PER_PAGE = 20;

/** Each kind's heading, and its name in a sentence. */
const KIND_HEADINGS: Record<SearchKind, [string, string]> = {
  body: ['Bodies', 'bodies'],
  decision: ['Decisions', 'decisions'],
  meeting: ['Meetings', 'meetings'],
  member: ['Members', 'members'],
  place: ['Places', 'places'],
  function: ['Services (functions)', 'services'],
};

/** Said where a kind has too many hits to rank (see MOST_RANKED): they are listed latest first. */
const unranked = (total: number) =>
  total > MOST_RANKED
    ? html`<p class="muted">
        More than ${MOST_RANKED.toLocaleString('en-GB')} found: listed latest first, not by how well they match. Add a word to narrow them.
      </p>`
    : '';

const isKind = (kind: string | null): kind is SearchKind => kind !== null && (SEARCH_KINDS as readonly string[]).includes(kind);

/**
 * Everything public, by words: bodies, decisions, meetings, members, places (with their towns) and
 * functions, best match first, grouped by kind. `kind` and `page` page through one kind.
 */
export function searchPage(db: PublicDatabase, typed: string, kindAsked: string | null = null, pageAsked: string | null = null): Page {
  const text = typed.trim().slice(0, 100);
  const query = searchQuery(text, (phrase) => db.search.holds(phrase));
  const counts = query ? db.search.count(query) : [];
  const found = counts.reduce((sum, { total }) => sum + total, 0);
  const kind = isKind(kindAsked) ? kindAsked : undefined;
  const title = text ? `Search results for “${text}”` : 'Search';
  const status = !query
    ? text
      ? 'Type letters or numbers: a name, a code, a place, a service or words of a decision.'
      : 'Type a name, a code, a place, a service or words of a decision.'
    : `${found} result${found === 1 ? '' : 's'} found.`;
  const link = (params: Record<string, string | number>) =>
    `/search?${new URLSearchParams({ q: text, ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) })}`;
  const hits = (hits: SearchHit[]) =>
    html`<ol class="search-results">
      ${hits.map(
        (hit) =>
          html`<li>
            <a href="${hit.href}">${hit.title}</a
            >${hit.date && hit.kind !== 'body' ? html` <span class="muted">(${dayInWords(hit.date)})</span>` : ''}
            ${hit.text ? html`<br /><span>${hit.text}</span>` : ''}
            ${hit.places ? html`<br /><span class="muted">Places: ${hit.places}</span>` : ''}
            ${hit.functions ? html`<br /><span class="muted">Services: ${hit.functions}</span>` : ''}
          </li>`,
      )}
    </ol>`;

  let results;
  if (query && kind) {
    const total = counts.find((count) => count.kind === kind)?.total ?? 0;
    const pages = Math.max(1, Math.ceil(total / PER_PAGE));
    const page = Math.min(pages, Math.max(1, Number.parseInt(pageAsked ?? '1', 10) || 1));
    results = html`<h2>${KIND_HEADINGS[kind][0]} (${total})</h2>
      ${unranked(total)} ${hits(db.search.find(query, kind, PER_PAGE, (page - 1) * PER_PAGE, total))}
      <nav aria-label="Pages of results">
        <p>
          Page ${page} of ${pages}. ${page > 1 ? html`<a href="${link({ kind, page: page - 1 })}">Previous page</a>` : ''}
          ${page < pages ? html`<a href="${link({ kind, page: page + 1 })}">Next page</a>` : ''}
          <a href="${link({})}">All kinds of result</a>
        </p>
      </nav>`;
  } else if (query) {
    results = counts.map(
      ({ kind, total }) =>
        html`<section aria-labelledby="results-${kind}">
          <h2 id="results-${kind}">${KIND_HEADINGS[kind][0]} (${total})</h2>
          ${unranked(total)} ${hits(db.search.find(query, kind, FIRST_OF_KIND, 0, total))}
          ${total > FIRST_OF_KIND ? html`<p><a href="${link({ kind })}">All ${total} ${KIND_HEADINGS[kind][1]} found</a></p>` : ''}
        </section>`,
    );
  }
  return {
    title,
    body: html`<h1>${title}</h1>
      ${searchForm(text)}
      <p role="status">${status}</p>
      ${results ?? ''}`,
  };
}
