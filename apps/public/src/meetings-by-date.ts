import Database from 'better-sqlite3';
import { MEETING_TIME, PublicMeeting } from '@ledger/public-contract';
import { PagedQuery } from './paged-query';

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
  private readonly query: PagedQuery;

  constructor(db: Database.Database) {
    this.query = new PagedQuery(db);
  }

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
    const order = `m.date ${direction}, ${time} ${direction}, m.meeting_id ${direction}`;
    const { rows, ...paged } = this.query.page<PublicMeeting>('m.meeting', where, order, params, perPage, asked);
    return { meetings: rows, ...paged };
  }
}
