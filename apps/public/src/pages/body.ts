import { Html, html, PublicBody, PublicDecisionSummary } from '@ledger/public-contract';
import { PublicDatabase } from '../public-database';
import { areaName, capitalised, Citations, dayInWords, during, KIND_NAMES, Page, spanInWords, words } from './layout';
import { bodyName } from './body-name';
import { decisionHref, decisionLine } from './decision';

const DECISIONS_SHOWN = 50;

/** A succession in words: a merger, or a transfer scheme on abolition (DOMAIN.md §3). */
function succession(from: Html | string, to: Html | string, link: { kind: string; legalDate: string }): Html {
  return link.kind === 'merger'
    ? html`${from} merged into ${to} on ${dayInWords(link.legalDate)} (merger)`
    : html`${from} was abolished on ${dayInWords(link.legalDate)}; a transfer scheme moved its functions, property and liabilities to ${to}`;
}

export function bodyPage(db: PublicDatabase, body: PublicBody, citations: Citations): Page {
  const name = bodyName(body, body.id);
  const parent = body.parent;
  const { decisions, total } = db.decisionsOf(body.id, DECISIONS_SHOWN);
  const member = (m: PublicBody['memberships'][number]) => m.member.person ?? m.member.seat ?? m.membershipId;
  return {
    title: name,
    body: html`<h1>${name}</h1>
      <dl>
        <dt>Kind</dt>
        <dd>${KIND_NAMES[body.kind] ?? body.kind}</dd>
        <dt>NHS organisation (ODS) code</dt>
        <dd>${body.odsCode ?? 'none recorded'}</dd>
        <dt>Existed</dt>
        <dd>${during(body.established, body.dissolved)}${citations.cite(body.citedEvents)}</dd>
        ${
          parent
            ? html`<dt>Committee of</dt>
                <dd><a href="/bodies/${parent.id}">${parent.name}</a></dd>`
            : ''
        }
        <dt>Areas</dt>
        <dd>${body.areas.map(areaName).join(', ') || 'none recorded'}</dd>
      </dl>
      <h2>Names over time</h2>
      <p class="muted">A change of name is not a new body: the body stays the same.</p>
      <ul>
        ${body.names.map((n) => html`<li>${n.name}, ${during(n.from, n.to)}</li>`)}
      </ul>
      <h2>Predecessors and successors</h2>
      ${lineageDiagram(db, body)}
      ${
        body.predecessors.length + body.successors.length === 0
          ? html`<p>No merger or transfer scheme is recorded for this body.</p>`
          : html`<ul>
              ${[
                ...body.predecessors.map(
                  (link) =>
                    html`<li>
                      ${succession(
                        html`<a href="/bodies/${link.bodyId}">${link.name}</a>`,
                        link.of === body.id ? name : link.ofName,
                        link,
                      )}${citations.cite(link.citedEvents)}
                    </li>`,
                ),
                ...body.successors.map(
                  (link) =>
                    html`<li>
                      ${succession(
                        link.of === body.id ? name : link.ofName,
                        html`<a href="/bodies/${link.bodyId}">${link.name}</a>`,
                        link,
                      )}${citations.cite(link.citedEvents)}
                    </li>`,
                ),
              ]}
            </ul>`
      }
      <h2>Arrangements</h2>
      ${arrangements(body, citations)}
      ${
        body.committees.length > 0
          ? html`<h2>Committees</h2>
              <ul>
                ${body.committees.map((c) => html`<li><a href="/bodies/${c.id}">${c.name}</a></li>`)}
              </ul>`
          : ''
      }
      <h2>Members over time</h2>
      ${
        body.memberships.length === 0
          ? html`<p>No members are recorded.</p>`
          : html`<table>
              <caption>
                Members of ${name}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Member</th>
                  <th scope="col">Role</th>
                  <th scope="col">Votes</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                ${body.memberships.map(
                  (m) =>
                    html`<tr>
                      <td>${member(m)}${citations.cite(m.citedEvents)}</td>
                      <td>${capitalised(words(m.role))}</td>
                      <td>${m.voting ? 'voting' : 'non-voting'}</td>
                      <td>${during(m.from, m.to)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      <h2>What it was accountable for and exercised</h2>
      ${
        body.authority.length === 0
          ? html`<p>No functions are recorded for this body.</p>`
          : html`<table>
              <caption>
                Functions by area
              </caption>
              <thead>
                <tr>
                  <th scope="col">Function</th>
                  <th scope="col">Area</th>
                  <th scope="col">Role</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                ${body.authority.map(
                  (entry) =>
                    html`<tr>
                      <td><a href="/authority/${entry.function}/${entry.area}">${capitalised(words(entry.function))}</a></td>
                      <td>${areaName(entry.area)}</td>
                      <td>${entry.role === 'accountable' ? 'accountable' : 'exercised it'}</td>
                      <td>${entry.intervals.map((i) => during(i.from, i.to)).join('; ')}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      <h2>Decisions of this body and its committees</h2>
      ${decisionList(decisions, total)}`,
    data: [
      { label: 'Decisions CSV', href: '/data/decisions.csv' },
      { label: 'Votes CSV', href: '/data/votes.csv' },
      { label: 'Popolo JSON', href: '/data/popolo.json' },
      { label: 'Successions CSV', href: '/data/successions.csv' },
    ],
  };
}

/** Shared teams, joint committees, partnerships: what the body took part in while it stayed a separate body. */
function arrangements(body: PublicBody, citations: Citations): Html {
  // Rows written before arrangements were projected have none.
  const listed = body.arrangements ?? [];
  if (listed.length === 0) return html`<p>No joint arrangement is recorded for this body.</p>`;
  return html`<p class="muted">An arrangement is not a merger: each body in it stays a separate body.</p>
    <table>
      <caption>
        Arrangements ${bodyName(body, body.id)} took part in
      </caption>
      <thead>
        <tr>
          <th scope="col">Arrangement</th>
          <th scope="col">Kind</th>
          <th scope="col">With</th>
          <th scope="col">When</th>
        </tr>
      </thead>
      <tbody>
        ${listed.map(
          (arrangement) =>
            html`<tr>
              <td>
                <a href="/bodies/${arrangement.bodyId}">${arrangement.name}</a>${citations.cite(arrangement.citedEvents)}${
                  arrangement.delegations.length > 0
                    ? html`<br /><span class="muted"
                          >Delegated to it:
                          ${arrangement.delegations.map(
                            (delegation, index) =>
                              html`${index > 0 ? '; ' : ''}${delegation.functions.map(words).join(', ')}
                              (${spanInWords(delegation.from, delegation.to)})${citations.cite(delegation.citedEvents)}`,
                          )}</span
                        >`
                    : ''
                }
              </td>
              <td>${KIND_NAMES[arrangement.kind] ?? words(arrangement.kind)}</td>
              <td>
                ${
                  arrangement.otherParties.length === 0
                    ? 'no other body recorded'
                    : arrangement.otherParties.map(
                        (party, index) => html`${index > 0 ? ', ' : ''}<a href="/bodies/${party.bodyId}">${party.name}</a>`,
                      )
                }
              </td>
              <td>${spanInWords(arrangement.from, arrangement.to)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function decisionList(decisions: PublicDecisionSummary[], total: number): Html {
  if (total === 0) return html`<p>No decisions are recorded.</p>`;
  return html`<p>
      ${total}
      decision${total === 1 ? '' : 's'}${total > decisions.length ? `; the newest ${decisions.length} are shown (all are in the decisions CSV)` : ''}.
    </p>
    <ul>
      ${decisions.map((decision) => html`<li><a href="${decisionHref(decision)}">${decisionLine(decision)}</a></li>`)}
    </ul>`;
}

/** Generous for 12px system-ui (most letters are narrower): a line is broken before it could overrun its box. */
const CHARACTER_WIDTH = 7.5;

/** Words in lines of at most `width` pixels (a word longer than a line is broken). */
export function wrapped(text: string, width: number): string[] {
  const most = Math.max(1, Math.floor(width / CHARACTER_WIDTH));
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/).filter(Boolean)) {
    while (word.length > most) {
      if (line) lines.push(line);
      lines.push(word.slice(0, most));
      word = word.slice(most);
      line = '';
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= most) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Predecessors on the left, the body in the middle, successors on the right, each box with the body's
 * whole name (wrapped, never cut) and, beside a predecessor or successor, the legal date in words.
 */
function lineageDiagram(db: PublicDatabase, body: PublicBody): Html {
  const before = body.predecessors.filter((link) => link.of === body.id);
  const after = body.successors.filter((link) => link.of === body.id);
  if (before.length + after.length === 0) return html``;
  const [boxWidth, lineHeight, padding, gap] = [220, 15, 8, 12];
  const text = (label: string, date?: string) => [
    ...wrapped(label, boxWidth - 2 * padding),
    ...(date ? wrapped(date, boxWidth - 2 * padding) : []),
  ];
  const boxHeight = (lines: number) => lines * lineHeight + 2 * padding - 3;
  // No links inside: the diagram is one image (its links are in the list beside it).
  const box = (x: number, y: number, lines: string[], dated: boolean) =>
    html`<rect x="${x}" y="${y}" width="${boxWidth}" height="${boxHeight(lines.length)}" rx="4" fill="#f3f2f1" stroke="#0b0c0c"></rect
      >${lines.map(
        (line, index) =>
          html`<text
            x="${x + padding}"
            y="${y + padding + 9 + index * lineHeight}"
            fill="${dated && index === lines.length - 1 ? '#3d4448' : '#0b0c0c'}"
            >${line}</text
          >`,
      )}`;
  const column = (links: typeof before, x: number) => {
    let y = 10;
    return links.map((link) => {
      const lines = text(link.name, `${link.kind === 'merger' ? 'merged' : 'transfer scheme'} ${dayInWords(link.legalDate)}`);
      const placed = { link, lines, x, y, height: boxHeight(lines.length) };
      y += placed.height + gap;
      return placed;
    });
  };
  const left = column(before, 0);
  const right = column(after, 540);
  const middleLines = text(bodyName(body, body.id));
  const tallest = Math.max(...[...left, ...right].map((placed) => placed.y + placed.height), boxHeight(middleLines.length) + 10);
  const height = tallest + 10;
  const middleY = height / 2 - boxHeight(middleLines.length) / 2;
  const middleCentre = height / 2;
  const title = `Lineage of ${bodyName(body, body.id)}`;
  return html`<svg role="img" aria-labelledby="lineage-title" viewBox="0 0 760 ${height}" width="100%" style="max-width:760px">
    <title id="lineage-title">
      ${title}: ${before.map((l) => `${l.name} (${dayInWords(l.legalDate)})`).join(', ') || 'no predecessors'}; successors
      ${after.map((l) => `${l.name} (${dayInWords(l.legalDate)})`).join(', ') || 'none'}
    </title>
    ${box(270, middleY, middleLines, false)}
    ${left.map(
      ({ lines, x, y, height: h }) =>
        html`${box(x, y, lines, true)}<line x1="${boxWidth}" y1="${y + h / 2}" x2="270" y2="${middleCentre}" stroke="#0b0c0c"></line>`,
    )}
    ${right.map(
      ({ lines, x, y, height: h }) =>
        html`${box(x, y, lines, true)}<line
            x1="${270 + boxWidth}"
            y1="${middleCentre}"
            x2="${x}"
            y2="${y + h / 2}"
            stroke="#0b0c0c"
          ></line>`,
    )}
  </svg>`;
}
