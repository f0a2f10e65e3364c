import { AREAS, FUNCTIONS, PLACES, PublicTimeline, Html, html } from '@ledger/public-contract';
import { PublicDatabase } from '../public-database';
import { areaName, capitalised, Citations, dayInWords, during, Page, words } from './layout';

type Segment = PublicTimeline['intervals'][number];

const BASIS: Record<string, string> = {
  statutory: 'by statute',
  succession: 'by succession (merger)',
  'transfer-scheme': 'under a transfer scheme',
  delegation: 'by delegation',
  'sub-delegation': 'by sub-delegation',
};

export function authorityIndexPage(db: PublicDatabase, fn?: string, area?: string): Page {
  const keys = db
    .timelineKeys()
    .filter(
      (key) =>
        (!fn || key.function === fn) &&
        (!area || (PLACES as Record<string, readonly string[]>)[area]?.includes(key.area) || key.area === area),
    );
  return {
    title: 'Who held authority',
    body: html`<h1>Who held authority</h1>
      <p>Choose a service (function) and an area to see who was accountable for it and who exercised it, over time.</p>
      <form action="/authority/go" method="get">
        <p>
          <label for="function">Function</label
          ><select id="function" name="function">
            ${FUNCTIONS.map((f) => html`<option value="${f}" ${f === fn ? 'selected' : ''}>${capitalised(words(f))}</option>`)}
          </select>
        </p>
        <p>
          <label for="area">Area</label
          ><select id="area" name="area">
            ${AREAS.map((a) => html`<option value="${a}" ${a === area ? 'selected' : ''}>${areaName(a)}</option>`)}
          </select>
        </p>
        <p><button type="submit">Show the timeline</button></p>
      </form>
      <h2>${fn || area ? 'Matching timelines' : 'Every timeline'}</h2>
      <ul>
        ${keys.map((key) => html`<li><a href="/authority/${key.function}/${key.area}">${capitalised(words(key.function))} in ${areaName(key.area)}</a></li>`)}
      </ul>`,
  };
}

/** "Who held it on <date>", in a sentence with the chain from the accountable body to the one that exercised it. */
export function whoHeld(segment: Segment | undefined, fn: string, area: string, on: string, citations: Citations): Html {
  if (!segment) return html`No body is recorded as holding ${words(fn)} in ${areaName(area)} on ${dayInWords(on)}.`;
  const { accountable, exercisedBy, chain } = segment;
  const links = chain.map(
    (link, index) =>
      html`${index === 0 ? '' : index === chain.length - 1 ? ', and then ' : ', then '}${link.body.name} held it
      ${BASIS[link.basis] ?? words(link.basis)}${link.instrument ? ` under ${words(link.instrument.kind)} “${link.instrument.reference}”` : ''}
      ${link.to === null ? during(link.from, link.to) : `from ${during(link.from, link.to)}`}${citations.cite(link.citedEvents)}`,
  );
  return html`On ${dayInWords(on)}, <strong>${accountable?.name ?? 'no body'}</strong> was accountable for ${words(fn)} in
    ${areaName(area)}${exercisedBy && exercisedBy.id !== accountable?.id ? html` and <strong>${exercisedBy.name}</strong> exercised it` : ''}.
    The chain: ${links}.`;
}

