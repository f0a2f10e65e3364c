import { OfficerDecisionData } from './officer-decision.events';

/** A decision taken by an officer under a scheme of delegation: no meeting, no vote. */
export type OfficerDecisionCommand = { type: 'RecordOfficerDecision'; data: OfficerDecisionData };
