import Database from 'better-sqlite3';
import { join } from 'node:path';
import {
  META,
  PUBLIC_DATABASE_FILE,
  PublicBody,
  PublicBodyListing,
  PublicDecision,
  PublicDecisionSummary,
  PublicMeeting,
  PublicRecommendation,
  PublicSource,
  PublicSuccession,
  PublicTimeline,
} from '@ledger/public-contract';
import { PublicSearch } from './search';
import { DecisionList } from './decision-list';
import { MeetingsByDate } from './meetings-by-date';

/** What the page was built from: the ledger position the public projection had reached. */
export interface BuiltAt {
  position: number;
  recordedAt: string | null;
  /** When the rows were last written: a lift taking effect rewrites rows without a new ledger position. */
  builtAt: string | null;
}

/**
 * The public projection, opened read-only: the public site's only data. It has no handle on the event
 * store, the keys or the key store; it reads the rows the ledger wrote for the public and nothing else.
 */
export class PublicDatabase {
  readonly db: Database.Database;
  /** Full-text search of everything public (see search.ts). */
  readonly search: PublicSearch;
  /** Decisions newest first, filtered (see decision-list.ts). */
  readonly decisionList: DecisionList;
  /** Meetings upcoming or past, by body (see meetings-by-date.ts). */
  readonly meetingList: MeetingsByDate;
  private readonly statements;
  private readonly sources = new Map<string, PublicSource | undefined>();
  private sourcesBuiltAt?: string | null;

  constructor(dataDir: string) {
    this.db = new Database(join(dataDir, PUBLIC_DATABASE_FILE), { readonly: true, fileMustExist: true });
    const db = this.db;
    // Reads only: map the file and keep more of it in memory (the projection can be hundreds of MB).
    db.pragma('mmap_size = 1073741824');
    db.pragma('cache_size = -65536');
    this.statements = {
      meta: db.prepare('SELECT value FROM public_meta WHERE key = ?').pluck(),
      body: db.prepare('SELECT body FROM public_bodies WHERE id = ?').pluck(),
      bodyByOds: db.prepare('SELECT id FROM public_bodies WHERE ods_code = ? COLLATE NOCASE').pluck(),
      bodies: db.prepare('SELECT body FROM public_bodies ORDER BY id').pluck(),
      bodyList: db.prepare(
        `SELECT id, name, kind, ods_code AS odsCode, parent_body_id AS parentBodyId, established, dissolved, cited_event AS citedEvent
         FROM public_body_list ORDER BY id`,
      ),
      decision: db.prepare('SELECT decision FROM public_decisions WHERE decision_id = ?').pluck(),
      meeting: db.prepare('SELECT decision FROM public_decisions WHERE meeting_id = ? ORDER BY decision_id').pluck(),
      decisionsOf: db
        .prepare(
          `SELECT d.summary FROM public_decision_bodies b JOIN public_decisions d ON d.decision_id = b.decision_id
           WHERE b.body_id = ? ORDER BY b.date DESC, b.decision_id LIMIT ?`,
        )
        .pluck(),
      decisionCount: db.prepare('SELECT count(*) FROM public_decision_bodies WHERE body_id = ?').pluck(),
      allDecisions: db.prepare('SELECT decision FROM public_decisions ORDER BY date, decision_id').pluck(),
      timeline: db.prepare('SELECT timeline FROM public_timelines WHERE function = ? AND area = ?').pluck(),
      timelineKeys: db.prepare('SELECT function, area FROM public_timelines ORDER BY function, area'),
      recommendation: db.prepare('SELECT recommendation FROM public_recommendations WHERE id = ?').pluck(),
      recommendations: db.prepare('SELECT recommendation FROM public_recommendations ORDER BY id').pluck(),
      successions: db.prepare('SELECT succession FROM public_successions ORDER BY position').pluck(),
      source: db.prepare('SELECT source FROM public_sources WHERE event_id = ?').pluck(),
      meetings: db.prepare('SELECT meeting FROM public_meetings ORDER BY date, meeting_id').pluck(),
      publicMeeting: db.prepare('SELECT meeting FROM public_meetings WHERE meeting_id = ?').pluck(),
    };
    this.search = new PublicSearch(db);
    this.decisionList = new DecisionList(db);
    this.meetingList = new MeetingsByDate(db);
  }