export function timelinePage(timeline: PublicTimeline, on: string | undefined, citations: Citations): Page {
  const { function: fn, area, intervals } = timeline;
  const date = on ?? intervals[intervals.length - 1]?.from;
  const segment = date ? intervals.find((s) => s.from <= date && (s.to === null || date < s.to)) : undefined;
  return {
    title: `${capitalised(words(fn))} in ${areaName(area)}: who held authority`,
    body: html`<h1>${capitalised(words(fn))} in ${areaName(area)}: who held authority</h1>
      <form action="/authority/${fn}/${area}" method="get">
        <label for="on">Who held it on a date (YYYY-MM-DD)?</label>
        <input id="on" name="on" type="date" value="${date ?? ''}" /> <button type="submit">Ask</button>
      </form>
      <p class="panel" role="status">${date ? whoHeld(segment, fn, area, date, citations) : 'No body is recorded as holding it.'}</p>
      <h2>Timeline</h2>
      ${timelineSvg(intervals, fn, area)}
      <table>
        <caption>
          Intervals, each from its first day to its last
        </caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Accountable</th>
            <th scope="col">Exercised by</th>
            <th scope="col">How</th>
          </tr>
        </thead>
        <tbody>
          ${intervals.map(
            (s) =>
              html`<tr>
                <td>${during(s.from, s.to)}</td>
                <td><a href="/bodies/${s.accountable?.id ?? ''}">${s.accountable?.name ?? '—'}</a></td>
                <td><a href="/bodies/${s.exercisedBy?.id ?? ''}">${s.exercisedBy?.name ?? '—'}</a></td>
                <td>
                  ${s.chain.map((link) => BASIS[link.basis] ?? words(link.basis)).join(', then ')}${citations.cite(s.chain.flatMap((link) => link.citedEvents))}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>`,
    data: [{ label: 'Successions CSV', href: '/data/successions.csv' }],
  };
}

const MARKS: Record<string, { label: string; colour: string }> = {
  succession: { label: 'succession', colour: '#5694ca' },
  'transfer-scheme': { label: 'transfer scheme', colour: '#912b88' },
  delegation: { label: 'delegation', colour: '#b58840' },
  'sub-delegation': { label: 'sub-delegation', colour: '#b58840' },
};

/** The viewBox's width: a label is kept inside it. */
const VIEW_WIDTH = 780;

/**
 * A mark's label beside its line: to the right, or to the left when it would run past the edge (its
 * width measured generously). A label is at most some 35 characters, and one side has half the width.
 */
function markLabel(at: number, y: number, label: string): Html {
  const width = label.length * 7.5;
  return at + 3 + width <= VIEW_WIDTH || at < VIEW_WIDTH / 2
    ? html`<text x="${at + 3}" y="${y}" fill="#0b0c0c">${label}</text>`
    : html`<text x="${at - 3}" y="${y}" text-anchor="end" fill="#0b0c0c">${label}</text>`;
}

/** Two lanes over time, accountable above and exercised below, with the start of each succession, delegation and transfer scheme marked and dated. */
function timelineSvg(intervals: Segment[], fn: string, area: string): Html {
  if (intervals.length === 0) return html`<p>Nothing recorded.</p>`;
  const year = (date: string) => Number(date.slice(0, 4)) + (Number(date.slice(5, 7)) - 1) / 12 + (Number(date.slice(8, 10)) - 1) / 365;
  const start = Math.floor(year(intervals[0].from));
  const lastEnd = intervals[intervals.length - 1].to;
  const end = Math.ceil(Math.max(year(lastEnd ?? '2026-01-01'), year(intervals[intervals.length - 1].from) + 1));
  const [left, width] = [150, 600];
  const x = (date: string | null) => left + ((year(date ?? `${end}-01-01`) - start) / (end - start)) * width;
  const palette = ['#1d70b8', '#00703c', '#d4351c', '#4c2c92', '#f47738', '#28a197', '#6f72af', '#85994b'];
  const colours = new Map<string, string>();
  const colour = (id: string | undefined) => {
    if (!id) return '#b1b4b6';
    if (!colours.has(id)) colours.set(id, palette[colours.size % palette.length]);
    return colours.get(id)!;
  };
  const marks = intervals.flatMap((s) => {
    const link =
      [...s.chain].reverse().find((l) => l.basis !== 'statutory' && l.from === s.from) ??
      s.chain.find((l) => l.basis !== 'statutory' && l.from === s.from);
    return link && MARKS[link.basis] ? [{ date: s.from, ...MARKS[link.basis] }] : [];
  });
  const ticks = Array.from({ length: end - start + 1 }, (_, i) => start + i).filter((_, i, all) => all.length <= 16 || i % 2 === 0);
  const description = intervals
    .map((s) => `${during(s.from, s.to)}: accountable ${s.accountable?.name ?? 'none'}, exercised by ${s.exercisedBy?.name ?? 'none'}`)
    .join('; ');
  const height = 150;
  return html`<svg
      role="img"
      aria-labelledby="timeline-title timeline-desc"
      viewBox="0 0 780 ${height}"
      width="100%"
      style="max-width:780px"
    >
      <title id="timeline-title">Who held ${words(fn)} in ${areaName(area)}, ${start} to ${end}</title>
      <desc id="timeline-desc">${description}</desc>
      <text x="0" y="36" fill="#0b0c0c">Accountable</text>
      <text x="0" y="76" fill="#0b0c0c">Exercised by</text>
      ${intervals.map(
        (s) =>
          html`<rect x="${x(s.from)}" y="22" width="${Math.max(1, x(s.to) - x(s.from))}" height="22" fill="${colour(s.accountable?.id)}"
              ><title>${s.accountable?.name ?? 'none'} ${during(s.from, s.to)}</title></rect
            >
            <rect x="${x(s.from)}" y="62" width="${Math.max(1, x(s.to) - x(s.from))}" height="22" fill="${colour(s.exercisedBy?.id)}"
              ><title>${s.exercisedBy?.name ?? 'none'} ${during(s.from, s.to)}</title></rect
            >`,
      )}
      ${marks.map(
        (m, i) =>
          html`<line
              x1="${x(m.date)}"
              y1="14"
              x2="${x(m.date)}"
              y2="92"
              stroke="${m.colour}"
              stroke-width="3"
              stroke-dasharray="4 2"
            ></line>
            ${markLabel(x(m.date), i % 2 === 0 ? 11 : 142, `${m.label} ${dayInWords(m.date)}`)}`,
      )}
      <line x1="${left}" y1="100" x2="${left + width}" y2="100" stroke="#0b0c0c"></line>
      ${ticks.map((t) => html`<line x1="${x(`${t}-01-01`)}" y1="100" x2="${x(`${t}-01-01`)}" y2="105" stroke="#0b0c0c"></line><text x="${x(`${t}-01-01`) - 14}" y="120" fill="#0b0c0c">${t}</text>`)}
    </svg>
    <ul class="muted">
      ${[...colours.keys()].map((id) => {
        const s = intervals.find((i) => i.accountable?.id === id || i.exercisedBy?.id === id);
        const name = s?.accountable?.id === id ? s.accountable.name : s?.exercisedBy?.name;
        return html`<li>
          <span aria-hidden="true" style="display:inline-block;width:1em;height:1em;background:${colours.get(id)!}"></span> ${name}
        </li>`;
      })}
    </ul>`;
}
