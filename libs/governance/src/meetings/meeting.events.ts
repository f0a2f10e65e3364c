import { CivilDate } from '../shared/civil-date';
import { DomainEvent } from '../decider';
import { Provenance } from '../shared/source';
import { Area, CommissioningFunction, DecisionOutcome, InterestAction, SCHEDULE_12A_PARAGRAPHS, VoteOption } from '../shared/vocabulary';

export const MINUTES_APPROVALS = ['as-correct-record', 'subject-to-amendments'] as const;
export type MinutesApproval = (typeof MINUTES_APPROVALS)[number];

/**
 * An amendment to the minutes about one agenda item of the minuted meeting: its text is that item's
 * content (sealed with it, public when the item is, erased with it).
 */
export interface ItemAmendment {
  itemId: string;
  text: string;
}

export const CALL_IN_RESULTS = ['confirmed', 'changed', 'referred-to-full-council'] as const;
export type CallInResult = (typeof CALL_IN_RESULTS)[number];

export type Schedule12AParagraph = (typeof SCHEDULE_12A_PARAGRAPHS)[number];

/** A body deciding at the meeting, and how many of its voting members make it quorate. */
export interface MeetingBody {
  bodyId: string;
  quorum: number;
}

/** Why a Part 2 item is taken in private, and what the public may know of it. */
export interface Confidentiality {
  paragraph: Schedule12AParagraph;
  publicInterestReason: string;
  publicSummary: string;
}

export interface DecisionCounts {
  for: number;
  against: number;
  abstain: number;
  /** Only in counts derived from individual votes: members present who cast no vote. */
  abstainedNoVoteCast?: number;
}

/** Quorum for one body on one item: voting members present and not conflicted, against the number required. */
export interface Quorum {
  required: number;
  present: number;
  quorate: boolean;
}

export interface Attendee {
  membershipId: string;
  bodyId: string;
}

export interface Substitution {
  membershipId: string;
  substituteFor: string;
}

export interface InAttendance {
  name: string;
  role: string;
}

export type MeetingEvent =
  | DomainEvent<
      'MeetingConvened',
      Provenance & { meetingId: string; date: CivilDate; time?: string; bodies: MeetingBody[]; inCommon: boolean; location?: string }
    >
  | DomainEvent<
      'AgendaItemAdded',
      Provenance & {
        meetingId: string;
        itemId: string;
        title: string;
        text: string;
        functions: CommissioningFunction[];
        areas: Area[];
        confidential?: Confidentiality;
        lateReason?: string;
      }
    >
  /** Each record adds to those before it (a second record never replaces the first). */
  | DomainEvent<
      'AttendanceRecorded',
      Provenance & {
        meetingId: string;
        present: Attendee[];
        apologies?: Attendee[];
        substitutes?: (Attendee & { substituteFor: string })[];
        inAttendance?: InAttendance[];
      }
    >
  | DomainEvent<
      'InterestDeclared',
      Provenance & { meetingId: string; itemId: string; membershipId: string; bodyId: string; interest: string; action: InterestAction }
    >
  | DomainEvent<
      'MotionProposed',
      Provenance & { meetingId: string; itemId: string; motionId: string; wording: string; mover: string; seconder: string }
    >
  | DomainEvent<
      'VoteCast',
      Provenance & { meetingId: string; itemId: string; membershipId: string; bodyId: string; vote: VoteOption; motionId?: string }
    >
  | DomainEvent<
      'DecisionRecorded',
      Provenance & {
        meetingId: string;
        itemId: string;
        bodyId: string;
        outcome: DecisionOutcome;
        resolution: string;
        motionId?: string;
        counts?: DecisionCounts;
        /** Derived from the individual votes, or entered as a historic aggregate (a ballot tally). */
        countsFrom?: 'votes' | 'entered';
        /** The chair's casting vote, which broke a tie. */
        castingVote?: CastingVote;
        quorum: Quorum;
      }
    >
  | DomainEvent<'ConfidentialityLifted', Provenance & { meetingId: string; itemId: string; effective: CivilDate; reason: string }>
  /** A public item taken into Part 2 afterwards (or again, after a lift): from now on its content is for those entitled. */
  | DomainEvent<'ConfidentialityImposed', Provenance & { meetingId: string; itemId: string } & Confidentiality>
  /**
   * The item's content as recorded so far was erased: its data key (`generation`, counted from 0) is
   * destroyed, so no reader, replay or copy can open it again. Later content has the next key.
   */
  | DomainEvent<'ConfidentialContentErased', Provenance & { meetingId: string; itemId: string; reason: string; generation: number }>
  | DomainEvent<
      'MinutesApproved',
      Provenance & {
        meetingId: string;
        minutesOfMeetingId: string;
        approval: MinutesApproval;
        /** About the minutes as a whole: content of the minuted meeting's minutes. */
        amendments: string[];
        /** Absent from approvals recorded before amendments could name an item. */
        itemAmendments?: ItemAmendment[];
      }
    >
  | DomainEvent<
      'DecisionCalledIn',
      Provenance & { meetingId: string; itemId: string; bodyId: string; effective: CivilDate; reason: string }
    >
  | DomainEvent<
      'CallInResultRecorded',
      Provenance & { meetingId: string; itemId: string; bodyId: string; result: CallInResult; effective: CivilDate; reason?: string }
    >
  /** The meeting moved to `date` (and `time`, where given; a time not given is not known). */
  | DomainEvent<'MeetingRescheduled', Provenance & { meetingId: string; date: CivilDate; time?: string; reason: string }>
  | DomainEvent<'MeetingCancelled', Provenance & { meetingId: string; reason: string }>
  | DomainEvent<'MemberArrived', Provenance & { meetingId: string; membershipId: string; bodyId: string; beforeItem: string }>
  /** `clearDays` before the meeting as it was then dated; `late` when fewer than 5. */
  | DomainEvent<'AgendaPublished', Provenance & { meetingId: string; publishedOn: CivilDate; clearDays: number; late: boolean }>
  /** `clearDays` (calendar days, neither end) before the meeting as it was then dated; `late` when fewer than 28. */
  | DomainEvent<
      'ForwardPlanEntryRecorded',
      Provenance & { meetingId: string; itemId: string; publishedOn: CivilDate; clearDays: number; late: boolean }
    >
  | DomainEvent<'MemberDeparted', Provenance & { meetingId: string; membershipId: string; bodyId: string; afterItem: string }>;

export type MeetingEventType = MeetingEvent['type'];

/** The chair's second vote, recorded as such, which breaks a tie. */
export interface CastingVote {
  membershipId: string;
  vote: 'for' | 'against';
}
