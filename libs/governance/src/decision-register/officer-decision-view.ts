import { citing } from '../body-register/standing-facts';
import { DeclaredConflict, DelegationRelied, Officer } from '../officer-decisions/officer-decision.events';
import { CivilDate } from '../shared/civil-date';
import { Area, CommissioningFunction } from '../shared/vocabulary';
import { DecisionRegister, RecordedOfficerDecision } from './decision-register';
import { AuthorityJudge, authorityFinding, Verdict, verdictOf } from './verdict';
import { BodyRef, bodyRef } from './view-fields';

export interface OfficerDecisionView {
  kind: 'officer';
  decisionId: string;
  date: CivilDate;
  officer: Officer;
  /** The body on whose behalf the officer decided. */
  onBehalfOf: BodyRef;
  delegationRelied: DelegationRelied;
  decision: string;
  reasons: string;
  alternativesRejected: string[];
  conflicts: DeclaredConflict[];
  functions: CommissioningFunction[];
  areas: Area[];
  verdict: Verdict;
  citedEvents: string[];
}

export const officerDecisionId = (decisionId: string) => `officer/${decisionId}`;

export function officerView(register: DecisionRegister, recorded: RecordedOfficerDecision, judge: AuthorityJudge): OfficerDecisionView {
  const {
    decisionId,
    officer,
    bodyId,
    delegationRelied,
    date,
    decision,
    reasons,
    alternativesRejected,
    conflicts,
    functions,
    areas,
    citedEvents,
  } = recorded;
  const findings = [authorityFinding(register.bodies, { bodyId, date, functions, areas, citedEvents }, judge)];
  return {
    kind: 'officer',
    decisionId: officerDecisionId(decisionId),
    date,
    officer,
    onBehalfOf: bodyRef(register, bodyId, date),
    delegationRelied,
    decision,
    reasons,
    alternativesRejected,
    conflicts,
    functions,
    areas,
    verdict: verdictOf(findings),
    citedEvents: citing(citedEvents, ...findings.map((finding) => finding.citedEvents)),
  };
}
