import Database from 'better-sqlite3';
import { PUBLIC_SEARCH_SCHEMA } from '@ledger/public-contract';
import { MOST_RANKED, PublicSearch, searchQuery } from './search';

/** The query a reader's words become, run against a real FTS5 index of the public database's shape. */
describe('search words written as one or as two', () => {
  const db = new Database(':memory:');
  db.exec(PUBLIC_SEARCH_SCHEMA);
  const add = db.prepare(
    `INSERT INTO public_search_rows (kind, key, owner, date, href, boost, title, text, places, functions)
     VALUES ('decision', ?, NULL, NULL, ?, 1, ?, '', '', '')`,
  );
  for (const [key, title] of [
    ['home-care', 'Home care at night'],
    ['daycare', 'Daycare for older people'],
    ['homes', 'Care homes fees'],
    ['ods', 'NHS Vale Royal CCG 02D'],
  ])
    add.run(key, `/decisions/${key}`, title);
  const search = new PublicSearch(db);
  const found = (typed: string) => {
    const query = searchQuery(typed, (phrase) => search.holds(phrase));
    return query ? search.find(query, 'decision', 10, 0).map((hit) => hit.key) : [];
  };
  afterAll(() => db.close());

  it('finds "home care" by "homecare", and "daycare" by "day care"', () => {
    expect(found('homecare')).toEqual(['home-care']);
    expect(found('Homecare at night')).toEqual(['home-care']);
    expect(found('day care')).toEqual(['daycare']);
  });

  it('adds a form only where some row holds it, so other words stay as strict as typed', () => {
    expect(searchQuery('Winsford', (phrase) => search.holds(phrase))).toBe('"Winsford"');
    expect(searchQuery('care homes', (phrase) => search.holds(phrase))).toBe('"care" AND "homes"');
    expect(found('care fees')).toEqual(['homes']);
    expect(found('homecases')).toEqual([]);
    expect(found('homecares')).toEqual(['home-care']);
  });

  it('counts and finds by kind in the index, never matching the kind’s own word', () => {
    expect(search.count('"care"')).toEqual([{ kind: 'decision', total: 2 }]);
    expect(found('decision')).toEqual([]);
    expect(search.count('"decision"')).toEqual([]);
  });

  it('never joins or splits codes and numbers', () => {
    const tried: string[] = [];
    searchQuery('02D 2021 QYG1234567', (phrase) => (tried.push(phrase), true));
    expect(tried).toEqual([]);
    expect(found('02D')).toEqual(['ods']);
  });

  it('tries a bounded number of forms, whatever is typed', () => {
    let tries = 0;
    const query = searchQuery('abcdefghijklmno '.repeat(12), () => (tries++, false));
    expect(tries).toBeLessThanOrEqual(48);
    expect(query?.split(' AND ')).toHaveLength(12);
  });

  it('keeps every form quoted: nothing typed is FTS5 syntax', () => {
    const query = searchQuery('home" OR care* NEAR(x) -y', (phrase) => search.holds(phrase)) ?? '';
    expect(query).toBe('"home" AND "OR" AND "care" AND "NEAR" AND "x" AND "y"');
    expect(() => found('home" OR care* NEAR(x) -y')).not.toThrow();
  });

  it('lists a kind with more hits than it ranks latest first, and one with fewer best first', () => {
    // A short title with the word is the best match; it is written first, so it is not the latest.
    add.run('common-best', '/decisions/common-best', 'Parking');
    for (let n = 0; n < MOST_RANKED; n++) add.run(`common-${n}`, `/decisions/common-${n}`, `Parking permits for the streets of ward ${n}`);
    const [{ total }] = search.count('"parking"');
    expect(total).toBe(MOST_RANKED + 1);
    expect(search.find('"parking"', 'decision', 3, 0, total).map((hit) => hit.key)).toEqual([
      `common-${MOST_RANKED - 1}`,
      `common-${MOST_RANKED - 2}`,
      `common-${MOST_RANKED - 3}`,
    ]);
    expect(search.find('"parking"', 'decision', 1, 0, MOST_RANKED)[0].key).toBe('common-best');
    expect(search.find('"parking"', 'decision', 2, total - 1, total).map((hit) => hit.key)).toEqual(['common-best']);
  });
});
