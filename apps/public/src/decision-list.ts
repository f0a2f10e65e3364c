import Database from 'better-sqlite3';
import { PublicDecisionSummary } from '@ledger/public-contract';

/** What a list of decisions may be narrowed to; every value already checked by the page. */
export interface DecisionFilter {
  /** A body: its own decisions and those of its committees. */
  body?: string;
  /** Atomic areas: a decision about any of them. */
  areas?: readonly string[];
  function?: string;
  from?: string;
  to?: string;
  outcome?: string;
}

/** Where a decision's areas and functions are in its public row: on its item, or on an officer decision itself. */
const OF_ITEM = (field: string) => `CASE WHEN d.meeting_id IS NULL THEN '$.${field}' ELSE '$.item.${field}' END`;

/** The decisions of the public database, newest first, narrowed by a filter, a page at a time. */
export class DecisionList {
  private readonly statements = new Map<string, { rows: Database.Statement; count: Database.Statement }>();

  constructor(private readonly db: Database.Database) {}

  /** Page `asked` (from 1; one past either end is taken as the nearest page) of `perPage` decisions. */
  page(
    filter: DecisionFilter,
    perPage: number,
    asked: number,
  ): { decisions: PublicDecisionSummary[]; total: number; page: number; pages: number } {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter.body !== undefined) {
      conditions.push('d.decision_id IN (SELECT decision_id FROM public_decision_bodies WHERE body_id = ?)');
      params.push(filter.body);
    }
    if (filter.areas !== undefined) {
      conditions.push(
        `EXISTS (SELECT 1 FROM json_each(d.decision, ${OF_ITEM('areas')}) WHERE value IN (${filter.areas.map(() => '?').join(', ')}))`,
      );
      params.push(...filter.areas);
    }
    if (filter.function !== undefined) {
      conditions.push(`EXISTS (SELECT 1 FROM json_each(d.decision, ${OF_ITEM('functions')}) WHERE value = ?)`);
      params.push(filter.function);
    }
    if (filter.from !== undefined) {
      conditions.push('d.date >= ?');
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      conditions.push('d.date <= ?');
      params.push(filter.to);
    }
    if (filter.outcome !== undefined) {
      conditions.push("json_extract(d.summary, '$.outcome') = ?");
      params.push(filter.outcome);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    let statements = this.statements.get(where);
    if (!statements) {
      statements = {
        rows: this.db
          .prepare(`SELECT d.summary FROM public_decisions d ${where} ORDER BY d.date DESC, d.decision_id LIMIT ? OFFSET ?`)
          .pluck(),
        count: this.db.prepare(`SELECT count(*) FROM public_decisions d ${where}`).pluck(),
      };
      this.statements.set(where, statements);
    }
    const total = statements.count.get(...params) as number;
    const pages = Math.max(1, Math.ceil(total / perPage));
    const page = Math.min(pages, Math.max(1, asked));
    const rows = statements.rows.all(...params, perPage, (page - 1) * perPage) as string[];
    return { decisions: rows.map((row) => JSON.parse(row)), total, page, pages };
  }
}
