import type { EventFilter } from '@ledger/event-store';
import { BodyEventType, delegationAggregate, meetingAggregate } from '@ledger/governance';
import { FACT_LOGS } from '../read-models/projection-runner';

/** A body's own names and members: the body events no judgement of authority reads. */
const OWN_NAMES_AND_MEMBERS: BodyEventType[] = ['BodyEstablished', 'BodyRenamed', 'MemberAppointed', 'MembershipEnded'];

/**
 * What each kind of public row is written from, as event filters over the ledger: the read models'
 * own where the rows come from one. After the events since its checkpoint, the public projection
 * writes again the rows whose filters they pass (PublicProjection.changesBetween).
 */
export const WRITTEN_FROM = {
  /** A meeting's decisions: folded from the meeting's own stream (read-models/meeting-records.ts). */
  meeting: { categories: [meetingAggregate.category] },
  /** Bodies, authority timelines, successions, recommendations and officer decisions: the fact logs' facts. */
  standing: { categories: [...new Set(Object.values(FACT_LOGS).flat())] },
  /** Every decision's verdict: judged by the authority answers, from the authority log's facts, but for `oneBody`. */
  verdicts: { categories: FACT_LOGS.authority },
  /**
   * Delegations: of the decisions, they reach only the verdicts, through the authority answers they are
   * judged by; the public authority timelines hold those answers, so the decisions reached are those whose
   * function, area and date lie where a timeline changed.
   */
  judgedOnly: { categories: [delegationAggregate.category] },
  /** A body's own names and members: they reach that body's row and the decisions of its meetings (who sat, under what name). */
  oneBody: { eventTypes: OWN_NAMES_AND_MEMBERS },
  /** Appointments and their ends: of the standing rows, only the body's own shows them. */
  members: { eventTypes: ['MemberAppointed', 'MembershipEnded'] satisfies BodyEventType[] },
} satisfies Record<string, EventFilter>;
