import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { EVENT_STORE, EventStore, passesFilter, RecordedEvent } from '@ledger/event-store';
import {
  AREAS,
  atomicAreas,
  AuthorityJudge,
  bodyAggregate,
  BodyEvent,
  bodyView,
  contentReader,
  CivilDate,
  DecisionRegister,
  FUNCTIONS,
  inRegisterOrder,
  LedgerFact,
  lineage,
  listDecisions,
  meetingAggregate,
  MeetingDecisionView,
  meetingRecordView,
  MeetingEvent,
  meetingsTodayOf,
  nameAt,
  Reader,
  recommendationView,
  registeredBody,
  withMeetings,
} from '@ledger/governance';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Clock } from '../clock/clock';
import { ContentDisclosure } from '../disclosure/content-disclosure';
import { ledgerConfig } from '../config/ledger.config';
import { MeetingRecords } from '../read-models/meeting-records';
import { LedgerViews } from '../read-models/ledger-views';
import { MeetingCalendar } from '../read-models/meeting-calendar.projection';
import { DerivedProjection, ProjectionRunner } from '../read-models/projection-runner';
import {
  decisionFilters,
  META,
  PUBLIC_DATABASE_FILE,
  PUBLIC_SCHEMA,
  PUBLIC_SEARCH_SCHEMA,
  PUBLIC_LISTS_SCHEMA,
  PublicBody,
  PublicDecision,
  PublicDecisionSummary,
  PublicSource,
  PublicSuccession,
} from '@ledger/public-contract';
import { publicDecisionRow } from './public-decision-row';
import { publicMeetingRow } from './public-meeting-row';
import { AuthorityChange, authorityChange } from './authority-changes';
import { MeetingFacts } from './meeting-facts';
import { WRITTEN_FROM } from './written-from';
import { PublicSearchWriter } from './public-search-writer';
import { PUBLIC_WRITER_LOCK } from './public-writer-lock';
import { PostgresAdvisoryLock, SignerLock } from '../transparency/signer-lock';

type MinutesApproved = Extract<MeetingEvent, { type: 'MinutesApproved' }>['data'];

/** Meetings folded at a time while writing. */
const MEETINGS_PER_BATCH = 64;
const SCAN_PAGE = 10_000;
/** How often the projection looks for lifts whose effective date has arrived. */
const LIFT_CHECK_MS = 60 * 60 * 1000;
/** What the last write of the public projection did: rows rewritten, and decisions judged to find them. */
export interface PublicWrite {
  bodies: number;
  meetings: number;
  decisions: number;
  decisionsJudged: number;
  /** The decisions rewritten, by id. */
  decisionIds: string[];
}

const noWrite = (): PublicWrite => ({ bodies: 0, meetings: 0, decisions: 0, decisionsJudged: 0, decisionIds: [] });

/** Raise when the rows change shape: an older file is emptied and rebuilt. */
const PUBLIC_SHAPE = 9;

/**
 * The writer's own index, not read by the site: each meeting decision's functions and atomic areas on its
 * date, which is what its verdict asks the authority answers about (so what a delegation can reach).
 */
const DECISION_SCOPE_SCHEMA = `
  CREATE TABLE IF NOT EXISTS public_decision_scope (
    function TEXT NOT NULL, area TEXT NOT NULL, date TEXT NOT NULL, decision_id TEXT NOT NULL, meeting_id TEXT NOT NULL,
    PRIMARY KEY (function, area, date, decision_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS public_decision_scope_decision ON public_decision_scope (decision_id);
`;

interface TimelineRow {
  function: string;
  area: string;
  timeline: string;
}

/** A decision's row as the file holds it, to write it again only when it changed. */
interface HeldDecision {
  meeting_id: string;
  reveal_on: string | null;
  decision: string;
}

/**
 * The public projection: one SQLite file (`public.sqlite` in LEDGER_DATA_DIR) holding only what the
 * public may read, written through `publicDecisionRow`, read by the separate public site (apps/public)
 * with a read-only handle. It is derived from the other read models: after the runner advances, it reads
 * the events since its checkpoint to learn what changed, folds the meetings concerned through the
 * governance views with the public reader (see bringUpTo for which), and writes their rows and its
 * checkpoint in one transaction. Items whose lift takes effect later are rewritten on the day.
 */
