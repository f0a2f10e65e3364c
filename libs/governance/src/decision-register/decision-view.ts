import { CivilDate } from '../shared/civil-date';
import { CommissioningFunction } from '../shared/vocabulary';
import { DecisionRegister } from './decision-register';
import { MeetingDecisionView, meetingView } from './meeting-decision-view';
import { OfficerDecisionView, officerView } from './officer-decision-view';
import { AuthorityJudge } from './verdict';
import { Reader } from '../meetings/item-content';

export type { MeetingDecisionView } from './meeting-decision-view';
export type { OfficerDecisionView } from './officer-decision-view';

export interface DecisionFilter {
  bodyId?: string;
  /** Closed-open on the decision date: from <= date < to. */
  from?: CivilDate;
  to?: CivilDate;
  function?: CommissioningFunction;
}

export type DecisionView = MeetingDecisionView | OfficerDecisionView;

/** One decision: at a meeting in common, each committee's decision is its own, with its own verdict. */
export function decisionView(
  register: DecisionRegister,
  decisionId: string,
  authority: AuthorityJudge,
  reader: Reader,
): DecisionView | undefined {
  const parts = decisionId.split('/');
  if (parts.length === 2 && parts[0] === 'officer') {
    const recorded = register.officerDecisions.get(parts[1]);
    return recorded && officerView(register, recorded, authority);
  }
  if (parts.length !== 3) return undefined;
  const [meetingId, itemId, bodyId] = parts;
  const meeting = register.meetings.get(meetingId);
  const item = meeting?.items.get(itemId);
  const decision = item?.decisions.get(bodyId);
  return meeting && item && decision && meetingView(register, meeting, item, decision, authority, reader);
}

/** Decisions in date order (then by id), meeting and officer decisions alike. */
export function listDecisions(
  register: DecisionRegister,
  filter: DecisionFilter,
  authority: AuthorityJudge,
  reader: Reader,
): DecisionView[] {
  const matches = (bodyId: string, date: CivilDate, functions: CommissioningFunction[]) =>
    (filter.bodyId === undefined || filter.bodyId === bodyId) &&
    (filter.from === undefined || filter.from <= date) &&
    (filter.to === undefined || date < filter.to) &&
    (filter.function === undefined || functions.includes(filter.function));
  const views: DecisionView[] = [];
  for (const meeting of register.meetings.values()) {
    for (const item of meeting.items.values()) {
      for (const decision of item.decisions.values()) {
        if (matches(decision.bodyId, meeting.date, item.functions))
          views.push(meetingView(register, meeting, item, decision, authority, reader));
      }
    }
  }
  for (const recorded of register.officerDecisions.values()) {
    if (matches(recorded.bodyId, recorded.date, recorded.functions)) views.push(officerView(register, recorded, authority));
  }
  return views.sort(inRegisterOrder);
}

/** The register's order: by date, then by decision id. */
export function inRegisterOrder(a: DecisionView, b: DecisionView): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.decisionId < b.decisionId ? -1 : a.decisionId > b.decisionId ? 1 : 0;
}
