import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { IncomingMessage, ServerResponse, createServer, Server } from 'node:http';
import { join } from 'node:path';
import { LRUCache } from 'lru-cache';
import {
  isCivilDate,
  PublicMeetingDecision,
  PUBLIC_DATABASE_FILE,
  repositoryFile,
  VERIFIER_BUNDLE_PATH,
  VERIFY_PAGE_SCRIPT_PATH,
  html,
} from '@ledger/public-contract';
import { atomFeed, bodyScope, CALENDAR_TYPE, everything, FEED_TYPE, meetingsCalendar, placeScope, Scope } from './follow';
import { decisionsCsv, LICENCE, meetingsCsv, popolo, successionsCsv, votesCsv } from './open-data';
import { bodyPage } from './pages/body';
import { bodyName } from './pages/body-name';
import { withdrawnDecisionPage } from './pages/corrections';
import { decisionPage, recommendationPage } from './pages/decision';
import { meetingPage } from './pages/meeting';
import { meetingsPage } from './pages/meetings';
import { bodiesPage, homePage } from './pages/home';
import { searchPage } from './pages/search';
import { decisionsPage } from './pages/decisions';
import { Citations, dayInWords, layout, Page } from './pages/layout';
import { authorityIndexPage, timelinePage } from './pages/timeline';
import { BuiltAt, PublicDatabase } from './public-database';
import { PublishedCheckpoint } from './published-checkpoint';
import { checkpointSection, verifyPage } from './pages/verify';

interface Rendered {
  status: number;
  headers: Record<string, string>;
  body: string;
}

type Answer =
  | { kind: 'page'; status?: number; page: Page; citations?: Citations }
  | { kind: 'file'; type: string; body: string; filename?: string }
  /** Served inline, not as a download: the site's own scripts and texts, and its feeds and calendars. */
  | { kind: 'asset'; type: string; body: string }
  | { kind: 'redirect'; location: string };

/** The verifier and the /verify page's script, as committed in the repository. */
const ASSETS: Record<string, string> = {
  'ledger-verify.mjs': VERIFIER_BUNDLE_PATH,
  'verify-page.mjs': VERIFY_PAGE_SCRIPT_PATH,
};

const NOT_FOUND = (what: string): Answer => ({
  kind: 'page',
  status: 404,
  page: {
    title: 'Not found',
    body: html`<h1>Not found</h1>
      <p>${what}</p>
      <p><a href="/">Go to the home page</a> or search for a body.</p>`,
  },
});

/**
 * A Host header as a browser sends one: a DNS name or an IP address, and a port. Only the open data's
 * links are built from it (when PUBLIC_BASE_URL is not set); anything else is refused, not echoed.
 */
const PLAUSIBLE_HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]{2,45}\])(?::[0-9]{1,5})?$/i;

/** The site's address for links that must work outside it (the CSVs): PUBLIC_BASE_URL, checked when the site starts. */
function baseUrlOf(configured: string | undefined, name = 'PUBLIC_BASE_URL'): string | undefined {
  if (configured === undefined || configured === '') return undefined;
  const url = new URL(configured);
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username || url.password)
    throw new Error(`${name} must be an http(s) address without query or credentials: ${configured}`);
  return url.href.replace(/\/+$/, '');
}

const BAD_REQUEST = (what: string): Answer => ({
  kind: 'page',
  status: 400,
  page: {
    title: 'Not understood',
    body: html`<h1>That request was not understood</h1>
      <p>${what}</p>`,
  },
});

/**
 * The public site: a plain node:http server over the read-only public projection. It answers GET and
 * HEAD only; any other method is refused with 405 before a byte of the request body is read, and no
 * route takes a body. Every answer carries an ETag derived from the projection's position and build,
 * and is cacheable by shared caches.
 */
export class PublicSite {
  private database?: PublicDatabase;
  private readonly files = new Map<string, { etag: string; body: string }>();
  private readonly published: PublishedCheckpoint;
  private readonly assets = new Map<string, string>();