@Injectable()
export class PublicProjection implements DerivedProjection, OnApplicationBootstrap, OnApplicationShutdown {
  readonly name = 'public';
  private readonly logger = new Logger('PublicProjection');
  private readonly db: Database.Database;
  private readonly search: PublicSearchWriter;
  private running: Promise<void> = Promise.resolve();
  private wanted = 0;
  private queued = false;
  private timer?: NodeJS.Timeout;
  private readonly waiters: { position: number; resolve: () => void }[] = [];
  private written: PublicWrite = noWrite();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly views: LedgerViews,
    private readonly calendar: MeetingCalendar,
    private readonly meetings: MeetingRecords,
    private readonly runner: ProjectionRunner,
    private readonly disclosure: ContentDisclosure,
    private readonly clock: Clock,
    @Inject(ledgerConfig.KEY) config: ConfigType<typeof ledgerConfig>,
    @Inject(PUBLIC_WRITER_LOCK) private readonly writerLock: SignerLock,
  ) {
    mkdirSync(config.dataDir, { recursive: true });
    this.db = new Database(join(config.dataDir, PUBLIC_DATABASE_FILE));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // Pages freed by rewritten rows are zeroed, so text a row no longer holds does not linger in the file.
    this.db.pragma('secure_delete = ON');
    if (this.db.pragma('user_version', { simple: true }) !== PUBLIC_SHAPE) {
      // Virtual tables first: dropping one drops its shadow tables, which may not be dropped on their own.
      const tables = this.db
        .prepare(
          "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY sql LIKE 'CREATE VIRTUAL%' DESC",
        )
        .pluck()
        .all();
      for (const table of tables as string[]) this.db.exec(`DROP TABLE IF EXISTS "${table}"`);
      this.db.pragma(`user_version = ${PUBLIC_SHAPE}`);
    }
    this.db.exec(PUBLIC_SCHEMA);
    this.db.exec(PUBLIC_SEARCH_SCHEMA);
    this.db.exec(PUBLIC_LISTS_SCHEMA);
    this.db.exec(DECISION_SCOPE_SCHEMA);
    this.search = new PublicSearchWriter(this.db);
    runner.register(this);
    // A node taking the writer's duty over catches its file up from its own checkpoint.
    if (writerLock instanceof PostgresAdvisoryLock) writerLock.onHeld(() => this.refresh(this.runner.checkpoint()));
  }

  onApplicationBootstrap(): void {
    // Lifts take effect on a date, with no event on that day: look for them now and then.
    this.timer = setInterval(() => this.refresh(this.runner.checkpoint()), LIFT_CHECK_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.writerLock.close();
    await this.running;
    this.db.close();
  }

  /** What the last write rewrote (for the tests and the benchmark). */
  lastWrite(): Readonly<PublicWrite> {
    return this.written;
  }

  checkpoint(): number {
    return Number(this.meta(META.position) ?? 0);
  }

  /** Resolves once the public rows are written up to `position`. */
  async caughtUpTo(position: number): Promise<void> {
    if (this.checkpoint() >= position) return this.running;
    await new Promise<void>((resolve) => this.waiters.push({ position, resolve }));
  }

  /** Asks for the rows up to `position` (and for lifts now in effect); runs after any refresh under way. */
  refresh(position: number): void {
    this.wanted = Math.max(this.wanted, position);
    if (this.queued) return;
    this.queued = true;
    this.running = this.running
      .then(() => {
        this.queued = false;
        return this.bringUpTo(this.wanted);
      })
      .catch((error) => this.logger.error(`public projection not written: ${error instanceof Error ? error.stack : error}`));
  }

  drop(): void {
    if (!this.writerLock.held()) return;
    this.db.transaction(() => {
      for (const table of [
        'public_bodies',
        'public_decisions',
        'public_decision_bodies',
        'public_decision_scope',
        'public_meetings',
        'public_timelines',
        'public_recommendations',
      ])
        this.db.exec(`DELETE FROM ${table}`);
      this.db.exec('DELETE FROM public_successions; DELETE FROM public_sources; DELETE FROM public_meta');
      this.search.clear();
    })();
    this.wanted = 0;
  }

  /**
   * Writes what changed up to `target`: everything on the first run (and after a rebuild); every row
   * judged again, but only those changed written, when a fact bearing on authority otherwise than through
   * a delegation changed; otherwise the meetings touched (and, for a body's members or name, the meetings
   * of that body; for a delegation, those with a decision where the authority it is judged by changed),
   * the standing rows, and the items whose lift has taken effect today.
   */
  private async bringUpTo(target: number): Promise<void> {
    // Another node writes the public projection; this one keeps its file as it was until it takes over.
    if (!this.writerLock.held()) return;
    const from = this.checkpoint();
    const today = this.clock.today();
    const due = this.db
      .prepare('SELECT DISTINCT meeting_id FROM public_decisions WHERE reveal_on IS NOT NULL AND reveal_on <= ?')
      .pluck()
      .all(today) as string[];
    if (target <= from && due.length === 0) return;
    this.written = noWrite();
    const upTo = Math.max(target, from);
    const changed = await this.changesBetween(from, upTo);
    const everything = from === 0 || changed.authority;
    const meetingsOfBodies = [...changed.bodies].flatMap((bodyId) => this.calendar.meetingsHeld({ bodyId }, upTo));
    const meetingIds = everything
      ? this.calendar.meetingsHeld({}, upTo).map(({ meetingId }) => meetingId)
      : [...changed.meetings, ...due, ...meetingsOfBodies.map(({ meetingId }) => meetingId)];
    const recordedAt = changed.lastRecordedAt ?? this.meta(META.recordedAt) ?? null;
    const basis = { position: upTo, recordedAt, asked: null };
    const standing = this.views.register(basis);
    const judge = this.views.authority(basis).judge();

    // One transaction for the rows and the checkpoint, held across the meeting reads: only this writer
    // touches the file, and readers keep seeing the previous state until it commits (WAL).
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.writeSources(changed.sources);
      // The first build holds nothing to compare with; later, every row is compared with the row held.
      if (from === 0) {
        this.db.exec(
          'DELETE FROM public_decisions; DELETE FROM public_decision_bodies; DELETE FROM public_decision_scope; DELETE FROM public_meetings;',
        );
        this.search.removeMeetingsAndDecisions();
        this.search.deferIndex();
      }
      if (!everything && changed.standing && changed.membersOnly) {
        await this.writeBodies(standing, upTo, withParties(standing, changed.bodies));
      } else if (everything || changed.standing) {
        const authorityChanged = await this.writeStanding(standing, upTo, everything ? undefined : changed.delegationsOnly);
        // A delegation reaches the verdicts only where the authority answers changed.
        if (!everything && changed.judged) meetingIds.push(...this.meetingsJudgedWhere(authorityChanged));
        // Officer decisions come with the standing facts: rewritten with them.
        this.db
          .exec(`DELETE FROM public_decision_bodies WHERE decision_id IN (SELECT decision_id FROM public_decisions WHERE meeting_id IS NULL);
          DELETE FROM public_decisions WHERE meeting_id IS NULL;`);
        this.search.removeOfficerDecisions();
        const officerOnly = { ...standing, meetings: new Map() };
        this.writeDecisions(listDecisions(officerOnly, {}, judge, this.publicReader(officerOnly, today)), today, standing);
      }
      const unique = [...new Set(meetingIds)];
      for (let next = 0; next < unique.length; next += MEETINGS_PER_BATCH) {
        const batch = unique.slice(next, next + MEETINGS_PER_BATCH);
        const facts = await this.meetings.facts(batch, basis);
        this.writeSources(sourcesOf(facts));
        this.writeMeetings(withMeetings({ ...standing, officerDecisions: new Map() }, facts), batch, judge, today, facts);
      }
      if (everything && from > 0) this.keepOnlyMeetings(new Set(unique));
      this.search.indexDeferred();
      this.setMeta(META.position, String(upTo));
      if (recordedAt) this.setMeta(META.recordedAt, recordedAt);
      this.setMeta(META.builtAt, this.clock.now().toISOString());
      this.db.exec('COMMIT');
      this.search.committed();
      // Rows rewritten (an item withdrawn, made confidential or erased) leave their old pages in the WAL:
      // fold it into the file, where secure_delete has zeroed them, and empty it.
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (error) {
      this.db.exec('ROLLBACK');
      this.search.forget();
      throw error;
    }
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].position <= upTo) this.waiters.splice(i, 1)[0].resolve();
    }
  }

  /**
   * What the events after `from` touched: meetings (and those whose minutes they approved); standing
   * facts, and whether any bears on authority (then every verdict may change), or only on a body's
   * members or name (then only the decisions of that body's meetings).
   */
  private async changesBetween(from: number, to: number) {
    const meetings = new Set<string>();
    const bodies = new Set<string>();
    const sources = new Map<string, PublicSource>();
    let standing = false;
    let authority = false;
    /** Some fact reaches the decisions only through their verdicts' authority answers (WRITTEN_FROM.judgedOnly). */
    let judged = false;
    const delegations = new Set<string>();
    let onlyDelegations = true;
    /** Every standing fact was an appointment or the end of one: only those bodies' rows change. */
    let membersOnly = true;
    let lastRecordedAt: string | undefined;
    // A first build up to the head writes every meeting whatever its events: only the standing facts are read.
    const head = from === 0 ? await this.store.head() : undefined;
    const only = head?.position === to ? WRITTEN_FROM.standing : undefined;
    for (let position = from; position < to;) {
      const page = await this.store.readAll(position + 1, SCAN_PAGE, only);
      const events = page.filter((event) => event.globalPosition <= to);
      for (const event of events) {
        lastRecordedAt = event.recordedAt;
        if (passesFilter(event, WRITTEN_FROM.meeting)) {
          meetings.add(event.stream.slice(`${meetingAggregate.category}-`.length));
          if (event.type === 'MinutesApproved') meetings.add((event.data as MinutesApproved).minutesOfMeetingId);
        }
        if (!passesFilter(event, WRITTEN_FROM.standing)) continue;
        standing = true;
        if (!passesFilter(event, WRITTEN_FROM.members)) membersOnly = false;
        if (!passesFilter(event, WRITTEN_FROM.judgedOnly)) onlyDelegations = false;
        if (passesFilter(event, WRITTEN_FROM.oneBody)) bodies.add(bodyAggregate.names(event as unknown as BodyEvent).ofBody as string);
        else if (passesFilter(event, WRITTEN_FROM.judgedOnly)) {
          judged = true;
          delegations.add(event.stream);
        } else if (passesFilter(event, WRITTEN_FROM.verdicts)) authority = true;
        const source = sourceOf(event);
        if (source) sources.set(event.id, source);
      }
      if (events.length < page.length || page.length < SCAN_PAGE) break;
      position = page[page.length - 1].globalPosition;
    }
    if (only) lastRecordedAt = head?.lastRecordedAt ?? undefined;
    /** Every standing fact was of a delegation: their streams. */
    const delegationsOnly = judged && onlyDelegations ? delegations : undefined;
    return { meetings, bodies, sources, standing, authority, judged, delegationsOnly, membersOnly, lastRecordedAt };
  }

  /**
   * Bodies, recommendations and successions: written whole (a few hundred rows). Authority timelines:
   * each written only when it changed; returned, where they changed, for the verdicts judged by them.
   */
  private async writeStanding(register: DecisionRegister, position: number, delegations?: ReadonlySet<string>): Promise<AuthorityChange[]> {
    const changes = this.writeTimelines(position);
    if (delegations) {
      // Delegations alone reach a body's row through its authority (the timelines naming it) and, for
      // their delegator, the arrangements it delegated to; nothing else of the standing rows.
      const reached = new Set(changes.flatMap((change) => change.bodies));
      for (const stream of delegations) {
        const granted = (await this.store.readStream(stream))[0]?.data as { delegatorBodyId?: string } | undefined;
        if (granted?.delegatorBodyId) reached.add(granted.delegatorBodyId);
      }
      await this.writeBodies(register, position, [...reached]);
      return changes;
    }
    this.db.exec('DELETE FROM public_recommendations; DELETE FROM public_successions;');
    await this.writeBodies(register, position);
    const bodies = register.bodies;
    const insertSuccession = this.db.prepare('INSERT INTO public_successions (position, succession) VALUES (?, ?)');
    bodies.successions.forEach((succession, index) => {
      const row: PublicSuccession = {
        predecessorId: succession.predecessorBodyId,
        predecessorName: latestName(register, succession.predecessorBodyId),
        predecessorOds: registeredBody(bodies, succession.predecessorBodyId)?.odsCode ?? null,
        successorId: succession.successorBodyId,
        successorName: nameAt(bodies, succession.successorBodyId, succession.legalDate) ?? latestName(register, succession.successorBodyId),
        successorOds: registeredBody(bodies, succession.successorBodyId)?.odsCode ?? null,
        legalDate: succession.legalDate,
        type: succession.kind,
        reorganisationId: succession.reorganisationId,
      };
      insertSuccession.run(index, JSON.stringify(row));
    });
    this.search.writeVocabulary();
    const insertRecommendation = this.db.prepare('INSERT INTO public_recommendations (id, recommendation) VALUES (?, ?)');
    for (const id of register.recommendations.keys()) {
      const view = recommendationView(register, id);
      if (view) insertRecommendation.run(id, JSON.stringify(view));
    }
    return changes;
  }

  /** Each authority timeline written again only when it changed; where it changed, returned. */
  private writeTimelines(position: number): AuthorityChange[] {
    const model = this.views.authority({ position, recordedAt: null, asked: null });
    const rows = this.db.prepare('SELECT function, area, timeline FROM public_timelines').all() as TimelineRow[];
    const held = new Map(rows.map((row) => [`${row.function} ${row.area}`, row.timeline]));
    const writeTimeline = this.db.prepare('INSERT OR REPLACE INTO public_timelines (function, area, timeline) VALUES (?, ?, ?)');
    const dropTimeline = this.db.prepare('DELETE FROM public_timelines WHERE function = ? AND area = ?');
    const changes: AuthorityChange[] = [];
    for (const fn of FUNCTIONS) {
      for (const area of AREAS) {
        const intervals = model.timeline(fn, area);
        const timeline = intervals.length > 0 ? JSON.stringify({ function: fn, area, intervals }) : undefined;
        const before = held.get(`${fn} ${area}`);
        if (timeline === before) continue;
        if (timeline) writeTimeline.run(fn, area, timeline);
        else dropTimeline.run(fn, area);
        changes.push(authorityChange(fn, area, before ? (JSON.parse(before) as { intervals: typeof intervals }).intervals : [], intervals));
      }
    }
    return changes;
  }

  /** The meetings with a decision about a function, in an area, dated where its authority changed. */
  private meetingsJudgedWhere(changes: readonly AuthorityChange[]): string[] {
    const within = this.db
      .prepare(
        'SELECT DISTINCT meeting_id FROM public_decision_scope WHERE function = ? AND area = ? AND date >= ? AND (? IS NULL OR date < ?)',
      )
      .pluck();
    const meetings = new Set<string>();
    for (const { fn, area, stretches } of changes) {
      for (const { from, to } of stretches) for (const meetingId of within.all(fn, area, from, to, to) as string[]) meetings.add(meetingId);
    }
    return [...meetings];
  }

  /**
   * The rows of `only` these bodies, or of every body. Only a body's own row shows its members, so an
   * appointment rewrites that row alone, not every body's (each of which carries its authority).
   */
  private async writeBodies(register: DecisionRegister, position: number, only?: readonly string[]): Promise<void> {
    const basis = { position, recordedAt: null, asked: null };
    const model = this.views.authority(basis);
    const insertBody = this.db.prepare('INSERT OR REPLACE INTO public_bodies (id, ods_code, kind, search, body) VALUES (?, ?, ?, ?, ?)');
    const heldBody = this.db.prepare('SELECT body FROM public_bodies WHERE id = ?').pluck();
    const dropBody = (id: string) => {
      this.db.prepare('DELETE FROM public_bodies WHERE id = ?').run(id);
      this.search.removeBody(id);
    };
    const bodies = register.bodies;
    // Bodies no longer in the register (one withdrawn) go; the others are written again only when they changed.
    const gone = only ?? (this.db.prepare('SELECT id FROM public_bodies').pluck().all() as string[]);
    for (const id of gone) if (!bodies.bodies.has(id)) dropBody(id);
    const children = new Map<string, string[]>();
    for (const { body } of bodies.bodies.values()) {
      if (body.parentBodyId) children.set(body.parentBodyId, [...(children.get(body.parentBodyId) ?? []), body.bodyId]);
    }
    for (const id of only ?? bodies.bodies.keys()) {
      if (!bodies.bodies.has(id)) continue;
      const view = bodyView(bodies, id)!;
      const row: PublicBody = {
        id,
        kind: view.kind,
        ...(view.odsCode !== undefined ? { odsCode: view.odsCode } : {}),
        ...(view.parentBodyId !== undefined ? { parentBodyId: view.parentBodyId } : {}),
        areas: view.areas,
        established: view.established,
        dissolved: view.dissolved,
        names: view.names,
        memberships: view.memberships.map(({ membershipId, member, role, voting, from, to, citedEvents }) => ({
          membershipId,
          member,
          role,
          voting,
          from,
          to,
          citedEvents,
        })),
        predecessors: lineage(bodies, id, 'predecessors').map((link) => ({
          ...link,
          name: latestName(register, link.bodyId),
          ofName: latestName(register, link.of),
        })),
        successors: lineage(bodies, id, 'successors').map((link) => ({
          ...link,
          name: latestName(register, link.bodyId),
          ofName: latestName(register, link.of),
        })),
        ...(view.parentBodyId !== undefined ? { parent: { id: view.parentBodyId, name: latestName(register, view.parentBodyId) } } : {}),
        committees: (children.get(id) ?? []).map((child) => ({ id: child, name: latestName(register, child) })),
        authority: await model.bodyAuthority(id),
        arrangements: this.views
          .arrangements(id, basis)
          .map(({ bodyId, kind, name, from, to, otherParties, delegations, citedEvents }) => ({
            bodyId,
            kind,
            name,
            from,
            to,
            otherParties: otherParties.map((party) => ({ bodyId: party.bodyId, name: party.name, from: party.from, to: party.to })),
            delegations,
            citedEvents,
          })),
        citedEvents: view.citedEvents,
      };
      const search = [id, view.odsCode ?? '', ...view.names.map((name) => name.name), ...view.areas].join(' ').toLowerCase();
      const written = JSON.stringify(row);
      // Its search rows are made from the row, in the same transaction: unchanged with it.
      if (heldBody.get(id) === written) continue;
      insertBody.run(id, view.odsCode ?? null, view.kind, search, written);
      this.written.bodies++;
      this.search.writeBody(row);
    }
  }

  /**
   * The rows of these meetings and of their decisions, each written again only when it changed, and
   * the rows of their decisions no longer there removed.
   */
  private writeMeetings(
    register: DecisionRegister,
    meetingIds: string[],
    judge: AuthorityJudge,
    today: CivilDate,
    facts: readonly LedgerFact[],
  ): void {
    const heldOf = this.db.prepare('SELECT decision_id, meeting_id, reveal_on, decision FROM public_decisions WHERE meeting_id = ?');
    const held = new Map<string, HeldDecision>();
    for (const meetingId of meetingIds) {
      for (const row of heldOf.all(meetingId) as (HeldDecision & { decision_id: string })[]) held.set(row.decision_id, row);
    }
    // The meetings themselves, scheduled or held: what a calendar or a feed follows.
    const heldMeeting = this.db.prepare('SELECT meeting FROM public_meetings WHERE meeting_id = ?').pluck();
    const dropMeeting = this.db.prepare('DELETE FROM public_meetings WHERE meeting_id = ?');
    const insertMeeting = this.db.prepare('INSERT INTO public_meetings (meeting_id, date, meeting) VALUES (?, ?, ?)');
    const reader = this.publicReader(register, today);
    const indexed = new MeetingFacts(facts);
    // Each decision is judged once, for its meeting's row, and its own row is written from that judgement.
    const judged: MeetingDecisionView[] = [];
    const keep = (decision: MeetingDecisionView) => judged.push(decision);
    for (const meetingId of meetingIds) {
      const meeting = register.meetings.get(meetingId);
      if (!meeting) {
        if (dropMeeting.run(meetingId).changes > 0) this.written.meetings++;
        this.search.removeMeeting(meetingId);
        continue;
      }
      const view = this.disclosure.discloseWith(meetingRecordView(register, meeting, judge, reader, today, keep), reader);
      const publicMeeting = publicMeetingRow(meeting, view, register, indexed, today);
      const items = [...meeting.items.values()];
      this.search.writeMeeting(
        publicMeeting,
        meeting.bodies.map(({ bodyId }) => nameAt(register.bodies, bodyId, meeting.date) ?? latestName(register, bodyId)),
        [...new Set(items.flatMap((item) => item.areas))],
        [...new Set(items.flatMap((item) => item.functions))],
      );
      const row = JSON.stringify(publicMeeting);
      if (heldMeeting.get(meetingId) === row) continue;
      dropMeeting.run(meetingId);
      insertMeeting.run(meetingId, meeting.date, row);
      this.written.meetings++;
    }
    const views = judged.sort(inRegisterOrder).map((view) => this.disclosure.discloseWith(view, reader));
    this.writeDecisions(views, today, register, indexed, held);
    // What is still held was not written again: a decision no longer there (withdrawn).
    for (const decisionId of held.keys()) this.removeDecision(decisionId);
  }

  /** After every meeting was written again: the rows of any other meeting, and of its decisions, go. */
  private keepOnlyMeetings(kept: ReadonlySet<string>): void {
    for (const meetingId of this.db.prepare('SELECT meeting_id FROM public_meetings').pluck().all() as string[]) {
      if (kept.has(meetingId)) continue;
      this.db.prepare('DELETE FROM public_meetings WHERE meeting_id = ?').run(meetingId);
      this.search.removeMeeting(meetingId);
      this.written.meetings++;
    }
    const decisions = this.db.prepare('SELECT decision_id, meeting_id FROM public_decisions WHERE meeting_id IS NOT NULL').all() as {
      decision_id: string;
      meeting_id: string;
    }[];
    for (const { decision_id, meeting_id } of decisions) {
      if (kept.has(meeting_id)) continue;
      this.removeDecision(decision_id);
    }
  }

  private removeDecision(decisionId: string): void {
    for (const table of ['public_decision_bodies', 'public_decision_scope', 'public_decisions'])
      this.db.prepare(`DELETE FROM ${table} WHERE decision_id = ?`).run(decisionId);
    this.search.removeDecision(decisionId);
  }

  /**
   * The public reader, entitled to nothing, judged by the meetings as this projection holds them: it
   * writes at the head, so they stand as they do today.
   */
  private publicReader(register: DecisionRegister, today: CivilDate): Reader {
    return contentReader(meetingsTodayOf(register), today, () => false);
  }

  /**
   * Writes the rows of these decisions; those `held` (taken out of it as they are seen) only when they
   * changed.
   */
  private writeDecisions(
    views: ReturnType<typeof listDecisions>,
    today: CivilDate,
    register: DecisionRegister,
    meetingFacts: MeetingFacts = new MeetingFacts(),
    held = new Map<string, HeldDecision>(),
  ): void {
    const insertScope = this.db.prepare(
      'INSERT OR IGNORE INTO public_decision_scope (function, area, date, decision_id, meeting_id) VALUES (?, ?, ?, ?, ?)',
    );
    const insert = this.db.prepare(
      'INSERT OR REPLACE INTO public_decisions (decision_id, meeting_id, body_id, date, reveal_on, summary, decision) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const insertBody = this.db.prepare('INSERT OR IGNORE INTO public_decision_bodies (body_id, date, decision_id) VALUES (?, ?, ?)');
    const insertFilter = this.db.prepare(
      'INSERT OR IGNORE INTO public_decision_filters (filter, value, date, decision_id) VALUES (?, ?, ?, ?)',
    );
    for (const view of views) {
      const meeting = view.kind === 'meeting' ? register.meetings.get(view.meeting.id) : undefined;
      const meetingPart2Lifts = [...(meeting?.items.values() ?? [])]
        .filter((item) => item.confidential !== undefined)
        .map((item) => item.lifted?.effective ?? null);
      const { decision, revealOn } = publicDecisionRow(view, { meetingPart2Lifts, today, meetingFacts });
      this.written.decisionsJudged++;
      const row = JSON.stringify(decision);
      const before = held.get(decision.decisionId);
      held.delete(decision.decisionId);
      // The bodies it is listed for follow from its deciding body, in its row: unchanged with it.
      if (before && before.decision === row && before.reveal_on === revealOn) continue;
      if (before) this.removeDecision(decision.decisionId);
      const bodyId = decision.kind === 'meeting' ? decision.decidingBody.id : decision.onBehalfOf.id;
      const summary: PublicDecisionSummary = {
        decisionId: decision.decisionId,
        date: decision.date,
        kind: decision.kind,
        title:
          decision.kind === 'meeting'
            ? decision.item.title
            : `officer decision by ${decision.officer.post}: ${decision.decision.slice(0, 120)}`,
        outcome: decision.kind === 'meeting' ? decision.outcome : 'decided',
        redacted: decision.kind === 'meeting' && decision.item.redacted,
        ...correctedOf(decision),
      };
      insert.run(
        decision.decisionId,
        decision.kind === 'meeting' ? decision.meeting.id : null,
        bodyId,
        decision.date,
        revealOn,
        JSON.stringify(summary),
        row,
      );
      for (const [filter, value] of decisionFilters(decision, summary)) insertFilter.run(filter, value, decision.date, decision.decisionId);
      this.search.writeDecision(decision);
      this.written.decisions++;
      this.written.decisionIds.push(decision.decisionId);
      if (decision.kind === 'meeting') {
        for (const fn of decision.item.functions) {
          for (const area of new Set(decision.item.areas.flatMap((named) => atomicAreas(named) ?? [named])))
            insertScope.run(fn, area, decision.meeting.date, decision.decisionId, decision.meeting.id);
        }
      }
      // A decision is listed for its body and every body it is a committee of.
      const seen = new Set<string>();
      for (let id: string | undefined = bodyId; id !== undefined && !seen.has(id); id = registeredBody(register.bodies, id)?.parentBodyId) {
        seen.add(id);
        insertBody.run(id, decision.date, decision.decisionId);
      }
    }
  }

  private writeSources(sources: Map<string, PublicSource>): void {
    const insert = this.db.prepare('INSERT OR REPLACE INTO public_sources (event_id, source) VALUES (?, ?)');
    for (const [eventId, source] of sources) insert.run(eventId, JSON.stringify(source));
  }

  private meta(key: string): string | undefined {
    return this.db.prepare('SELECT value FROM public_meta WHERE key = ?').pluck().get(key) as string | undefined;
  }

  private setMeta(key: string, value: string): void {
    this.db
      .prepare('INSERT INTO public_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }
}

function latestName(register: DecisionRegister, bodyId: string): string {
  const names = register.bodies.bodies.get(bodyId)?.names ?? [];
  return names[names.length - 1]?.name ?? bodyId;
}

/** The source and date certainty every fact carries in its data (libs/governance/src/shared/source.ts). */
function sourceOf(event: Pick<RecordedEvent | LedgerFact, 'data'>): PublicSource | undefined {
  const data = event.data as {
    source?: { title?: unknown; url?: unknown; reference?: unknown; illustrative?: unknown };
    dateCertainty?: unknown;
  };
  const source = data?.source;
  if (!source || typeof source.title !== 'string') return undefined;
  return {
    title: source.title,
    ...(typeof source.url === 'string' ? { url: source.url } : {}),
    ...(typeof source.reference === 'string' ? { reference: source.reference } : {}),
    ...(source.illustrative === true ? { illustrative: true } : {}),
    ...(data.dateCertainty === 'approximate' ? { approximate: true } : {}),
  };
}

/** The latest correction of a decision's facts, for the lists that show it in one line. */
function correctedOf(decision: PublicDecision): Pick<PublicDecisionSummary, 'corrected'> {
  const last = decision.kind === 'meeting' ? decision.corrections?.at(-1) : undefined;
  return last ? { corrected: { on: last.on, withdrawn: last.withdrawn } } : {};
}

function sourcesOf(facts: readonly LedgerFact[]): Map<string, PublicSource> {
  const sources = new Map<string, PublicSource>();
  for (const fact of facts) {
    const source = sourceOf(fact);
    if (source) sources.set(fact.id, source);
  }
  return sources;
}

/**
 * The bodies whose rows a change of these bodies' members reaches: each body, and every body holding a
 * seat on its behalf, whose row lists the arrangements it takes part in and the other parties to them.
 */
function withParties(register: DecisionRegister, bodyIds: ReadonlySet<string>): string[] {
  const reached = new Set(bodyIds);
  for (const bodyId of bodyIds) {
    for (const membership of Object.values(registeredBody(register.bodies, bodyId)?.memberships ?? {})) {
      if (membership.onBehalfOfBodyId !== undefined) reached.add(membership.onBehalfOfBodyId);
    }
  }
  return [...reached];
}
