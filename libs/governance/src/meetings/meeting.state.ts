import { CivilDate } from '../shared/civil-date';
import { Cited } from '../shared/cited';
import { Area, CommissioningFunction, DecisionOutcome, InterestAction, VoteOption } from '../shared/vocabulary';
import { conflictedOn as conflictedOnItem, suspendedByCallIn } from './meeting-rules';
import type { CastingVote } from './meeting-rules';
import { CallInResult, Confidentiality, DecisionCounts, ItemAmendment, MeetingBody, MinutesApproval, Quorum } from './meeting.events';

/**
 * A meeting as its stream records it: the one state the decider decides on and the decision register and
 * views read. Every part keeps `citedEvents`, the events (and corrections) it rests on, where the one
 * folding the stream knows them (the read side; the write side leaves them empty).
 */

export interface Declaration extends Cited {
  membershipId: string;
  bodyId: string;
  interest: string;
  action: InterestAction;
}

export interface Motion extends Cited {
  motionId: string;
  wording: string;
  mover: string;
  seconder: string;
}

export interface Vote extends Cited {
  membershipId: string;
  bodyId: string;
  vote: VoteOption;
  motionId?: string;
}

export interface CallIn extends Cited {
  effective: CivilDate;
  reason: string;
  result?: Cited & { result: CallInResult; effective: CivilDate; reason?: string };
}

export interface Decision extends Cited {
  bodyId: string;
  outcome: DecisionOutcome;
  resolution: string;
  motionId?: string;
  counts?: DecisionCounts;
  countsFrom?: 'votes' | 'entered';
  castingVote?: CastingVote;
  /** As computed when the decision was recorded. */
  quorum: Quorum;
  callIn?: CallIn;
}

export interface AgendaItem extends Cited {
  itemId: string;
  title: string;
  text: string;
  functions: CommissioningFunction[];
  areas: Area[];
  confidential?: Confidentiality;
  /** Why it was added late (after the agenda was published, fewer than 5 clear days before the meeting). */
  lateReason?: string;
  /** Its entry on the forward plan, as a key decision. */
  forwardPlan?: Cited & { publishedOn: CivilDate };
  /** The lift of its confidentiality, effective from a date (which may be still to come). */
  lifted?: Cited & { effective: CivilDate; reason: string };
  /** Each erasure of the item's content, and why: their number is the generation of the data key its content now uses. */
  erasures: (Cited & { reason: string })[];
  declarations: Declaration[];
  motions: Map<string, Motion>;
  /** By membershipId: one vote per member per item. */
  votes: Map<string, Vote>;
  /** By deciding body: a decision closes the item for that body. */
  decisions: Map<string, Decision>;
}

/** Minutes of another meeting approved at this one. */
export interface ApprovedMinutes extends Cited {
  approval: MinutesApproval;
  amendments: string[];
  /** Each about one item of the minuted meeting (none in approvals recorded before they could name one). */
  itemAmendments: ItemAmendment[];
}

export interface ConvenedMeeting extends Cited {
  recorded: true;
  meetingId: string;
  /** As it stands: the date convened, or the last it was moved to. */
  date: CivilDate;
  /** `HH:MM` (Europe/London), where known. */
  time?: string;
  location?: string;
  inCommon: boolean;
  bodies: MeetingBody[];
  /** membershipId → the body whose membership it is (and whom it sat for, as a substitute), and the attendance record naming it. */
  present: Map<string, Cited & { bodyId: string; substituteFor?: string }>;
  /** membershipId → its body: members who sent apologies. */
  apologies: Map<string, Cited & { bodyId: string }>;
  /** Non-members present (officers, advisers). */
  inAttendance: (Cited & { name: string; role: string })[];
  /** membershipId → the item before which the member arrived (present from it on). */
  arrivals: Map<string, Cited & { bodyId: string; beforeItem: string }>;
  /** membershipId → the item after which the member left. */
  departures: Map<string, Cited & { bodyId: string; afterItem: string }>;
  items: Map<string, AgendaItem>;
  /** minutesOfMeetingId → how they were approved at this meeting. */
  minutesApproved: Map<string, ApprovedMinutes>;
  /** Each move of the meeting, oldest first, with the date and time it moved from. */
  reschedulings: Rescheduling[];
  cancelled?: Cited & { reason: string };
  agendaPublished?: Cited & { publishedOn: CivilDate };
}

export interface Rescheduling extends Cited {
  from: CivilDate;
  fromTime?: string;
  date: CivilDate;
  time?: string;
  reason: string;
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
