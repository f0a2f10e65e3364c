/**
 * The search index of the public projection: one row per thing a reader may look for, written by the ledger
 * from the public rows only (never from the ledger's own records), and an FTS5 index over it kept by triggers.
 * The FTS table reads its text from `public_search_rows` (external content), so the text is stored once, and
 * FTS5's secure-delete removes a deleted row's words from the index itself, not only from the results.
 * The kind is indexed too, so a kind's hits are counted and ranked in the index, without reading each row.
 */
export const SEARCH_KINDS = ['body', 'decision', 'meeting', 'member', 'place', 'function'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** The indexed columns, in the order of the FTS table (their bm25 weights follow the same order). */
export interface PublicSearchRow {
  kind: SearchKind;
  /** Unique within the kind: the body, decision, meeting, area or function id; a member's body and membership. */
  key: string;
  /** What the row is rewritten with: its body (bodies, members), its meeting (decisions, meetings). */
  owner: string | null;
  date: string | null;
  /** Where the result leads, on the public site. */
  href: string;
  /** Multiplies the bm25 score: a body itself (2) before its committees, whose rows are shorter (1). */
  boost: number;
  title: string;
  text: string;
  places: string;
  functions: string;
}

/** bm25 weights of the FTS columns: title, text, places, functions, and kind (which only filters). */
export const SEARCH_WEIGHTS = [10, 1, 3, 3, 0] as const;

/** The columns a reader's words are matched in: never `kind`, whose words ("meeting", "function") are the index's own. */
export const SEARCHED_COLUMNS = '{title text places functions}';

/** The triggers that keep the index with its rows, a row at a time (a first build indexes every row at once instead). */
export const PUBLIC_SEARCH_TRIGGERS = `
  CREATE TRIGGER IF NOT EXISTS public_search_rows_insert AFTER INSERT ON public_search_rows BEGIN
    INSERT INTO public_search (rowid, title, text, places, functions, kind)
      VALUES (new.id, new.title, new.text, new.places, new.functions, new.kind);
  END;
  CREATE TRIGGER IF NOT EXISTS public_search_rows_delete AFTER DELETE ON public_search_rows BEGIN
    INSERT INTO public_search (public_search, rowid, title, text, places, functions, kind)
      VALUES ('delete', old.id, old.title, old.text, old.places, old.functions, old.kind);
  END;
`;

export const PUBLIC_SEARCH_SCHEMA = `
  CREATE TABLE IF NOT EXISTS public_search_rows (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL, owner TEXT, date TEXT, href TEXT NOT NULL, boost REAL NOT NULL,
    title TEXT NOT NULL, text TEXT NOT NULL, places TEXT NOT NULL, functions TEXT NOT NULL, UNIQUE (kind, key)
  ) STRICT;
  CREATE INDEX IF NOT EXISTS public_search_rows_owner ON public_search_rows (kind, owner);
  CREATE VIRTUAL TABLE IF NOT EXISTS public_search USING fts5(
    title, text, places, functions, kind, content = 'public_search_rows', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3'
  );
  ${PUBLIC_SEARCH_TRIGGERS}
`;

/** Run by the writer once the table exists: a deleted row's words leave the index's pages at once. */
export const PUBLIC_SEARCH_SECURE_DELETE = "INSERT INTO public_search (public_search, rank) VALUES ('secure-delete', 1)";
