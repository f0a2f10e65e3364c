import Database from 'better-sqlite3';
import { MEETING_TIME, PublicMeeting } from '@ledger/public-contract';

export interface MeetingFilter {
  when: 'upcoming' | 'past';
  /** Today in the UK: upcoming meetings are those on it or after. */
  today: string;
  /** Meetings of any of these bodies (a body with its committees). */
  bodyIds?: readonly string[];
  /** Leave cancelled meetings out. */
  held?: boolean;
}

const time = MEETING_TIME.replace('(meeting', '(m.meeting');

/** The meetings of the public database, upcoming soonest first or past newest first, a page at a time, read through their indexes. */
export class MeetingsByDate {
  private readonly statements = new Map<string, { rows: Database.Statement; count: Database.Statement }>();

  constructor(private readonly db: Database.Database) {}

  /** Page `asked` (from 1; one past either end is taken as the nearest page) of `perPage` meetings. */
  page(filter: MeetingFilter, perPage: number, asked: number): { meetings: PublicMeeting[]; total: number; page: number; pages: number } {
    const conditions = [filter.when === 'upcoming' ? 'm.date >= ?' : 'm.date < ?'];
    const params: unknown[] = [filter.today];
    if (filter.bodyIds !== undefined) {
      conditions.push(
        `m.meeting_id IN (SELECT meeting_id FROM public_meeting_bodies WHERE body_id IN (${filter.bodyIds.map(() => '?').join(', ')}))`,
      );
      params.push(...filter.bodyIds);
    }
    if (filter.held) conditions.push("json_extract(m.meeting, '$.cancelled') = 0");
    const where = `FROM public_meetings m WHERE ${conditions.join(' AND ')}`;
    const direction = filter.when === 'upcoming' ? 'ASC' : 'DESC';
    const key = `${where} ${direction}`;
    let statements = this.statements.get(key);
    if (!statements) {
      statements = {
        rows: this.db
          .prepare(
            `SELECT m.meeting ${where} ORDER BY m.date ${direction}, ${time} ${direction}, m.meeting_id ${direction} LIMIT ? OFFSET ?`,
          )
          .pluck(),
        count: this.db.prepare(`SELECT count(*) ${where}`).pluck(),
      };
      this.statements.set(key, statements);
    }
    const total = statements.count.get(...params) as number;
    const pages = Math.max(1, Math.ceil(total / perPage));
    const page = Math.min(pages, Math.max(1, asked));
    const rows = statements.rows.all(...params, perPage, (page - 1) * perPage) as string[];
    return { meetings: rows.map((row) => JSON.parse(row)), total, page, pages };
  }
}
