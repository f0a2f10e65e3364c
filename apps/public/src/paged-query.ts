import Database from 'better-sqlite3';

export interface Paged<Row> {
  rows: Row[];
  total: number;
  page: number;
  pages: number;
}

/** A list's query a page at a time: its statements prepared once per shape, its JSON rows parsed. */
export class PagedQuery {
  private readonly statements = new Map<string, { rows: Database.Statement; count: Database.Statement }>();

  constructor(private readonly db: Database.Database) {}

  /**
   * Page `asked` (from 1; one past either end is taken as the nearest page) of `perPage` rows: the JSON
   * column `select` of `from` (its FROM and WHERE clauses) in `order`, with `params` for its placeholders.
   */
  page<Row>(select: string, from: string, order: string, params: readonly unknown[], perPage: number, asked: number): Paged<Row> {
    const key = `${select} ${from} ${order}`;
    let statements = this.statements.get(key);
    if (!statements) {
      statements = {
        rows: this.db.prepare(`SELECT ${select} ${from} ORDER BY ${order} LIMIT ? OFFSET ?`).pluck(),
        count: this.db.prepare(`SELECT count(*) ${from}`).pluck(),
      };
      this.statements.set(key, statements);
    }
    const total = statements.count.get(...params) as number;
    const pages = Math.max(1, Math.ceil(total / perPage));
    const page = Math.min(pages, Math.max(1, asked));
    const rows = statements.rows.all(...params, perPage, (page - 1) * perPage) as string[];
    return { rows: rows.map((row) => JSON.parse(row) as Row), total, page, pages };
  }
}
