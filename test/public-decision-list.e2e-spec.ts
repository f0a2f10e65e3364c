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

  it('shows no confidential text on any page of the list', async () => {
    const first = await list();
    const pages = Math.ceil(total(first) / 25);
    const all = [first, ...(await Promise.all(Array.from({ length: pages - 1 }, (_, i) => list(`?page=${i + 2}`))))].join('\n');
    expect(all).toContain('Care home contract');
    for (const marker of [...Object.values(MARKERS), FUTURE_LIFT_MARKER, FUTURE_LIFT_AMENDMENT_MARKER]) expect(all).not.toContain(marker);
  });
});
