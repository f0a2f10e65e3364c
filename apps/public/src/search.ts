import Database from 'better-sqlite3';
import { SEARCH_KINDS, SEARCH_WEIGHTS, SEARCHED_COLUMNS, SearchKind, escape, Html } from '@ledger/public-contract';

/** Where a match starts and ends in the text FTS5 gives back: private-use characters the index never holds. */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MAX_QUERY = 200;
const MAX_WORDS = 12;
const MAX_WORD = 40;

export interface SearchHit {
  kind: SearchKind;
  key: string;
  date: string | null;
  href: string;
  /** Escaped, with the matched words in <mark>. */
  title: Html;
  text: Html | null;
  places: Html | null;
  functions: Html | null;
}

/** A word is tried as two (or two as one) only from this many letters a part; at most so many such tries a search. */
const MIN_PART = 3;
const MAX_SPLIT = 20;
const MAX_TRIES = 48;

const quoted = (phrase: string) => `"${phrase}"`;

/**
 * The words of what a reader typed, as an FTS5 query every word of which must match: each word (letters
 * and digits only) is quoted, so no input can be FTS5 syntax (quotes, `*`, `-`, `NEAR(`, `OR`, column
 * filters); undefined when nothing searchable remains.
 *
 * A word the index may hold as two, or two it may hold as one, match either way: "homecare" finds "home
 * care", and "home care" finds "homecare". `holds(phrase)` says whether any row has a phrase; only a
 * form some row has is added, so the query stays as strict as the words typed.
 */
export function searchQuery(typed: string, holds: (phrase: string) => boolean = () => false): string | undefined {
  const words = (
    typed
      .slice(0, MAX_QUERY)
      .normalize('NFKC')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  )
    .slice(0, MAX_WORDS)
    .map((word) => word.slice(0, MAX_WORD));
  let tries = 0;
  const has = (phrase: string) => ++tries <= MAX_TRIES && holds(quoted(phrase));
  const groups: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const [word, next] = [words[i], words[i + 1]];
    if (next !== undefined && joinable(word) && joinable(next) && has(word + next)) {
      groups.push(`((${quoted(word)} AND ${quoted(next)}) OR ${quoted(word + next)})`);
      i++;
      continue;
    }
    const parts = splits(word).filter(has);
    groups.push(parts.length === 0 ? quoted(word) : `(${[word, ...parts].map(quoted).join(' OR ')})`);
  }
  return groups.length > 0 ? groups.join(' AND ') : undefined;
}

/** Letters only: codes and numbers ("02D", "2021") are never joined or split. */
const joinable = (word: string) => /^\p{L}+$/u.test(word);

/** The ways a word could be two words of at least MIN_PART letters each, as phrases: "homecare" → "hom ecare", "home care", … */
function splits(word: string): string[] {
  if (!joinable(word) || word.length < 2 * MIN_PART || word.length > MAX_SPLIT) return [];
  return Array.from({ length: word.length - 2 * MIN_PART + 1 }, (_, i) => `${word.slice(0, MIN_PART + i)} ${word.slice(MIN_PART + i)}`);
}

/** Escapes the text, then marks what FTS5 matched: the marks are the only markup. */
export function highlighted(text: string): Html {
  return new Html(escape(text).replaceAll(OPEN, '<mark>').replaceAll(CLOSE, '</mark>'));
}

/**
 * A kind with more hits than this is listed latest first, not ranked: bm25 reads every hit to rank it
 * (about 70 ms for a word in 135 000 rows), and a word in so many rows ranks them all much alike.
 */
export const MOST_RANKED = 2000;

/** The public database's full-text search: counts by kind, and one kind's hits a page at a time, best first. */
export class PublicSearch {
  private readonly total;
  private readonly ranked;
  private readonly latest;
  private readonly phrase;

  constructor(db: Database.Database) {
    this.phrase = db.prepare('SELECT 1 FROM public_search WHERE public_search MATCH ? LIMIT 1').pluck();
    this.total = db.prepare('SELECT count(*) FROM public_search WHERE public_search MATCH ?').pluck();
    const mark = `char(${OPEN.codePointAt(0)}), char(${CLOSE.codePointAt(0)})`;
    const hits = (order: string) =>
      db.prepare(
        `SELECT r.kind AS kind, r.key AS key, r.date AS date, r.href AS href,
           highlight(public_search, 0, ${mark}) AS title,
           snippet(public_search, 1, ${mark}, '…', 16) AS text,
           snippet(public_search, 2, ${mark}, '…', 8) AS places,
           snippet(public_search, 3, ${mark}, '…', 8) AS functions
         FROM public_search JOIN public_search_rows r ON r.id = public_search.rowid
         WHERE public_search MATCH ?
         ORDER BY ${order} LIMIT ? OFFSET ?`,
      );
    this.ranked = hits(`bm25(public_search, ${SEARCH_WEIGHTS.join(', ')}) * r.boost, r.id`);
    // The index reads its rows newest first and stops at the page: no hit is read beyond it.
    this.latest = hits('public_search.rowid DESC');
  }

  /** Whether any row holds the phrase (an FTS5 query): how a word typed as one is tried as two. */
  holds(phrase: string): boolean {
    return this.phrase.get(`${SEARCHED_COLUMNS} : ${phrase}`) !== undefined;
  }

  /** How many hits of each kind, in the order of SEARCH_KINDS (kinds with none left out). */
  count(query: string): { kind: SearchKind; total: number }[] {
    return SEARCH_KINDS.map((kind) => ({ kind, total: this.total.get(ofKind(kind, query)) as number })).filter(({ total }) => total > 0);
  }

  /** A page of one kind's hits: best first, or latest first where the kind has more than MOST_RANKED (`total`). */
  find(query: string, kind: SearchKind, limit: number, offset: number, total = 0): SearchHit[] {
    const hits = total > MOST_RANKED ? this.latest : this.ranked;
    const rows = hits.all(ofKind(kind, query), limit, offset) as Record<string, string | null>[];
    return rows.map((row) => ({
      kind: row.kind as SearchKind,
      key: row.key as string,
      date: row.date,
      href: row.href as string,
      title: highlighted(row.title ?? ''),
      text: row.text ? highlighted(row.text) : null,
      // Places and functions are shown only where they matched: they say why the hit was found.
      places: row.places?.includes(OPEN) ? highlighted(row.places) : null,
      functions: row.functions?.includes(OPEN) ? highlighted(row.functions) : null,
    }));
  }
}

/** The query's words in the searched columns, among the rows of one kind. */
const ofKind = (kind: SearchKind, query: string) => `kind : "${kind}" AND ${SEARCHED_COLUMNS} : (${query})`;
