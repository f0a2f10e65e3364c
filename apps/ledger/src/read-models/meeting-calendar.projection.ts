import { RecordedEvent, streamCategory } from '@ledger/event-store';
import { CivilDate } from '@ledger/governance';
import type { CorrectionEvent, LedgerFact, MeetingBody, MeetingEvent } from '@ledger/governance';
import { Projection } from './projection';
import { ReadModelDatabase } from './read-model-database';

type Convened = Extract<MeetingEvent, { type: 'MeetingConvened' }>['data'];
type MinutesApproved = Extract<MeetingEvent, { type: 'MinutesApproved' }>['data'];

/** The only meeting events the calendar needs; the store leaves the rest (items, attendance, votes) out of its replay. */
export const MEETING_CALENDAR_READS = ['MeetingConvened', 'MeetingRescheduled', 'MinutesApproved', 'FactCorrected'];

export interface MeetingsHeld {
  bodyId?: string;
  /** Closed-open on the meeting date: from <= date < to. */
  from?: CivilDate;
  to?: CivilDate;
}

/**
 * Which body met on which date, and at which meeting each meeting's minutes were approved: what a
 * reader needs to find the meetings a question is about. What happened at a meeting (items, attendance,
 * votes, decisions) is folded from the meeting's own stream when it is read (meeting-records.ts),
 * as known at the reader's basis, because a decision's verdict depends on that basis anyway.
 *
 * Rows are only ever added, each with the position at which it became known, so "as known at P" is the
 * rows up to P. A corrected date or body list adds rows for the corrected values and keeps the old ones:
 * the calendar may offer a meeting that no longer matches, never miss one that does; the fold decides.
 */
export class MeetingCalendar implements Projection {
  readonly name = 'meeting-calendar';
  readonly filter = { eventTypes: MEETING_CALENDAR_READS };
  private readonly statements;
  private readonly applyBatch: (events: readonly RecordedEvent[], checkpoint: number) => void;

  constructor(private readonly database: ReadModelDatabase) {
    const { db } = database;
    db.exec(`
      CREATE TABLE IF NOT EXISTS meeting_calendar (
        meeting_id TEXT NOT NULL,
        body_id    TEXT NOT NULL,
        date       TEXT NOT NULL,
        position   INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX IF NOT EXISTS meeting_calendar_by_body ON meeting_calendar (body_id, date);
      CREATE INDEX IF NOT EXISTS meeting_calendar_by_date ON meeting_calendar (date);
      CREATE INDEX IF NOT EXISTS meeting_calendar_by_meeting ON meeting_calendar (meeting_id);
      CREATE TABLE IF NOT EXISTS minutes_approvals (
        minutes_of_meeting_id TEXT NOT NULL,
        at_meeting_id         TEXT NOT NULL,
        position              INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX IF NOT EXISTS minutes_approvals_by_meeting ON minutes_approvals (minutes_of_meeting_id);
    `);
    const held = 'SELECT meeting_id AS meetingId, min(date) AS earliest FROM meeting_calendar';
    const known = 'position <= @position AND (@from IS NULL OR date >= @from) AND (@to IS NULL OR date < @to)';
    const inDateOrder = 'GROUP BY meeting_id ORDER BY earliest, meeting_id';
    this.statements = {
      insert: db.prepare('INSERT INTO meeting_calendar (meeting_id, body_id, date, position) VALUES (?, ?, ?, ?)'),
      insertApproval: db.prepare('INSERT INTO minutes_approvals (minutes_of_meeting_id, at_meeting_id, position) VALUES (?, ?, ?)'),
      entries: db.prepare('SELECT DISTINCT body_id, date FROM meeting_calendar WHERE meeting_id = ?').raw(true),
      heldBy: db.prepare(`${held} WHERE body_id = @bodyId AND ${known} ${inDateOrder}`),
      held: db.prepare(`${held} WHERE ${known} ${inDateOrder}`),
      approvedAt: db
        .prepare(
          'SELECT DISTINCT at_meeting_id FROM minutes_approvals WHERE minutes_of_meeting_id IN (SELECT value FROM json_each(?)) AND position <= ?',
        )
        .pluck(),
    };
    this.applyBatch = db.transaction((events: readonly RecordedEvent[], checkpoint: number) => {
      for (const event of events) this.record(event);
      database.saveCheckpoint(this.name, checkpoint);
    });
  }

  apply(events: readonly RecordedEvent[], checkpoint: number): LedgerFact[] {
    this.applyBatch(events, checkpoint);
    return [];
  }

  /**
   * The meetings that, as known at `position`, a body held (or any body, without `bodyId`) within the
   * dates, by the earliest date recorded for each. A meeting's date as it stands is never before that.
   */
  meetingsHeld({ bodyId, from, to }: MeetingsHeld, position: number): { meetingId: string; earliest: CivilDate }[] {
    const parameters = { bodyId, from: from ?? null, to: to ?? null, position };
    return (bodyId === undefined ? this.statements.held.all(parameters) : this.statements.heldBy.all(parameters)) as {
      meetingId: string;
      earliest: CivilDate;
    }[];
  }

  /** The meetings at which, as known at `position`, the minutes of any of `meetingIds` were approved. */
  minutesApprovedAt(meetingIds: readonly string[], position: number): string[] {
    return meetingIds.length === 0 ? [] : (this.statements.approvedAt.all(JSON.stringify(meetingIds), position) as string[]);
  }

  drop(): void {
    this.database.db.transaction(() => {
      this.database.db.exec('DELETE FROM meeting_calendar; DELETE FROM minutes_approvals;');
      this.database.forgetCheckpoint(this.name);
    })();
  }

  private record(event: RecordedEvent): void {
    if (streamCategory(event.stream) !== 'meeting') return;
    const position = event.globalPosition;
    switch (event.type) {
      case 'MeetingConvened': {
        const { meetingId, date, bodies } = event.data as Convened;
        for (const { bodyId } of bodies) this.statements.insert.run(meetingId, bodyId, date, position);
        break;
      }
      case 'MeetingRescheduled': {
        // The new date joins the old (as a corrected date does): the fold says which stands.
        const { meetingId, date } = event.data as { meetingId: string; date: CivilDate };
        const bodies = new Set((this.statements.entries.all(meetingId) as [string, string][]).map(([bodyId]) => bodyId));
        for (const bodyId of bodies) this.statements.insert.run(meetingId, bodyId, date, position);
        break;
      }
      case 'MinutesApproved': {
        const { meetingId, minutesOfMeetingId } = event.data as MinutesApproved;
        this.statements.insertApproval.run(minutesOfMeetingId, meetingId, position);
        break;
      }
      case 'FactCorrected': {
        // Only a meeting's convening has a date and a body list; over-selecting is harmless (see above).
        const changes = (event.data as CorrectionEvent['data']).changes as Partial<Pick<Convened, 'date' | 'bodies'>> | undefined;
        if (!changes?.date && !changes?.bodies) break;
        const meetingId = event.stream.slice('meeting-'.length);
        const entries = this.statements.entries.all(meetingId) as [string, string][];
        const bodies = changes.bodies?.map((body: MeetingBody) => body.bodyId) ?? entries.map(([bodyId]) => bodyId);
        const dates = changes.date ? [changes.date] : entries.map(([, date]) => date);
        for (const bodyId of new Set(bodies))
          for (const date of new Set(dates)) this.statements.insert.run(meetingId, bodyId, date, position);
        break;
      }
    }
  }
}