  /** Read at the start of every request; a new build empties the kept sources. */
  builtAt(): BuiltAt {
    const builtAt = (this.statements.meta.get(META.builtAt) as string | undefined) ?? null;
    if (builtAt !== this.sourcesBuiltAt) {
      this.sources.clear();
      this.sourcesBuiltAt = builtAt;
    }
    return {
      position: Number(this.statements.meta.get(META.position) ?? 0),
      recordedAt: (this.statements.meta.get(META.recordedAt) as string | undefined) ?? null,
      builtAt,
    };
  }

  body(id: string): PublicBody | undefined {
    return parsed(this.statements.body.get(id));
  }

  bodyIdByOds(code: string): string | undefined {
    return this.statements.bodyByOds.get(code) as string | undefined;
  }

  /** Every body as a list shows it; the full rows (each with its authority) are read with `bodies()`. */
  bodyList(): PublicBodyListing[] {
    return (this.statements.bodyList.all() as Record<string, string | null>[]).map(
      ({ odsCode, parentBodyId, citedEvent, ...listing }) =>
        ({
          ...listing,
          ...(odsCode !== null ? { odsCode } : {}),
          ...(parentBodyId !== null ? { parentBodyId } : {}),
          ...(citedEvent !== null ? { citedEvent } : {}),
        }) as PublicBodyListing,
    );
  }

  bodies(): PublicBody[] {
    return (this.statements.bodies.all() as string[]).map((row) => JSON.parse(row));
  }

  decision(id: string): PublicDecision | undefined {
    return parsed(this.statements.decision.get(id));
  }

  meeting(meetingId: string): PublicDecision[] {
    return (this.statements.meeting.all(meetingId) as string[]).map((row) => JSON.parse(row));
  }

  /** The newest decisions of a body and of its committees, and how many there are in all. */
  decisionsOf(bodyId: string, limit: number): { decisions: PublicDecisionSummary[]; total: number } {
    return {
      decisions: (this.statements.decisionsOf.all(bodyId, limit) as string[]).map((row) => JSON.parse(row)),
      total: this.statements.decisionCount.get(bodyId) as number,
    };
  }

  *allDecisions(): Generator<PublicDecision> {
    for (const row of this.statements.allDecisions.iterate() as Iterable<string>) yield JSON.parse(row);
  }

  timeline(fn: string, area: string): PublicTimeline | undefined {
    return parsed(this.statements.timeline.get(fn, area));
  }

  timelineKeys(): { function: string; area: string }[] {
    return this.statements.timelineKeys.all() as { function: string; area: string }[];
  }

  recommendation(id: string): PublicRecommendation | undefined {
    return parsed(this.statements.recommendation.get(id));
  }

  recommendations(): PublicRecommendation[] {
    return (this.statements.recommendations.all() as string[]).map((row) => JSON.parse(row));
  }

  successions(): PublicSuccession[] {
    return (this.statements.successions.all() as string[]).map((row) => JSON.parse(row));
  }

  /** A meeting as the calendars show it (its decisions are read with `meeting`). */
  publicMeeting(meetingId: string): PublicMeeting | undefined {
    return parsed(this.statements.publicMeeting.get(meetingId));
  }

  /** Every meeting, scheduled or held, oldest first: for the calendars and feeds. */
  *meetings(): Generator<PublicMeeting> {
    for (const row of this.statements.meetings.iterate() as Iterable<string>) yield JSON.parse(row);
  }

  /** Sources are looked up on every page, a few dozen at a time: kept until the projection is rewritten. */
  source(eventId: string): PublicSource | undefined {
    if (!this.sources.has(eventId)) this.sources.set(eventId, parsed(this.statements.source.get(eventId)));
    return this.sources.get(eventId);
  }

  close(): void {
    this.db.close();
  }
}

function parsed<T>(row: unknown): T | undefined {
  return typeof row === 'string' ? (JSON.parse(row) as T) : undefined;
}
