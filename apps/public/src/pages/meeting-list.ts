import { PublicMeeting } from '@ledger/public-contract';
import { PublicDatabase } from '../public-database';
import { bodyName } from './body-name';
import { dayInWords } from './layout';

/** Today in the UK (Europe/London), as a civil date: upcoming meetings are those on it or after. */
export const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

/** A body and its committees, at any depth. */
function withCommittees(db: PublicDatabase, bodyId: string): string[] {
  const ids = new Set([bodyId]);
  const bodies = db.bodyList();
  for (let grew = true; grew;) {
    grew = false;
    for (const body of bodies) if (body.parentBodyId && ids.has(body.parentBodyId) && !ids.has(body.id)) grew = ids.add(body.id).size > 0;
  }
  return [...ids];
}

/** Upcoming meetings soonest first, or past meetings newest first, a page at a time; of a body with its committees when asked. */
export function meetingsIn(
  db: PublicDatabase,
  when: 'upcoming' | 'past',
  bodyId?: string,
  { held = false, perPage = 25, page = 1 }: { held?: boolean; perPage?: number; page?: number } = {},
): { meetings: PublicMeeting[]; total: number; page: number; pages: number } {
  const bodyIds = bodyId === undefined ? undefined : withCommittees(db, bodyId);
  return db.meetingList.page({ when, today: londonToday(), ...(bodyIds ? { bodyIds } : {}), held }, perPage, page);
}

export function meetingLine(db: PublicDatabase, m: PublicMeeting): string {
  const names = m.bodyIds.map((id) => bodyName(db.body(id), id)).join(', ');
  return `${dayInWords(m.date)}${m.time ? ` at ${m.time}` : ''}: ${names}${m.cancelled ? ' (cancelled)' : ''}`;
}
