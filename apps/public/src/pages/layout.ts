import { Html, html, instantInWords, PublicSource, spanInWords } from '@ledger/public-contract';
import { BuiltAt, PublicDatabase } from '../public-database';

/**
 * The sources a page cites, numbered in the order they are first cited. `cite` puts a link to them
 * beside a value, with a mark when the value is approximate (≈) or illustrative (◊); the marks are
 * explained once, in the page's sources section.
 */
export class Citations {
  private readonly numbered = new Map<string, { number: number; source: PublicSource }>();

  constructor(private readonly db: PublicDatabase) {}

  cite(eventIds: readonly string[] | undefined): Html {
    const numbers = new Set<number>();
    let approximate = false;
    let illustrative = false;
    for (const eventId of eventIds ?? []) {
      const source = this.db.source(eventId);
      if (!source) continue;
      const key = `${source.title}\u0000${source.reference ?? ''}\u0000${source.url ?? ''}\u0000${source.illustrative ?? false}`;
      let entry = this.numbered.get(key);
      if (!entry) this.numbered.set(key, (entry = { number: this.numbered.size + 1, source }));
      numbers.add(entry.number);
      approximate ||= source.approximate === true;
      illustrative ||= source.illustrative === true;
    }
    if (numbers.size === 0) return html``;
    return html`<span class="cite"
      >${approximate ? html`<abbr class="mark" title="approximate date">≈</abbr>` : ''}${
        illustrative ? html`<abbr class="mark" title="illustrative: not named in the sources">◊</abbr>` : ''
      }${[...numbers].sort((a, b) => a - b).map((number) => html`<a href="#source-${number}" aria-label="source ${number}">[${number}]</a>`)}</span
    >`;
  }

  section(): Html {
    const entries = [...this.numbered.values()];
    return html`<section aria-labelledby="sources-heading" class="sources">
      <h2 id="sources-heading">Sources</h2>
      <p>
        Numbers in square brackets link to these sources. <abbr class="mark" title="approximate date">≈</abbr> means the date is
        approximate: the sources do not give the exact day. <abbr class="mark" title="illustrative">◊</abbr> means illustrative: a meeting
        or member the sources do not name, shown to illustrate how the record works.
      </p>
      ${
        entries.length === 0
          ? html`<p>No sources are cited on this page.</p>`
          : html`<ol>
              ${entries.map(
                ({ number, source }) =>
                  html`<li id="source-${number}">
                    ${source.url && WEB_ADDRESS.test(source.url) ? html`<a href="${source.url}">${source.title}</a>` : source.title}${
                      source.reference ? html`, ${source.reference}` : ''
                    }${source.approximate ? ' (date approximate)' : ''}${source.illustrative ? ' (illustrative)' : ''}
                  </li>`,
              )}
            </ol>`
      }
    </section>`;
  }
}

/** Only web addresses become links: a recorded `javascript:` or `data:` address stays text. */
const WEB_ADDRESS = /^https?:\/\//i;

export interface Page {
  title: string;
  body: Html;
  /** Links to the open data a page is built from. */
  data?: { label: string; href: string }[];
  /** Module scripts of the site's own (the page works without them); the page's CSP then allows scripts from the site. */
  scripts?: string[];
  /** Feeds and calendars to follow what the page shows: linked in the head (feeds) and in a "Follow" section. */
  follow?: { label: string; href: string; type: 'feed' | 'calendar' }[];
}