  /** Answers already rendered, by URL, for the projection as it now stands: it changes only when the ledger writes it. */
  private readonly rendered?: LRUCache<string, Rendered>;
  private renderedAt: string | null = null;
  private readonly baseUrl: string | undefined;
  /** The ledger's public address (LEDGER_PUBLIC_URL), for links to its record of a correction; none when unset. */
  private readonly ledgerUrl: string | undefined;

  /** `pagesKept`: how many rendered answers to keep (PUBLIC_PAGE_CACHE; 0, or LEDGER_READ_CACHE=off, renders every request). */
  constructor(
    private readonly dataDir: string,
    pagesKept = process.env.LEDGER_READ_CACHE === 'off' ? 0 : Number(process.env.PUBLIC_PAGE_CACHE ?? 2000),
    baseUrl = process.env.PUBLIC_BASE_URL,
    ledgerUrl = process.env.LEDGER_PUBLIC_URL,
  ) {
    this.baseUrl = baseUrlOf(baseUrl);
    this.ledgerUrl = baseUrlOf(ledgerUrl, 'LEDGER_PUBLIC_URL');
    if (pagesKept > 0) this.rendered = new LRUCache({ max: pagesKept });
    this.published = new PublishedCheckpoint(dataDir);
  }

  /** The projection, opened once the ledger has written it (the two processes may start together). */
  get db(): PublicDatabase | undefined {
    if (!this.database && existsSync(join(this.dataDir, PUBLIC_DATABASE_FILE))) {
      try {
        this.database = new PublicDatabase(this.dataDir);
      } catch {
        this.database = undefined;
      }
    }
    return this.database;
  }

  server(): Server {
    return createServer((request, response) => this.handle(request, response));
  }

  close(): void {
    this.database?.close();
  }

