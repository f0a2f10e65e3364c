import { Injectable, NotFoundException } from '@nestjs/common';
import {
  CommissioningFunction,
  decisionView,
  inRegisterOrder,
  isKnownFunction,
  listDecisions,
  meetingDecisionId,
  officerDecisionId,
  Reader,
  recommendationView,
} from '@ledger/governance';
import { Actor } from '../access/actor';
import { Basis } from '../read-models/basis';
import { LedgerViews } from '../read-models/ledger-views';
import { MeetingCalendar } from '../read-models/meeting-calendar.projection';
import { DECISIONS_PAGE, DecisionsQuery } from '../read-models/query.dto';
import { MeetingRecords } from './meeting-records';

/** Meetings folded at a time when listing. */
const MEETINGS_PER_BATCH = 64;

/** Confidential (Part 2) text is for officers and auditors; everyone else sees paragraph, summary and outcome. */
const readerOf = (actor: Actor | undefined): Reader => ({ confidential: actor !== undefined });

/** The decision register with its validity verdicts, judged by the authority known at the same basis. */
@Injectable()
export class DecisionRegisterQueries {
  constructor(
    private readonly views: LedgerViews,
    private readonly calendar: MeetingCalendar,
    private readonly meetings: MeetingRecords,
  ) {}

  meetingDecision(meetingId: string, itemId: string, bodyId: string, actor: Actor | undefined, asKnownAt?: string) {
    return this.decision(meetingDecisionId(meetingId, itemId, bodyId), [meetingId], actor, asKnownAt);
  }

  officerDecision(decisionId: string, actor: Actor | undefined, asKnownAt?: string) {
    return this.decision(officerDecisionId(decisionId), [], actor, asKnownAt);
  }

  /**
   * A page of decisions in register order. Officer decisions are at hand; meetings are folded in order of
   * their earliest recorded date, a batch at a time, until no meeting left could hold a decision that
   * comes before the end of the page.
   */
  async decisions(query: DecisionsQuery, actor: Actor | undefined) {
    if (query.function && !isKnownFunction(query.function)) throw new NotFoundException(`unknown function: ${query.function}`);
    const basis = await this.views.basis(query.asKnownAt);
    const standing = this.standing(basis);
    if (query.body && !standing.bodies.bodies.has(query.body)) throw new NotFoundException(`unknown body: ${query.body}`);
    const filter = { bodyId: query.body, from: query.from, to: query.to, function: query.function as CommissioningFunction | undefined };
    const [judge, reader] = [this.judge(basis), readerOf(actor)];
    const { offset = 0, limit = DECISIONS_PAGE } = query;
    // One past the page says whether there is a next one.
    const wanted = offset + limit + 1;

    // A meeting folded for the minutes it approved may come round again in its own batch: each decision once.
    const found = new Map(listDecisions(standing, filter, judge, reader).map((view) => [view.decisionId, view]));
    const inOrder = () => [...found.values()].sort(inRegisterOrder);
    const held = this.calendar.meetingsHeld(filter, basis.position);
    for (let next = 0; next < held.length; next += MEETINGS_PER_BATCH) {
      if (found.size >= wanted && inOrder()[wanted - 1].date < held[next].earliest) break;
      const batch = held.slice(next, next + MEETINGS_PER_BATCH).map(({ meetingId }) => meetingId);
      const register = await this.meetings.withMeetings({ ...standing, officerDecisions: new Map() }, batch, basis);
      for (const view of listDecisions(register, filter, judge, reader)) found.set(view.decisionId, view);
    }
    const listed = inOrder();
    const decisions = listed.slice(offset, offset + limit);
    return { filter, asKnownAt: basis, offset, limit, next: listed.length > offset + limit ? offset + limit : null, decisions };
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
    return { ...view, asKnownAt: basis };
  }

  private async decision(decisionId: string, meetingIds: string[], actor: Actor | undefined, asKnownAt?: string) {
    const basis = await this.views.basis(asKnownAt);
    const register = await this.meetings.withMeetings(this.standing(basis), meetingIds, basis);
    const view = decisionView(register, decisionId, this.judge(basis), readerOf(actor));
    if (!view) throw new NotFoundException(`unknown decision: ${decisionId}`);
    return { ...view, asKnownAt: basis };
  }

  /** Bodies, officer decisions and recommendations as known at the basis; meetings are folded per question. */
  private standing(basis: Basis) {
    return this.views.register(basis);
  }

  private judge(basis: Basis) {
    return this.views.authority(basis).judge();
  }
}