const STYLE = `
:root{--ink:#0b0c0c;--muted:#3d4448;--link:#1d4f91;--focus:#ffdd00;--line:#b1b4b6;--ok:#00703c;--bad:#b3261e;--panel:#f3f2f1}
*{box-sizing:border-box}body{margin:0;font:1.05rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);background:#fff}
a{color:var(--link)}a:focus,button:focus,input:focus,select:focus,summary:focus{outline:3px solid var(--focus);outline-offset:0;box-shadow:0 0 0 5px var(--ink)}
.skip{position:absolute;left:-999px;top:0;background:var(--focus);color:var(--ink);padding:.5rem 1rem}.skip:focus{left:0}
header{background:#0b0c0c;color:#fff;padding:.75rem 1rem}header a{color:#fff}header nav a{margin-right:1rem}
main{max-width:60rem;margin:0 auto;padding:1rem}footer{border-top:1px solid var(--line);padding:1rem;max-width:60rem;margin:2rem auto 0;color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border-bottom:1px solid var(--line);text-align:left;padding:.35rem .5rem;vertical-align:top}
caption{text-align:left;font-weight:600;padding:.25rem 0}.panel{background:var(--panel);padding:.75rem 1rem;margin:1rem 0;border-left:5px solid var(--line)}
.ok{color:var(--ok);font-weight:600}.bad{color:var(--bad);font-weight:600}.cite{font-size:.85em;margin-left:.2em}.cite a{margin-left:.15em}
.mark{text-decoration:none;font-weight:700;margin-left:.1em}label{display:block;font-weight:600;margin-bottom:.25rem}
input,select,button{font:inherit;padding:.4rem .5rem;border:2px solid var(--ink)}button{background:#00703c;color:#fff;border-color:#00703c;cursor:pointer}
.redacted{border-left-color:#d4351c}svg text{font:12px system-ui,sans-serif}.muted{color:var(--muted)}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--panel);padding:.5rem}[hidden]{display:none}.field{margin:0 0 1.25rem}.field p{margin:0 0 .35rem}
main,footer{overflow-wrap:anywhere}svg{max-width:100%;height:auto}input,select{max-width:100%}
.committee{padding-left:1.5rem}.committee-2{padding-left:3rem}.committee-3{padding-left:4.5rem}
@media (max-width:40rem){main{padding:.75rem}th,td{padding:.3rem .25rem}body{font-size:1rem}header nav a{display:inline-block;margin:.15rem .75rem .15rem 0}}
@media print{
header,.skip,form,footer p:last-child{display:none}body{font:11pt/1.4 Georgia,"Times New Roman",serif;color:#000}
main,footer{max-width:none;margin:0;padding:0}a{color:#000}
main a[href^="http"]::after{content:" (" attr(href) ")";font-size:.85em;overflow-wrap:anywhere}
.panel{border:1px solid #000;background:none}h1,h2,h3{break-after:avoid}tr,li,svg,.panel{break-inside:avoid}
.cite a{text-decoration:none}
}
`;

export function layout(page: Page, builtAt: BuiltAt, citations?: Citations): string {
  return `<!doctype html>${html`<html lang="en-GB">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>${page.title} — Commissioning decision ledger</title>
      <style>
        ${new Html(STYLE)}
      </style>
      ${(page.follow ?? [])
        .filter((link) => link.type === 'feed')
        .map((link) => html`<link rel="alternate" type="application/atom+xml" title="${link.label}" href="${link.href}" />`)}
      ${(page.scripts ?? []).map((src) => html`<script type="module" src="${src}"></script>`)}
    </head>
    <body>
      <a class="skip" href="#main">Skip to main content</a>
      <header>
        <nav aria-label="Site">
          <a href="/">Commissioning decision ledger</a> <a href="/decisions">Decisions</a> <a href="/meetings">Meetings</a>
          <a href="/bodies">All bodies</a> <a href="/authority">Who held authority</a> <a href="/data">Open data</a>
          <a href="/verify">Check evidence</a>
        </nav>
      </header>
      <main id="main" tabindex="-1">
        ${page.body} ${followSection(page)} ${citations ? citations.section() : ''}
        ${
          page.data && page.data.length > 0
            ? html`<section aria-labelledby="data-heading">
                <h2 id="data-heading">Open data</h2>
                <ul>
                  ${page.data.map((link) => html`<li><a href="${link.href}">${link.label}</a></li>`)}
                </ul>
                <p>
                  Licensed under the
                  <a href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/">Open Government Licence v3.0</a>.
                </p>
              </section>`
            : ''
        }
      </main>
      <footer>
        <p>
          Built from the ledger at position
          ${builtAt.position}${builtAt.recordedAt ? html`, the newest fact recorded on ${instantInWords(builtAt.recordedAt)}` : ''}. This is
          the public record: confidential (Part 2) items show only their title, Schedule 12A paragraph, the reason for confidentiality, a
          public summary, the outcome and the votes.
        </p>
        <p>
          Data on this site is available under the
          <a href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/">Open Government Licence v3.0</a>.
        </p>
      </footer>
    </body>
  </html>`}`;
}

/** The page's feeds and calendars, as links a reader can see (a feed reader finds the feeds in the head too). */
function followSection(page: Page): Html | string {
  if (!page.follow || page.follow.length === 0) return '';
  return html`<section aria-labelledby="follow-heading">
    <h2 id="follow-heading">Follow</h2>
    <ul>
      ${page.follow.map(
        (link) =>
          html`<li>
            <a href="${link.href}" type="${link.type === 'feed' ? 'application/atom+xml' : 'text/calendar'}">${link.label}</a>
            (${link.type === 'feed' ? 'Atom feed, for a feed reader' : 'iCalendar file, for a calendar'})
          </li>`,
      )}
    </ul>
  </section>`;
}

/** A closed-open interval in words, by its first and last days (a reader counts the last day in). */
export const during = (from: string, to: string | null): string => spanInWords(from, to);

export { areaName, capitalised, dayInWords, instantInWords, KIND_NAMES, spanInWords, words } from '@ledger/public-contract';