  handle(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      // Refused before the body is read; the connection closes rather than drain it.
      response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
      response.end('This site is read-only: only GET and HEAD are answered.\n');
      return;
    }
    const db = this.db;
    const built = db?.builtAt();
    if (!db || !built || built.builtAt === null) {
      response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '5', 'Cache-Control': 'no-store' });
      response.end('The public projection is not built yet: the ledger writes it when it starts.\n');
      return;
    }
    // Pages change when the projection is written, or when the ledger publishes a new checkpoint or cosignature.
    const version = `${built.builtAt}|${this.published.current()?.version ?? ''}`;
    if (version !== this.renderedAt) {
      this.rendered?.clear();
      this.renderedAt = version;
    }
    const url = request.url ?? '/';
    const base = this.linkBase(request);
    // Answers differ by the address their links are built from: kept apart (the cache is bounded whatever hosts are sent).
    const key = `${base ?? ''}\u0000${url}`;
    let answer = this.rendered?.get(key);
    if (!answer) {
      answer = this.render(db, built, url, base);
      this.rendered?.set(key, answer);
    }
    if (answer.status === 200 && request.headers['if-none-match'] === answer.headers.ETag) {
      response.writeHead(304, { 'Cache-Control': answer.headers['Cache-Control'], ETag: answer.headers.ETag });
      response.end();
      return;
    }
    response.writeHead(answer.status, answer.headers);
    response.end(request.method === 'HEAD' ? undefined : answer.body);
  }

  /** Where absolute links point: PUBLIC_BASE_URL, else the request's own host if it is a plausible one. */
  private linkBase(request: IncomingMessage): string | undefined {
    if (this.baseUrl) return this.baseUrl;
    const host = request.headers.host;
    return typeof host === 'string' && host.length <= 260 && PLAUSIBLE_HOST.test(host) ? `http://${host.toLowerCase()}` : undefined;
  }

  /** The whole answer to a GET of `url`, as the projection now stands. */
  private render(db: PublicDatabase, built: BuiltAt, url: string, base: string | undefined): Rendered {
    const etag = `"${built.position}-${createHash('sha256')
      .update(`${this.renderedAt}\u0000${base ?? ''}\u0000${url}`)
      .digest('base64url')
      .slice(0, 16)}"`;
    let answer: Answer;
    try {
      answer = this.route(db, new URL(url, 'http://public.invalid'), base);
    } catch (error) {
      answer = error instanceof URIError ? BAD_REQUEST('The address is not valid.') : BAD_REQUEST('The address could not be read.');
    }
    if (answer.kind === 'redirect') {
      return { status: 303, headers: { Location: answer.location, 'Cache-Control': 'public, max-age=60' }, body: '' };
    }
    const body = answer.kind === 'page' ? layout(answer.page, built, answer.citations) : answer.body;
    // Scripts only where a page asks for the site's own; and no page may connect anywhere (default-src 'none').
    const scripts = answer.kind === 'page' && answer.page.scripts?.length ? " script-src 'self';" : '';
    return {
      status: answer.kind === 'page' ? (answer.status ?? 200) : 200,
      headers: {
        'Cache-Control': 'public, max-age=60',
        ETag: etag,
        'X-Ledger-Position': String(built.position),
        'Content-Type': answer.kind === 'page' ? 'text/html; charset=utf-8' : answer.type,
        'Content-Length': String(Buffer.byteLength(body)),
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': `default-src 'none';${scripts} style-src 'unsafe-inline'; img-src 'self'; form-action 'self'`,
        ...(answer.kind === 'file'
          ? { 'Content-Disposition': `attachment; filename="${answer.filename}"`, Link: `<${LICENCE.url}>; rel="license"` }
          : {}),
      },
      body,
    };
  }

  private route(db: PublicDatabase, url: URL, base: string | undefined): Answer {
    const parts = url.pathname
      .split('/')
      .filter((part) => part !== '')
      .map(decodeURIComponent);
    const query = url.searchParams;
    const citations = new Citations(db);
    const page = (built: Page): Answer => ({ kind: 'page', page: built, citations });
    switch (parts[0]) {
      case undefined: {
        const home = homePage(db);
        return page({
          ...home,
          body: html`${home.body}${checkpointSection(this.published.current()?.view)}`,
          follow: [
            { label: 'New decisions and corrections', href: '/feed.atom', type: 'feed' },
            { label: 'All meetings', href: '/meetings.ics', type: 'calendar' },
          ],
        });
      }
      case 'feed.atom':
        return parts.length === 1 ? this.follow(db, everything(), base, 'feed') : NOT_FOUND('No such page.');
      case 'meetings.ics':
        return parts.length === 1 ? this.follow(db, everything(), base, 'calendar') : NOT_FOUND('No such page.');
      case 'places': {
        const scope = parts.length === 3 && parts[2] === 'feed.atom' ? placeScope(parts[1]) : undefined;
        return scope ? this.follow(db, scope, base, 'feed') : NOT_FOUND('No such place or feed.');
      }
      case 'verify': {
        const view = this.published.current()?.view;
        if (parts.length === 1) return page(verifyPage(view));
        if (parts.length === 2 && parts[1] === 'policy.txt' && view)
          return { kind: 'asset', type: 'text/plain; charset=utf-8', body: view.policy };
        const asset = parts.length === 2 && Object.hasOwn(ASSETS, parts[1]) ? ASSETS[parts[1]] : undefined;
        return asset ? { kind: 'asset', type: 'text/javascript; charset=utf-8', body: this.asset(asset) } : NOT_FOUND('No such file.');
      }
      case 'search':
        return parts.length === 1
          ? page(searchPage(db, query.get('q') ?? '', query.get('kind'), query.get('page')))
          : NOT_FOUND('No such page.');
      case 'bodies': {
        if (parts.length === 1) return page(bodiesPage(db, citations));
        const body = parts.length === 2 || parts.length === 3 ? db.body(parts[1]) : undefined;
        if (body && parts.length === 3) {
          const kind = parts[2] === 'feed.atom' ? 'feed' : parts[2] === 'meetings.ics' ? 'calendar' : undefined;
          return kind
            ? this.follow(db, bodyScope(db, body, `/bodies/${encodeURIComponent(body.id)}/feed.atom`), base, kind)
            : NOT_FOUND('No such page.');
        }
        const bodyFollow = (href: string): Page['follow'] => [
          { label: 'Decisions and corrections of this body and its committees', href: `${href}/feed.atom`, type: 'feed' },
          { label: 'Meetings of this body and its committees', href: `${href}/meetings.ics`, type: 'calendar' },
        ];
        return body
          ? page({ ...bodyPage(db, body, citations), follow: bodyFollow(`/bodies/${encodeURIComponent(body.id)}`) })
          : NOT_FOUND(`No body is recorded as “${parts[1]}”.`);
      }
      case 'ods': {
        const id = parts.length === 2 ? db.bodyIdByOds(parts[1]) : undefined;
        return id
          ? { kind: 'redirect', location: `/bodies/${encodeURIComponent(id)}` }
          : NOT_FOUND(`No body has the ODS code “${parts[1] ?? ''}”.`);
      }
      case 'authority': {
        if (parts.length === 1) {
          const place = placeScope(query.get('area') ?? '');
          return page({
            ...authorityIndexPage(db, query.get('function') ?? undefined, query.get('area') ?? undefined),
            ...(place ? { follow: [{ label: place.title, href: place.self, type: 'feed' as const }] } : {}),
          });
        }
        if (parts.length === 2 && parts[1] === 'go') {
          return {
            kind: 'redirect',
            location: `/authority/${encodeURIComponent(query.get('function') ?? '')}/${encodeURIComponent(query.get('area') ?? '')}`,
          };
        }
        if (parts.length !== 3) return NOT_FOUND('No such page.');
        const on = query.get('on') ?? undefined;
        if (on !== undefined && on !== '' && !isCivilDate(on))
          return BAD_REQUEST(`“${String(on).slice(0, 40)}” is not a date: give one as YYYY-MM-DD.`);
        const timeline = db.timeline(parts[1], parts[2]);
        if (!timeline) return page(authorityIndexPage(db, parts[1], parts[2]));
        const place = placeScope(parts[2]);
        return page({
          ...timelinePage(timeline, on || undefined, citations),
          ...(place ? { follow: [{ label: place.title, href: place.self, type: 'feed' as const }] } : {}),
        });
      }
      case 'meetings': {
        if (parts.length === 1) {
          const list = meetingsPage(db, query);
          return typeof list === 'string' ? BAD_REQUEST(list) : page(list);
        }
        const meeting = parts.length === 2 ? db.publicMeeting(parts[1]) : undefined;
        if (!meeting) return NOT_FOUND(`No meeting is recorded as “${parts[1]}”.`);
        const decisions = db.meeting(parts[1]).filter((d): d is PublicMeetingDecision => d.kind === 'meeting');
        return page(meetingPage(db, meeting, decisions, citations));
      }
      case 'decisions': {
        if (parts.length === 1) {
          const list = decisionsPage(db, query);
          return typeof list === 'string' ? BAD_REQUEST(list) : page(list);
        }
        const decision = parts.length === 3 || parts.length === 4 ? db.decision(parts.slice(1).join('/')) : undefined;
        const meeting = !decision && parts.length === 4 ? db.publicMeeting(parts[1]) : undefined;
        const withdrawn = meeting?.withdrawnDecisions.find((w) => w.decisionId === parts.slice(1).join('/'));
        if (meeting && withdrawn)
          return page(withdrawnDecisionPage(meeting, withdrawn, bodyName(db.body(withdrawn.bodyId), withdrawn.bodyId), this.ledgerUrl));
        return decision ? page(decisionPage(db, decision, citations, this.ledgerUrl)) : NOT_FOUND('No such decision is recorded.');
      }
      case 'recommendations': {
        if (parts.length === 1) {
          const all = db.recommendations();
          return page({
            title: 'Recommendations',
            body: html`<h1>Recommendations under parallel approval</h1>
              <ul>
                ${all.map((r) => html`<li><a href="/recommendations/${r.recommendationId}">${r.title}</a> (${dayInWords(r.date)})</li>`)}
              </ul>`,
          });
        }
        const recommendation = parts.length === 2 ? db.recommendation(parts[1]) : undefined;
        return recommendation ? page(recommendationPage(db, recommendation, citations)) : NOT_FOUND('No such recommendation is recorded.');
      }
      case 'data':
        return parts.length === 1 ? page(dataPage()) : this.file(db, parts.slice(1).join('/'), base);
      default:
        return NOT_FOUND('No such page.');
    }
  }

  /** A feed or a calendar: its links are absolute, so it needs the site's address. */
  private follow(db: PublicDatabase, scope: Scope, base: string | undefined, kind: 'feed' | 'calendar'): Answer {
    if (base === undefined) return BAD_REQUEST('The Host header is not a host name, so the links in the feed cannot be written.');
    return kind === 'feed'
      ? { kind: 'asset', type: FEED_TYPE, body: atomFeed(db, scope, base) }
      : { kind: 'asset', type: CALENDAR_TYPE, body: meetingsCalendar(db, scope, base) };
  }

  /** A file of the repository, read once. */
  private asset(path: string): string {
    let body = this.assets.get(path);
    if (body === undefined) this.assets.set(path, (body = readFileSync(repositoryFile(path), 'utf8')));
    return body;
  }

  /** Exports are built once per projection state and kept. */
  private file(db: PublicDatabase, name: string, base: string | undefined): Answer {
    const make: Record<string, [string, (base: string) => string]> = {
      'popolo.json': ['application/json; charset=utf-8', () => JSON.stringify(popolo(db))],
      'decisions.csv': ['text/csv; charset=utf-8', (base) => decisionsCsv(db, base)],
      'meetings.csv': ['text/csv; charset=utf-8', (base) => meetingsCsv(db, base)],
      'votes.csv': ['text/csv; charset=utf-8', () => votesCsv(db)],
      'successions.csv': ['text/csv; charset=utf-8', () => successionsCsv(db)],
    };
    const entry = Object.hasOwn(make, name) ? make[name] : undefined;
    if (!entry) return NOT_FOUND('No such file.');
    if (base === undefined) return BAD_REQUEST('The Host header is not a host name, so the links in the file cannot be written.');
    const built = db.builtAt();
    // One copy per file, for the last address asked: a Host header cannot make the site keep more.
    const key = `${built.position}-${built.builtAt}-${base}`;
    let kept = this.files.get(name);
    if (!kept || kept.etag !== key) this.files.set(name, (kept = { etag: key, body: entry[1](base) }));
    return { kind: 'file', type: entry[0], body: kept.body, filename: name };
  }
}

