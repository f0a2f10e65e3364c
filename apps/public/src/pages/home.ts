import { PublicBodyListing, html } from '@ledger/public-contract';
import { PublicDatabase } from '../public-database';
import { decisionHref, decisionLine } from './decision';
import { capitalised, Citations, during, KIND_NAMES, Page, words } from './layout';
import { meetingLine, meetingsIn } from './meeting-list';

const ON_HOME = 5;

export const searchForm = (query = '') =>
  html`<form action="/search" method="get" role="search">
    <label for="q">Search decisions, bodies, meetings, members, places or services</label>
    <input id="q" name="q" type="search" value="${query}" autocomplete="off" /> <button type="submit">Search</button>
    <p class="muted" id="q-hint">For example: “Winsford”, “care home”, “27D”, “community health”, a councillor’s name.</p>
  </form>`;

export function homePage(db: PublicDatabase): Page {
  const bodies = db.bodyList();
  const latest = db.decisionList.page({}, ON_HOME, 1).decisions;
  const next = meetingsIn(db, 'upcoming', undefined, { held: true, perPage: ON_HOME }).meetings;
  return {
    title: 'Who decided what, with whose authority',
    body: html`<h1>Who decided what, with whose authority</h1>
      <p>
        This site shows the public record of NHS and local-government commissioning decisions in Cheshire and Merseyside, Wirral, and Bath
        and North East Somerset, Swindon and Wiltshire: which body held authority when, what each decided, and how each member voted.
      </p>
      ${searchForm()}
      <h2>Latest decisions</h2>
      <ul>
        ${latest.map((decision) => html`<li><a href="${decisionHref(decision)}">${decisionLine(decision)}</a></li>`)}
      </ul>
      <p><a href="/decisions">All decisions</a></p>
      <h2>Next meetings</h2>
      ${
        next.length === 0
          ? html`<p>No meeting is scheduled.</p>`
          : html`<ul>
              ${next.map((m) => html`<li><a href="/meetings/${m.meetingId}">${meetingLine(db, m)}</a></li>`)}
            </ul>`
      }
      <p><a href="/meetings">Upcoming meetings</a> · <a href="/meetings?when=past">Past meetings</a></p>
      <h2>Start here</h2>
      <ul>
        <li><a href="/decisions">All decisions</a>, newest first, by body, place, service, date or outcome</li>
        <li><a href="/bodies">All ${bodies.length} bodies</a>, with their NHS organisation (ODS) codes</li>
        <li><a href="/authority">Who held authority</a> for a service in an area, over time</li>
        <li><a href="/data">Open data</a>: decisions, votes and successions as CSV and Popolo JSON</li>
      </ul>`,
    data: [{ label: 'All open data', href: '/data' }],
  };
}

/** Bodies by name, each followed by its committees (by name, at any depth): a committee is read with its parent. */
/** One collator for every comparison: localeCompare with options builds one per call. */
const BY_NAME = new Intl.Collator('en-GB', { sensitivity: 'base' });

export function bodiesInOrder(bodies: readonly PublicBodyListing[]): { body: PublicBodyListing; depth: number }[] {
  const byName = (a: PublicBodyListing, b: PublicBodyListing) => BY_NAME.compare(a.name, b.name) || a.id.localeCompare(b.id);
  const ids = new Set(bodies.map((body) => body.id));
  const children = new Map<string, PublicBodyListing[]>();
  for (const body of bodies) {
    if (body.parentBodyId && ids.has(body.parentBodyId))
      children.set(body.parentBodyId, [...(children.get(body.parentBodyId) ?? []), body]);
  }
  const ordered: { body: PublicBodyListing; depth: number }[] = [];
  const placed = new Set<string>();
  const place = (body: PublicBodyListing, depth: number) => {
    if (placed.has(body.id)) return;
    placed.add(body.id);
    ordered.push({ body, depth });
    for (const child of (children.get(body.id) ?? []).sort(byName)) place(child, depth + 1);
  };
  for (const body of [...bodies].sort(byName)) if (!body.parentBodyId || !ids.has(body.parentBodyId)) place(body, 0);
  // A cycle of parents (which the ledger refuses) would leave bodies out: list them at the top level all the same.
  for (const body of [...bodies].sort(byName)) place(body, 0);
  return ordered;
}

/** The choices of a body filter: every body by name, each committee under its parent. */
export function bodyOptions(db: PublicDatabase): { id: string; label: string }[] {
  return bodiesInOrder(db.bodyList()).map(({ body, depth }) => ({ id: body.id, label: `${'— '.repeat(depth)}${body.name}` }));
}

export function bodiesPage(db: PublicDatabase, citations: Citations): Page {
  const bodies = bodiesInOrder(db.bodyList());
  const names = new Map(bodies.map(({ body }) => [body.id, body.name]));
  return {
    title: 'All bodies',
    body: html`<h1>All bodies</h1>
      <p>Every body the ledger has recorded, past and present, by name. A committee is listed under the body it is a committee of.</p>
      <table>
        <caption>
          Bodies, with kind, ODS code and dates
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">ODS code</th>
            <th scope="col">Existed</th>
          </tr>
        </thead>
        <tbody>
          ${bodies.map(
            ({ body, depth }) =>
              html`<tr>
                <td class="${depth > 0 ? `committee committee-${Math.min(depth, 3)}` : 'body'}">
                  <a href="/bodies/${body.id}">${names.get(body.id)}</a>${
                    depth > 0 && body.parentBodyId
                      ? html`<br /><span class="muted">Committee of ${names.get(body.parentBodyId)}</span>`
                      : ''
                  }
                </td>
                <td>${KIND_NAMES[body.kind] ?? capitalised(words(body.kind))}</td>
                <td>${body.odsCode ?? '—'}</td>
                <td>${during(body.established, body.dissolved)}${citations.cite(body.citedEvent ? [body.citedEvent] : [])}</td>
              </tr>`,
          )}
        </tbody>
      </table>`,
    data: [
      { label: 'Popolo JSON (organizations, memberships, votes)', href: '/data/popolo.json' },
      { label: 'Successions CSV (predecessor, successor, legal date, type)', href: '/data/successions.csv' },
    ],
  };
}
