import { Html, html } from '../html';
import { PublicDatabase } from '../public-database';
import { PublicBody, PublicDecisionSummary } from '@ledger/public-contract';
import { areaName, capitalised, Citations, during, KIND_NAMES, Page, spanInWords, words } from './layout';
import { bodyName } from './body-name';
import { decisionHref, decisionLine } from './decision';

const DECISIONS_SHOWN = 50;

/** A succession in words: a merger, or a transfer scheme on abolition (DOMAIN.md §3). */
function succession(from: Html | string, to: Html | string, link: { kind: string; legalDate: string }): Html {
  return link.kind === 'merger'
    ? html`${from} merged into ${to} on ${link.legalDate} (merger)`
    : html`${from} was abolished on ${link.legalDate}; a transfer scheme moved its functions, property and liabilities to ${to}`;
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
                      <td>${m.role}</td>
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

/** Predecessors on the left, the body in the middle, successors on the right, each link labelled with its legal date. */
function lineageDiagram(db: PublicDatabase, body: PublicBody): Html {
  const before = body.predecessors.filter((link) => link.of === body.id);
  const after = body.successors.filter((link) => link.of === body.id);
  if (before.length + after.length === 0) return html``;
  const rowHeight = 34;
  const rows = Math.max(before.length, after.length, 1);
  const height = rows * rowHeight + 20;
  // No links inside: the diagram is one image (its links are in the list beside it).
  const box = (x: number, y: number, label: string) => {
    const rect = html`<rect x="${x}" y="${y}" width="200" height="26" rx="4" fill="#f3f2f1" stroke="#0b0c0c"></rect
      ><text x="${x + 8}" y="${y + 17}" fill="#0b0c0c">${label.length > 30 ? `${label.slice(0, 29)}…` : label}</text>`;
    return rect;
  };
  const middleY = height / 2 - 13;
  const title = `Lineage of ${bodyName(body, body.id)}`;
  return html`<svg role="img" aria-labelledby="lineage-title" viewBox="0 0 760 ${height}" width="100%" style="max-width:760px">
    <title id="lineage-title">
      ${title}: ${before.map((l) => `${l.name} (${l.legalDate})`).join(', ') || 'no predecessors'}; successors
      ${after.map((l) => `${l.name} (${l.legalDate})`).join(', ') || 'none'}
    </title>
    ${box(280, middleY, bodyName(body, body.id))}
    ${before.map((link, index) => {
      const y = 10 + index * rowHeight;
      return html`${box(0, y, link.name)}<line x1="200" y1="${y + 13}" x2="280" y2="${middleY + 13}" stroke="#0b0c0c"></line
        ><text x="205" y="${y + 9}" fill="#3d4448">${link.legalDate}</text>`;
    })}
    ${after.map((link, index) => {
      const y = 10 + index * rowHeight;
      return html`${box(560, y, link.name)}<line x1="480" y1="${middleY + 13}" x2="560" y2="${y + 13}" stroke="#0b0c0c"></line
        ><text x="485" y="${y + 9}" fill="#3d4448">${link.legalDate}</text>`;
    })}
  </svg>`;
}
