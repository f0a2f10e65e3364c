import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import {
  CommissioningFunction,
  DecisionRegister,
  decisionView,
  DecisionView,
  inRegisterOrder,
  isKnownFunction,
  listDecisions,
  meetingDecisionId,
  officerDecisionId,
  Reader,
  recommendationView,
  withCommittees,
  withProvenance,
} from '@ledger/governance';
import { Actor } from '../access/actor';
import { ContentDisclosure } from '../disclosure/content-disclosure';
import { ledgerConfig } from '../config/ledger.config';
import { Basis } from '../read-models/basis';
import { LedgerViews } from '../read-models/ledger-views';
import { MeetingCalendar } from '../read-models/meeting-calendar.projection';
import { DECISIONS_PAGE, DecisionsQuery } from '../read-models/query.dto';
import { MeetingRecords } from '../read-models/meeting-records';

/** Meetings folded at a time when listing. */
const MEETINGS_PER_BATCH = 64;

/** The decision register with its validity verdicts, judged by the authority known at the same basis. */
@Injectable()
export class DecisionRegisterQueries {
  constructor(
    private readonly views: LedgerViews,
    private readonly calendar: MeetingCalendar,
    private readonly meetings: MeetingRecords,
    private readonly disclosure: ContentDisclosure,
    @Inject(ledgerConfig.KEY) private readonly config: ConfigType<typeof ledgerConfig>,
  ) {}

  meetingDecision(meetingId: string, itemId: string, bodyId: string, actor: Actor | undefined, asKnownAt?: string) {
    return this.decision(meetingDecisionId(meetingId, itemId, bodyId), [meetingId], actor, asKnownAt);
  }

  officerDecision(decisionId: string, actor: Actor | undefined, asKnownAt?: string) {
    return this.decision(officerDecisionId(decisionId), [], actor, asKnownAt);
  }

  /**
   * A page of decisions in register order: the decisions of the standing facts (officer decisions) and of
   * every meeting known at the basis, listed by the domain. With the read cache, meetings are folded in
   * order of their earliest recorded date, a batch at a time, until no meeting left could hold a decision
   * that comes before the end of the page.
   */
  async decisions(query: DecisionsQuery, actor: Actor | undefined) {
    if (query.function && !isKnownFunction(query.function)) throw new NotFoundException(`unknown function: ${query.function}`);
    const basis = await this.views.basis(query.asKnownAt);
    const standing = this.standing(basis);
    if (query.body && !standing.bodies.bodies.has(query.body)) throw new NotFoundException(`unknown body: ${query.body}`);
    const filter = { bodyId: query.body, from: query.from, to: query.to, function: query.function as CommissioningFunction | undefined };
    const judge = this.judge(basis);
    // With its committees: every body below it; the register's filter takes one body, so the rest are filtered here.
    const bodyIds = query.body && query.committees === 'true' ? withCommittees(standing.bodies, query.body) : undefined;
    const listFilter = bodyIds ? { ...filter, bodyId: undefined } : filter;
    const inScope = (view: DecisionView) =>
      !bodyIds || bodyIds.includes(view.kind === 'meeting' ? view.decidingBody.id : view.onBehalfOf.id);
    const listed = async (register: DecisionRegister) => {
      const reader = await this.readerOf(actor, register.meetings.keys());
      return listDecisions(register, listFilter, judge, reader)
        .filter(inScope)
        .map((view) => this.answered(view, register, basis, reader));
    };
    const { offset = 0, limit = DECISIONS_PAGE } = query;
    const page = (all: DecisionView[]) => ({
      filter: bodyIds ? { ...filter, committees: true, bodies: bodyIds } : filter,
      asKnownAt: basis,
      offset,
      limit,
      next: all.length > offset + limit ? offset + limit : null,
      decisions: all.slice(offset, offset + limit),
    });
    if (!this.config.readCache) {
      const everyMeeting = this.calendar.meetingsHeld({}, basis.position).map(({ meetingId }) => meetingId);
      return page((await listed(await this.meetings.withMeetings(standing, everyMeeting, basis))).sort(inRegisterOrder));
    }

    // One past the page says whether there is a next one.
    const wanted = offset + limit + 1;
    // A meeting folded for the minutes it approved may come round again in its own batch: each decision once.
    const found = new Map((await listed(standing)).map((view) => [view.decisionId, view]));
    const inOrder = () => [...found.values()].sort(inRegisterOrder);
    const held = bodyIds ? this.heldByAny(bodyIds, filter, basis) : this.calendar.meetingsHeld(filter, basis.position);
    for (let next = 0; next < held.length; next += MEETINGS_PER_BATCH) {
      if (found.size >= wanted && inOrder()[wanted - 1].date < held[next].earliest) break;
      const batch = held.slice(next, next + MEETINGS_PER_BATCH).map(({ meetingId }) => meetingId);
      const register = await this.meetings.withMeetings({ ...standing, officerDecisions: new Map() }, batch, basis);
      for (const view of await listed(register)) found.set(view.decisionId, view);
    }
    return page(inOrder());
  }

