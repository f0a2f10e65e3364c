import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLIC_DATABASE_FILE } from '@ledger/public-contract';
import {
  CABINET,
  FUTURE_LIFT_AMENDMENT_MARKER,
  FUTURE_LIFT_MARKER,
  MARKERS,
  OPEN_TEXT,
  PART2_DECISION,
  PublicSiteFixture,
  startPublicSite,
} from './public-site-fixture';

/**
 * Full-text search of the public site (FTS5 in the public database): towns through the gazetteer,
 * members, words of a public summary, functions in words; hostile input; and nothing confidential indexed.
 */
describe('searching the public site', () => {
  let fixture: PublicSiteFixture;
  const get = (path: string) => fetch(`${fixture.url}${path}`);
  const search = async (q: string, extra = '') => {
    const response = await get(`/search?q=${encodeURIComponent(q)}${extra}`);
    expect(response.status).toBe(200);
    return response.text();
  };
  /** The section of results of one kind, by its heading. */
  const section = (page: string, heading: string) => {
    const start = page.indexOf(`<h2 id="results-${heading}"`);
    return start < 0 ? '' : page.slice(start, page.indexOf('</section>', start));
  };

  beforeAll(async () => {
    fixture = await startPublicSite();
  }, 60_000);
  afterAll(() => fixture?.close());

  it('finds the Vale Royal bodies and decisions by a town in Vale Royal (Winsford), and says why', async () => {
    const page = await search('Winsford');
    const bodies = section(page, 'body');
    expect(bodies).toContain('href="/bodies/vale-royal-borough-council"');
    expect(bodies).toContain('<mark>Winsford</mark>');
    const allBodies = (await search('Winsford', '&kind=body&page=1')) + (await search('Winsford', '&kind=body&page=2'));
    for (const body of ['nhs-vale-royal-ccg', 'vale-royal-borough-council', 'nhs-cheshire-ccg'])
      expect(allBodies).toContain(`href="/bodies/${body}"`);
    const decisions = section(page, 'decision');
    expect(decisions).toContain('Ballot of member practices: Merging the four Cheshire CCGs');
    expect(section(page, 'place')).toContain('href="/authority?area=vale-royal"');
    // A Wirral body is not in Vale Royal.
    expect(page).not.toContain('href="/bodies/nhs-wirral-ccg"');
    // Crewe is in South Cheshire, not Vale Royal.
    const crewe = (await search('Crewe', '&kind=body&page=1')) + (await search('Crewe', '&kind=body&page=2'));
    expect(crewe).toContain('href="/bodies/nhs-south-cheshire-ccg"');
    expect(crewe).not.toContain('href="/bodies/nhs-vale-royal-ccg"');
  });

  it('finds a member by name, with the body and role', async () => {
    const members = section(await search('Tracey Cox'), 'member');
    expect(members).toContain('<mark>Tracey</mark> <mark>Cox</mark>');
    expect(members).toContain('href="/bodies/bsw-stp"');
  });

  it('finds a Part 2 decision by the words of its public summary', async () => {
    const decisions = section(await search('award approved'), 'decision');
    expect(decisions).toContain(`href="/decisions/${PART2_DECISION}"`);
    expect(decisions).toContain('<mark>award</mark> <mark>approved</mark>');
  });

  it('finds a function in plain words, and the bodies and decisions exercising it', async () => {
    const page = await search('community health');
    expect(section(page, 'function')).toContain('href="/authority?function=community-health-services"');
    expect(section(page, 'body')).toContain('<mark>community</mark> <mark>health</mark>');
  });

  it('still finds bodies by ODS code and name', async () => {
    expect(section(await search('QYG'), 'body')).toContain('NHS Cheshire and Merseyside ICB');
    expect(section(await search('02D'), 'body')).toContain('href="/bodies/nhs-vale-royal-ccg"');
  });

  it('pages through one kind, best match first, without repeating a hit', async () => {
    const first = await search('NHS');
    const total = Number(/Bodies \((\d+)\)/.exec(first)?.[1]);
    expect(total).toBeGreaterThan(20);
    expect(first).toContain(`All ${total} bodies found`);
    const hrefs = (page: string) => [...page.matchAll(/<li>\s*<a href="([^"]+)"/g)].map((match) => match[1]);
    const page1 = hrefs(await search('NHS', '&kind=body&page=1'));
    const page2 = hrefs(await search('NHS', '&kind=body&page=2'));
    expect(page1).toHaveLength(20);
    expect(page2.length).toBeGreaterThan(0);
    expect(page1.filter((href) => page2.includes(href))).toEqual([]);
    expect(await search('NHS', '&kind=body&page=999')).toContain(`Page ${Math.ceil(total / 20)} of ${Math.ceil(total / 20)}`);
  });

  it.each([
    ['"'],
    ['*'],
    ['NEAR('],
    ['-'],
    ['NEAR(a b, 2)'],
    ['title:care'],
    ['care OR'],
    ['"care'],
    ['^x'],
    ['x'.repeat(5000)],
    ['a '.repeat(500)],
    ['<mark>'],
  ])('answers 200 to a hostile query: %s', async (q) => {
    const page = await search(q.slice(0, 3000), '&kind=decision&page=-1');
    expect(page).not.toContain('<mark><');
    expect((await get(`/search?q=${encodeURIComponent(q.slice(0, 3000))}`)).status).toBe(200);
  });

  it('escapes the text before marking the matched words', async () => {
    const page = await search('<script>alert(1)</script>');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toMatch(/<mark>[^<]*<(?!\/mark>)/);
  });

  it('follows the ledger: a new member is found, and a corrected text leaves the index and the file', async () => {
    const post = async (path: string, body: object) =>
      (
        await fixture.ledger
          .http()
          .post(path)
          .set('Authorization', fixture.ledger.keys.admin)
          .send({ source: { title: 'test', illustrative: true }, ...body })
          .expect((response) => {
            if (response.status !== 201) throw new Error(JSON.stringify(response.body));
          })
      ).body;
    await post(`/bodies/${CABINET}/memberships`, {
      membershipId: `${CABINET}-search-member`,
      member: { person: 'Quillon Vesper' },
      role: 'scrutiny',
      voting: false,
      from: '2021-05-01',
    });
    await post('/meetings', {
      meetingId: 'exampleton-cabinet-2021-06',
      date: '2021-06-08',
      inCommon: false,
      bodies: [{ bodyId: CABINET, quorum: 2 }],
    });
    const added = await post('/meetings/exampleton-cabinet-2021-06/items', {
      itemId: 'reablement',
      title: 'Reablement service',
      text: 'Published in error: zanzibarite pricing',
      functions: ['adult-social-care'],
      areas: ['wirral'],
    });
    await post('/meetings/exampleton-cabinet-2021-06/items/reablement/decisions', {
      bodyId: CABINET,
      outcome: 'agreed-without-vote',
      resolution: 'Agreed',
    });
    await post('/meetings/exampleton-cabinet-2021-06/items', {
      itemId: 'night-care',
      title: 'Home care at night',
      text: 'A night service for people cared for at home.',
      functions: ['adult-social-care'],
      areas: ['wirral'],
    });
    await fixture.published();
    // A meeting is found by its agenda before anything is decided; and written as one word, "homecare" finds "Home care".
    expect(section(await search('homecare'), 'meeting')).toContain('<mark>Home care</mark> at night');
    expect(section(await search('home care at night'), 'meeting')).toContain('href="/meetings/exampleton-cabinet-2021-06"');
    expect(section(await search('Quillon Vesper'), 'member')).toContain(`href="/bodies/${CABINET}"`);
    expect(section(await search('zanzibarite'), 'decision')).toContain('Reablement service');
    await post('/corrections', {
      stream: 'meeting-exampleton-cabinet-2021-06',
      correctedEventId: added.events[0].id,
      changes: { text: 'Text replaced' },
      reason: 'published in error',
    });
    await fixture.published();
    expect(await search('zanzibarite')).toContain('0 results found.');
    expect(section(await search('reablement'), 'decision')).toContain('href="/decisions/exampleton-cabinet-2021-06/reablement/');
    const file = join(process.env.LEDGER_DATA_DIR as string, PUBLIC_DATABASE_FILE);
    const bytes = [file, `${file}-wal`]
      .filter(existsSync)
      .map((path) => readFileSync(path).toString('latin1'))
      .join('');
    // Neither the text nor the word as the index stores it (lower case, stemmed).
    expect(bytes).not.toMatch(/zanzibar/i);
    // And the index holds exactly the words of its rows (FTS5 throws otherwise).
    const checked = new Database(file, { fileMustExist: true, timeout: 5_000 });
    expect(() => checked.exec("INSERT INTO public_search (public_search, rank) VALUES ('integrity-check', 1)")).not.toThrow();
    checked.close();
  });

  it('indexes no confidential text: not in the search table, its FTS shadow tables, or the file', () => {
    const db = new Database(join(process.env.LEDGER_DATA_DIR as string, PUBLIC_DATABASE_FILE), { readonly: true });
    try {
      const tables = db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'public_search%'")
        .pluck()
        .all() as string[];
      expect(tables).toEqual(expect.arrayContaining(['public_search', 'public_search_rows', 'public_search_data', 'public_search_idx']));
      const dump = tables
        .filter((table) => table !== 'public_search')
        .flatMap((table) => db.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[][])
        .flat()
        .map((cell) => (cell instanceof Buffer ? cell.toString('latin1') : String(cell)))
        .join('\n');
      for (const marker of [...Object.values(MARKERS), FUTURE_LIFT_MARKER, FUTURE_LIFT_AMENDMENT_MARKER])
        expect(dump).not.toContain(marker);
      // Every marker ends in the word 7f3a, which no public text holds: the index has no such word.
      const matching = db.prepare('SELECT count(*) FROM public_search WHERE public_search MATCH ?').pluck();
      expect(matching.get('"7f3a"')).toBe(0);
      // Nor any marker as a phrase of its words.
      for (const marker of [...Object.values(MARKERS), FUTURE_LIFT_MARKER, FUTURE_LIFT_AMENDMENT_MARKER])
        expect(matching.get(`"${marker.replace(/-/g, ' ')}"`)).toBe(0);
      // The checks would see it: the open item's text is indexed, words and all.
      expect(dump).toContain(OPEN_TEXT);
      expect(matching.get('"public" "may" "read"')).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});
