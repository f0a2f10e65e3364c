import Database from 'better-sqlite3';
import { DecisionListFilter, PublicDecisionSummary } from '@ledger/public-contract';
import { PagedQuery } from './paged-query';

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

/** The decisions of the public database, newest first, narrowed by a filter, a page at a time. */
export class DecisionList {
  private readonly query: PagedQuery;

  constructor(db: Database.Database) {
    this.query = new PagedQuery(db);
  }

  /** Page `asked` (from 1; one past either end is taken as the nearest page) of `perPage` decisions. */
  page(
    filter: DecisionFilter,
    perPage: number,
    asked: number,
  ): { decisions: PublicDecisionSummary[]; total: number; page: number; pages: number } {
    // Each filter kept in an index, as the (date, decision_id) pairs it lets through.
    const keyed: { pairs: string; params: readonly string[] }[] = [];
    const kept = (filter: DecisionListFilter, values: readonly string[]) =>
      keyed.push({
        pairs: `SELECT ${values.length > 1 ? 'DISTINCT ' : ''}date, decision_id FROM public_decision_filters WHERE filter = '${filter}' AND value IN (${values.map(() => '?').join(', ')})`,
        params: values,
      });
    if (filter.body !== undefined)
      keyed.push({ pairs: 'SELECT date, decision_id FROM public_decision_bodies WHERE body_id = ?', params: [filter.body] });
    if (filter.areas !== undefined) kept('area', filter.areas);
    if (filter.function !== undefined) kept('function', [filter.function]);
    if (filter.outcome !== undefined) kept('outcome', [filter.outcome]);
    // The first is read in date order and joined to the rows; each other is looked up for the row at hand.
    const [driving, ...others] = keyed;
    const on = driving ? 'k' : 'd';
    const conditions = others.map(({ pairs }) => `(d.date, d.decision_id) IN (${pairs})`);
    const params: unknown[] = [...(driving?.params ?? []), ...others.flatMap((other) => other.params)];
    if (filter.from !== undefined) {
      conditions.push(`${on}.date >= ?`);
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      conditions.push(`${on}.date <= ?`);
      params.push(filter.to);
    }
    const from = driving ? `(${driving.pairs}) k JOIN public_decisions d ON d.decision_id = k.decision_id` : 'public_decisions d';
    const where = `FROM ${from} ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}`;
    const { rows, ...paged } = this.query.page<PublicDecisionSummary>(
      'd.summary',
      where,
      `${on}.date DESC, ${on}.decision_id`,
      params,
      perPage,
      asked,
    );
    return { decisions: rows, ...paged };
  }
}
