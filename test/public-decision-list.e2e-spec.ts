import Database from 'better-sqlite3';
import { join } from 'node:path';
import { PUBLIC_DATABASE_FILE } from '@ledger/public-contract';
import {
  CABINET,
  COUNCIL,
  FUTURE_LIFT_AMENDMENT_MARKER,
  FUTURE_LIFT_MARKER,
  MARKERS,
  PublicSiteFixture,
  startPublicSite,
} from './public-site-fixture';

/** /decisions: every public decision, newest first, filtered by body (with committees), place, function, dates, outcome. */
describe('the list of decisions', () => {
  let fixture: PublicSiteFixture;
  const get = (path: string) => fetch(`${fixture.url}${path}`);
  const list = async (params = '') => {
    const response = await get(`/decisions${params}`);
    expect(response.status).toBe(200);
    return response.text();
  };
  /** The dates and titles listed, in order. */
  const listed = (page: string) =>
    [...page.matchAll(/<li><a href="\/decisions\/([^"]+)">([^<]+)<\/a><\/li>/g)].map(([, id, line]) => ({
      id,
      date: Date.parse(line.slice(0, line.indexOf(':'))),
      line,
    }));
  const total = (page: string) => Number(/(\d+) decisions? found/.exec(page)?.[1]);

  beforeAll(async () => {
    fixture = await startPublicSite();
  }, 60_000);
  afterAll(() => fixture?.close());

  it('lists every decision, newest first, a page at a time', async () => {
    const first = await list();
    const all = total(first);
    expect(all).toBeGreaterThan(25);
    const page1 = listed(first);
    const page2 = listed(await list('?page=2'));
    expect(page1).toHaveLength(25);
    expect(page1.length + page2.length).toBe(Math.min(all, 50));
    const dates = [...page1, ...page2].map((row) => row.date);
    expect(dates.every((date) => !Number.isNaN(date))).toBe(true);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(page1.filter((row) => page2.some((other) => other.id === row.id))).toEqual([]);
    expect(first).toContain('href="/decisions?page=2"');
  });

  it("lists a body's decisions with its committees'", async () => {
    const council = listed(await list(`?body=${COUNCIL}`));
    expect(council.map((row) => row.line)).toEqual(expect.arrayContaining([expect.stringContaining('Carers strategy')]));
    expect(council.every((row) => row.id.includes(CABINET))).toBe(true);
    expect(await list('?body=nhs-cheshire-ccg')).not.toContain('Carers strategy');
  });

  it('filters by place (an area or a place of areas), function, dates and outcome', async () => {
    const valeRoyal = await list('?place=vale-royal');
    expect(valeRoyal).toContain('Ballot of member practices: Merging the four Cheshire CCGs');
    expect(valeRoyal).not.toContain('Carers strategy');
    expect(await list('?place=cheshire-west-and-chester')).toContain('Ballot of member practices: Merging the four Cheshire CCGs');
    expect(await list('?place=wirral&function=adult-social-care')).toContain('Carers strategy');
    expect(await list('?function=dental-services')).not.toContain('Carers strategy');
    const day = listed(await list('?from=2020-01-14&to=2020-01-14'));
    expect(day.length).toBeGreaterThan(0);
    expect(day.every((row) => row.date === Date.parse('14 January 2020'))).toBe(true);
    expect(await list('?outcome=carried&body=' + CABINET)).toContain('Carers strategy');
    expect(await list('?outcome=noted&body=' + CABINET)).not.toContain('Carers strategy');
  });

  it.each([
    ['?body=no-such-body', 'body:'],
    ['?place=constructor', 'place:'],
    ['?function=__proto__', 'function:'],
    ['?from=2020-13-01', 'from:'],
    ['?to=yesterday', 'to:'],
    ['?outcome=%22%3E%3Cscript%3E', 'outcome:'],
  ])('refuses %s with a 400 naming the field', async (params, field) => {
    const response = await get(`/decisions${params}`);
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain(field);
    expect(page).not.toContain('<script>');
  });

  it.each([['?page=-1'], ['?page=abc'], ['?page=99999'], ['?page=1e9']])('answers 200 to %s', async (params) => {
    expect(total(await list(params))).toBeGreaterThan(0);
  });

  it("keeps each decision's filters with its row: a corrected outcome moves it from one list to the other", async () => {
    const post = async (path: string, body: object) => {
      const response = await fixture.ledger
        .http()
        .post(path)
        .set('Authorization', fixture.ledger.keys.admin)
        .send({ source: { title: 'Exampleton Council cabinet minutes', illustrative: true }, ...body });
      if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body as { events: { id: string }[] };
    };
    const meeting = 'exampleton-cabinet-2021-09';
    await post('/meetings', { meetingId: meeting, date: '2021-09-14', inCommon: false, bodies: [{ bodyId: CABINET, quorum: 2 }] });
    await post(`/meetings/${meeting}/items`, {
      itemId: 'library-hours',
      title: 'Library opening hours',
      text: 'Longer hours at Birkenhead library',
      functions: ['adult-social-care'],
      areas: ['wirral'],
    });
    const decided = await post(`/meetings/${meeting}/items/library-hours/decisions`, {
      bodyId: CABINET,
      outcome: 'noted',
      resolution: 'Noted',
    });
    await fixture.published();
    expect(await list('?outcome=noted&place=wirral')).toContain('Library opening hours');
    expect(await list('?outcome=deferred&place=wirral')).not.toContain('Library opening hours');
    await post('/corrections', {
      stream: `meeting-${meeting}`,
      correctedEventId: decided.events[0].id,
      changes: { outcome: 'deferred' },
      reason: 'the minutes say the item was deferred',
    });
    await fixture.published();
    expect(await list('?outcome=noted&place=wirral')).not.toContain('Library opening hours');
    expect(await list('?outcome=deferred&place=wirral&function=adult-social-care')).toContain('Library opening hours');
    // Every row's filters are exactly its areas, functions and outcome, as the row holds them now.
    const db = new Database(join(process.env.LEDGER_DATA_DIR as string, PUBLIC_DATABASE_FILE), { readonly: true });
    try {
      const expected = (db.prepare('SELECT decision_id, date, decision, summary FROM public_decisions').all() as Record<string, string>[])
        .flatMap(({ decision_id, date, decision, summary }) => {
          const row = JSON.parse(decision);
          const { areas, functions } = row.kind === 'meeting' ? row.item : row;
          return [
            ...[...new Set(areas as string[])].map((value) => `area ${value} ${date} ${decision_id}`),
            ...[...new Set(functions as string[])].map((value) => `function ${value} ${date} ${decision_id}`),
            `outcome ${JSON.parse(summary).outcome} ${date} ${decision_id}`,
          ];
        })
        .sort();
      const held = (db.prepare('SELECT filter, value, date, decision_id FROM public_decision_filters').all() as Record<string, string>[])
        .map(({ filter, value, date, decision_id }) => `${filter} ${value} ${date} ${decision_id}`)
        .sort();
      expect(held).toEqual(expected);
      expect(held.filter((entry) => entry.includes('library-hours'))).toHaveLength(3);
    } finally {
      db.close();
    }
  });

  it('shows no confidential text on any page of the list', async () => {
    const first = await list();
    const pages = Math.ceil(total(first) / 25);
    const all = [first, ...(await Promise.all(Array.from({ length: pages - 1 }, (_, i) => list(`?page=${i + 2}`))))].join('\n');
    expect(all).toContain('Care home contract');
    for (const marker of [...Object.values(MARKERS), FUTURE_LIFT_MARKER, FUTURE_LIFT_AMENDMENT_MARKER]) expect(all).not.toContain(marker);
  });
});