function dataPage(): Page {
  return {
    title: 'Open data',
    body: html`<h1>Open data</h1>
      <p>
        Everything on this site is available to download, under the <a href="${LICENCE.url}">${LICENCE.name}</a>. The files hold exactly
        what the pages show: confidential (Part 2) items are reduced to their title, Schedule 12A paragraph, public summary, outcome and
        votes. Each file carries an ETag that changes when the ledger does. The CSV files open in a spreadsheet as they are (UTF-8 with a
        byte-order mark), and their links are full web addresses.
      </p>
      <table>
        <caption>
          Files
        </caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">What it holds</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td><a href="/data/popolo.json">popolo.json</a></td>
            <td>
              Popolo: organizations (with ODS codes), persons, memberships, posts, motions, vote events with counts, and votes (yes, no,
              abstain, not voting)
            </td>
          </tr>
          <tr>
            <td><a href="/data/decisions.csv">decisions.csv</a></td>
            <td>
              One row per decision: its meeting, date, body, functions, places, Part 2 status (with only the public fields of a confidential
              item), public motion and resolution, outcome, counts, casting vote, quorum, validity, and any correction or withdrawal
            </td>
          </tr>
          <tr>
            <td><a href="/data/meetings.csv">meetings.csv</a></td>
            <td>One row per meeting with a public decision: date, place, bodies, number of decisions</td>
          </tr>
          <tr>
            <td><a href="/data/votes.csv">votes.csv</a></td>
            <td>One row per member's vote</td>
          </tr>
          <tr>
            <td><a href="/data/successions.csv">successions.csv</a></td>
            <td>In the manner of NHS ODS: predecessor, successor, legal date, type (merger or transfer scheme)</td>
          </tr>
        </tbody>
      </table>`,
  };
}
