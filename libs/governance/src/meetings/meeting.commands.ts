import { CivilDate } from '../shared/civil-date';
import { Provenance } from '../shared/source';
import { Area, CommissioningFunction, DecisionOutcome, InterestAction, VoteOption } from '../shared/vocabulary';
import { CastingVote } from './meeting-rules';
import { CallInResult, Confidentiality, InAttendance, ItemAmendment, MeetingBody, MinutesApproval, Substitution } from './meeting.events';

/**
 * What was recorded of one item at the meeting, in one request: its declarations, its motion, every vote
 * and the decision, each part with the fields of the separate command recording it (DeclareInterest,
 * ProposeMotion, CastVote, RecordDecision), and one source for all.
 */
export interface ItemOutcome {
  meetingId: string;
  itemId: string;
  declarations?: { membershipId: string; interest: string; action: InterestAction }[];
  motion?: { motionId: string; wording: string; mover: string; seconder: string };
  /** Put to the motion, when there is one. */
  votes?: { membershipId: string; vote: VoteOption }[];
  decision: { bodyId?: string; outcome: DecisionOutcome; resolution: string; castingVote?: CastingVote };
}

export type MeetingCommand =
  | {
      type: 'ConveneMeeting';
      data: Provenance & {
        meetingId: string;
        date: CivilDate;
        /** The time it starts (`HH:MM`, Europe/London), where known. */
        time?: string;
        bodies: MeetingBody[];
        /** Required (true) when several bodies' committees meet in common. */
        inCommon?: boolean;
        location?: string;
      };
    }
  | {
      type: 'AddAgendaItem';
      data: Provenance & {
        meetingId: string;
        itemId: string;
        title: string;
        text: string;
        functions: CommissioningFunction[];
        areas: Area[];
        confidential?: Confidentiality;
        /** Why an item added once the agenda is out, with fewer than 5 clear days left, could not wait (LGA 1972 s100B(4)(b)). */
        lateReason?: string;
      };
    }
  | {
      type: 'RecordAttendance';
      data: Provenance & {
        meetingId: string;
        present: string[];
        /** Members who sent apologies. */
        apologies?: string[];
        /** A member of the body sitting (and voting) in place of another, who is absent. */
        substitutes?: Substitution[];
        /** Non-members present: officers, advisers. */
        inAttendance?: InAttendance[];
      };
    }
  | { type: 'RecordItemOutcome'; data: Provenance & ItemOutcome }
  | {
      type: 'DeclareInterest';
      data: Provenance & { meetingId: string; itemId: string; membershipId: string; interest: string; action: InterestAction };
    }
  | {
      type: 'ProposeMotion';
      data: Provenance & { meetingId: string; itemId: string; motionId: string; wording: string; mover: string; seconder: string };
    }
  | {
      type: 'CastVote';
      data: Provenance & { meetingId: string; itemId: string; membershipId: string; vote: VoteOption; motionId?: string };
    }
  | {
      type: 'RecordDecision';
      data: Provenance & {
        meetingId: string;
        itemId: string;
        /** The deciding body; may be left out only when the meeting has one body. */
        bodyId?: string;
        outcome: DecisionOutcome;
        resolution: string;
        motionId?: string;
        /** A historic aggregate (ballot tally), only where no individual votes were recorded. */
        counts?: { for: number; against: number; abstain: number };
        /** The chair's casting vote, recorded as such: it breaks a tie of the votes (or entered counts), and nothing else. */
        castingVote?: CastingVote;
      };
    }
  | { type: 'LiftConfidentiality'; data: Provenance & { meetingId: string; itemId: string; effective: CivilDate; reason: string } }
  | { type: 'ImposeConfidentiality'; data: Provenance & { meetingId: string; itemId: string } & Confidentiality }
  | { type: 'EraseConfidentialContent'; data: Provenance & { meetingId: string; itemId: string; reason: string } }
  | {
      type: 'ApproveMinutes';
      data: Provenance & {
        meetingId: string;
        minutesOfMeetingId: string;
        approval: MinutesApproval;
        amendments?: string[];
        itemAmendments?: ItemAmendment[];
      };
    }
  | { type: 'CallIn'; data: Provenance & { meetingId: string; itemId: string; bodyId?: string; effective: CivilDate; reason: string } }
  | {
      type: 'RecordCallInResult';
      data: Provenance & {
        meetingId: string;
        itemId: string;
        bodyId?: string;
        result: CallInResult;
        effective: CivilDate;
        reason?: string;
      };
    }
  /** A meeting not yet held moved to another date (and time), for a reason. */
  | { type: 'RescheduleMeeting'; data: Provenance & { meetingId: string; date: CivilDate; time?: string; reason: string } }
  /** A meeting not yet held that will not take place. */
  | { type: 'CancelMeeting'; data: Provenance & { meetingId: string; reason: string } }
  /** A member who arrived late: present from the item `beforeItem` on. */
  | { type: 'RecordArrival'; data: Provenance & { meetingId: string; membershipId: string; beforeItem: string } }
  /** A member who left early: present up to and including the item `afterItem`. */
  | { type: 'RecordDeparture'; data: Provenance & { meetingId: string; membershipId: string; afterItem: string } }
  /** The agenda made open to the public (LGA 1972 s100B): 5 clear working days before the meeting, or late. */
  | { type: 'PublishAgenda'; data: Provenance & { meetingId: string; publishedOn: CivilDate } }
  /** A key decision's entry on the forward plan (SI 2012/2089 reg 9): 28 clear days before the meeting, or late. */
  | { type: 'RecordForwardPlanEntry'; data: Provenance & { meetingId: string; itemId: string; publishedOn: CivilDate } };