  /** The meetings any of these bodies held, in order of their earliest recorded date, each once. */
  private heldByAny(bodyIds: string[], filter: { from?: string; to?: string }, basis: Basis) {
    const held = new Map<string, { meetingId: string; earliest: string }>();
    for (const bodyId of bodyIds) {
      for (const meeting of this.calendar.meetingsHeld({ ...filter, bodyId }, basis.position)) held.set(meeting.meetingId, meeting);
    }
    return [...held.values()].sort((a, b) =>
      a.earliest < b.earliest ? -1 : a.earliest > b.earliest ? 1 : a.meetingId < b.meetingId ? -1 : 1,
    );
  }

  async recommendation(recommendationId: string, asKnownAt?: string) {
    const basis = await this.views.basis(asKnownAt);
    const standing = this.standing(basis);
    const responses = (standing.recommendations.get(recommendationId)?.rounds ?? []).flatMap((round) => [...round.responses.values()]);
    const register = await this.meetings.withMeetings(
      standing,
      responses.flatMap(({ decision }) => (decision ? [decision.meetingId] : [])),
      basis,
    );
    const view = recommendationView(register, recommendationId);
    if (!view) throw new NotFoundException(`unknown recommendation: ${recommendationId}`);
    return { ...this.cited(view, register, basis), asKnownAt: basis };
  }

  private async decision(decisionId: string, meetingIds: string[], actor: Actor | undefined, asKnownAt?: string) {
    const basis = await this.views.basis(asKnownAt);
    const register = await this.meetings.withMeetings(this.standing(basis), meetingIds, basis);
    const reader = await this.readerOf(actor, register.meetings.keys());
    const view = decisionView(register, decisionId, this.judge(basis), reader);
    if (!view) throw new NotFoundException(`unknown decision: ${decisionId}`);
    return { ...this.answered(view, register, basis, reader), asKnownAt: basis };
  }

  /** Every fact the answer rests on (meetings, standing facts, the authority its findings judged by), with its source. */
  private cited<Answer>(answer: Answer, register: DecisionRegister, basis: Basis): Answer {
    return withProvenance(answer, register.meetingSources, this.views.sources(basis));
  }

  /**
   * The view as it leaves: with its facts' sources, and its content opened by the same rules that shaped
   * it (the reader already knows these meetings today, so disclosure on the way out has nothing left to do).
   */
  private answered<View>(view: View, register: DecisionRegister, basis: Basis, reader: Reader): View {
    return this.disclosure.discloseWith(this.cited(view, register, basis), reader);
  }

  /** Who may read what of these meetings' content, as they stand today. */
  private readerOf(actor: Actor | undefined, meetingIds: Iterable<string>): Promise<Reader> {
    return this.disclosure.readerFor(actor, meetingIds);
  }

  /** Bodies, officer decisions and recommendations as known at the basis; meetings are folded per question. */
  private standing(basis: Basis) {
    return this.views.register(basis);
  }

  private judge(basis: Basis) {
    return this.views.authority(basis).judge();
  }
}
