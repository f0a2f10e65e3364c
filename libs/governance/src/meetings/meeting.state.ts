import { CivilDate } from '../shared/civil-date';
import { Area, CommissioningFunction, DecisionOutcome, InterestAction, VoteOption } from '../shared/vocabulary';
import { conflictedOn as conflictedOnItem, suspendedByCallIn } from './meeting-rules';
import { CallInResult, Confidentiality, DecisionCounts, MeetingBody, MinutesApproval, Quorum } from './meeting.events';

export interface Declaration {
  membershipId: string;
  bodyId: string;
  action: InterestAction;
}

export interface Motion {
  motionId: string;
  mover: string;
  seconder: string;
}

export interface Vote {
  membershipId: string;
  bodyId: string;
  vote: VoteOption;
  motionId?: string;
}

export interface CallIn {
  effective: CivilDate;
  result?: { result: CallInResult; effective: CivilDate };
}

export interface Decision {
  bodyId: string;
  outcome: DecisionOutcome;
  counts?: DecisionCounts;
  quorum: Quorum;
  callIn?: CallIn;
}

export interface AgendaItem {
  itemId: string;
  title: string;
  functions: CommissioningFunction[];
  areas: Area[];
  confidential?: Confidentiality;
  confidentialityLifted?: CivilDate;
  /** How many times the item's content was erased: the generation of the data key its content now uses. */
  erasures: number;
  declarations: Declaration[];
  motions: Record<string, Motion>;
  /** By membershipId: one vote per member per item. */
  votes: Record<string, Vote>;
  /** By deciding body: a decision closes the item for that body. */
  decisions: Record<string, Decision>;
}

export interface ConvenedMeeting {
  recorded: true;
  meetingId: string;
  date: CivilDate;
  location?: string;
  inCommon: boolean;
  bodies: MeetingBody[];
  /** membershipId → the body whose membership it is. */
  present: Record<string, string>;
  items: Record<string, AgendaItem>;
  /** minutesOfMeetingId → how they were approved at this meeting. */
  minutesApproved: Record<string, MinutesApproval>;
}

export type MeetingState = { recorded: false } | ConvenedMeeting;

/** Meetings a command refers to besides its own (the meeting whose minutes are approved). */
export type KnownMeetings = ReadonlyMap<string, ConvenedMeeting>;

/** A member who withdrew or remained without voting may not vote on the item, nor count towards its quorum. */
export function conflictedOn(item: AgendaItem, membershipId: string): boolean {
  return conflictedOnItem(item.declarations, membershipId);
}

/** A called-in decision has no effect until the call-in has a result. */
export function isSuspended(decision: Decision): boolean {
  return suspendedByCallIn(decision.callIn);
}
