import type {
  Area,
  AuthoritySegment,
  BodyAuthorityEntry,
  BodyKind,
  CivilDate,
  CommissioningFunction,
  DecisionOutcome,
  Finding,
  InterestAction,
  LineageLink,
  Member,
  MeetingDecisionView,
  OfficerDecisionView,
  RecommendationView,
  Schedule12AParagraph,
  VoteOption,
} from '@ledger/governance';

/**
 * The rows of the public projection: only what Healthwatch and the public may read, redacted as they
 * are written. The public site reads these and nothing else; this file is the contract between the
 * ledger (which writes them) and apps/public (which renders them). Types only, so the public process
 * takes no code of the ledger's with it.
 */

/** Where a fact comes from, as the public sees it beside the value. */
export interface PublicSource {
  title: string;
  url?: string;
  reference?: string;
  /** A meeting or member the sources do not name, used only to illustrate. */
  illustrative?: boolean;
  /** The date is approximate (the sources do not give the day). */
  approximate?: boolean;
}

export interface PublicMeetingDecision {
  kind: 'meeting';
  decisionId: string;
  date: CivilDate;
  meeting: MeetingDecisionView['meeting'];
  item: {
    id: string;
    title: string;
    functions: CommissioningFunction[];
    areas: Area[];
    /** Absent for a Part 2 item still confidential. */
    text?: string;
    part2?: { paragraph: Schedule12AParagraph; publicInterestReason: string; publicSummary: string; liftedOn?: CivilDate };
    /** True while confidential: only title, paragraph, public-interest reason, summary, outcome and votes are public. */
    redacted: boolean;
  };
  motions: { motionId: string; mover: string; seconder: string; wording?: string }[];
  decidingBody: { id: string; name?: string; kind?: BodyKind; parentBodyId?: string };
  outcome: DecisionOutcome;
  resolution?: string;
  votes: { membershipId: string; member: Member | null; vote: VoteOption }[];
  counts: MeetingDecisionView['counts'];
  castingVote?: MeetingDecisionView['castingVote'];
  quorum: MeetingDecisionView['quorum'];
  declarations: { membershipId: string; member: Member | null; action: InterestAction; interest?: string }[];
  callIn: { calledIn: CivilDate; status: string; resultOn?: CivilDate; reason?: string; resultReason?: string } | null;
  minutes: {
    atMeetingId: string;
    atMeetingDate?: CivilDate;
    approval: string;
    /** About the minutes as a whole: left out, with the texts, while an item of the meeting is confidential. */ amendments?: number;
    amendmentTexts?: string[];
    /** About the decision's item, while that item is public (whatever the meeting's other items are); absent when none. */
    itemAmendments?: PublicItemAmendment[];
  }[];
  verdict: { valid: boolean; findings: Finding[] };
  citedEvents: string[];
  /**
   * The corrections of the facts it rests on (a vote, a declaration, the decision itself), and the facts
   * of its item withdrawn: the day each was recorded (Europe/London), and its reason unless the item is redacted.
   */
  corrections?: PublicCorrection[];
  /** When the ledger recorded the decision (an ISO instant): the `updated` of its feed entry. */
  recordedAt?: string;
}

export interface PublicCorrection {
  eventId: string;
  on: CivilDate;
  withdrawn: boolean;
  reason?: string;
  /** When the ledger recorded the correction (an ISO instant). */
  recordedAt?: string;
  /**
   * The fields it changed, unless the item is redacted: the new value of each, and the old one only where
   * it is a value from the ledger's vocabulary (a vote, a date): a replaced text may have been published in error.
   */
  changes?: { field: string; before?: string; after: string }[];
}

export type PublicOfficerDecision = OfficerDecisionView;
export type PublicDecision = PublicMeetingDecision | PublicOfficerDecision;

/** What a list of decisions shows of each. */
export interface PublicDecisionSummary {
  decisionId: string;
  date: CivilDate;
  kind: 'meeting' | 'officer';
  title: string;
  outcome: string;
  redacted: boolean;
  /** The latest correction or withdrawal of a fact it rests on, if any: a list says so beside the decision. */
  corrected?: { on: CivilDate; withdrawn: boolean };
}

/** A decision row as stored: the decision, and the date from which a lifted item must be shown in full. */
export interface PublicDecisionRow {
  decision: PublicDecision;
  /** A lift whose effective date is still to come (Europe/London): the projection rewrites the row on that day. */
  revealOn: CivilDate | null;
}

/**
 * A meeting as the public may follow it, scheduled or held, with or without a decision: its day and time,
 * place, bodies, whether it was cancelled, when its agenda was published, and when the ledger recorded each.
 * Nothing of its items: those reach the public through the decision rows, redacted there.
 */
export interface PublicMeeting {
  meetingId: string;
  date: CivilDate;
  /** `HH:MM`, Europe/London, where known. */
  time?: string;
  location?: string;
  inCommon: boolean;
  bodyIds: string[];
  cancelled: boolean;
  agendaPublishedOn?: CivilDate;
  /** When the ledger recorded the meeting's convening, and its agenda's publication (ISO instants). */
  scheduledRecordedAt?: string;
  agendaRecordedAt?: string;
  /** When the ledger recorded its latest move or cancellation (ISO instant). */
  changedRecordedAt?: string;
  /**
   * Its decisions withdrawn (recorded in error): shown as withdrawn, never made to vanish. The reason only
   * where the item is public, as for any correction.
   */
  withdrawnDecisions: { decisionId: string; title?: string; bodyId: string; on: CivilDate; recordedAt: string; reason?: string }[];
  /** Judged on the day the row was written: a meeting whose date has passed has been held. */
  status: 'scheduled' | 'rescheduled' | 'held' | 'cancelled';
  rescheduled: { from: CivilDate; fromTime?: string; date: CivilDate; time?: string; reason: string }[];
  cancelledReason?: string;
  /** Clear working days before the meeting; late when fewer than 5. */
  agenda: { publishedOn: CivilDate; clearDays: number; late: boolean } | null;
  attendance: {
    present: { member: Member | null; bodyId: string; substituteFor?: Member | null }[];
    apologies: { member: Member | null; bodyId: string }[];
    inAttendance: { name: string; role: string }[];
    /** Members who came in late or left early, by the item they came in before or left after. */
    arrivals: { member: Member | null; bodyId: string; beforeItem: string }[];
    departures: { member: Member | null; bodyId: string; afterItem: string }[];
  };
  /**
   * The agenda in order. A Part 2 item by its title, Schedule 12A paragraph and public summary only; its
   * late reason and the interest text of its declarations are content and never here.
   */
  items: PublicMeetingItem[];
  /**
   * This meeting's minutes, approved at later meetings; amendments about the minutes as a whole only while
   * no item is confidential, each about an item only while that item is public (absent when none).
   */
  minutes: {
    atMeetingId: string;
    atMeetingDate?: CivilDate;
    approval: string;
    amendments?: string[];
    itemAmendments?: PublicItemAmendment[];
  }[];
}

/** An amendment to the minutes about one item of the minuted meeting, with the item's title. */
export interface PublicItemAmendment {
  itemId: string;
  title?: string;
  text: string;
}

export interface PublicMeetingItem {
  itemId: string;
  title: string;
  confidential?: { paragraph: number; publicSummary: string; lifted: boolean };
  redacted: boolean;
  lateReason?: string;
  declarations: { member: Member | null; bodyId: string; action: InterestAction; interest?: string }[];
  decisions: {
    decisionId: string;
    bodyId: string;
    outcome: DecisionOutcome;
    callIn?: { calledIn: CivilDate; status: string; resultOn?: CivilDate; reason?: string };
  }[];
}

export interface PublicBody {
  id: string;
  kind: BodyKind;
  odsCode?: string;
  parentBodyId?: string;
  areas: Area[];
  established: CivilDate;
  dissolved: CivilDate | null;
  names: { name: string; from: CivilDate; to: CivilDate | null }[];
  memberships: {
    membershipId: string;
    member: Member;
    role: string;
    voting: boolean;
    from: CivilDate;
    to: CivilDate | null;
    citedEvents: string[];
  }[];
  /** Each link with the latest names of the bodies on both sides, so a page needs no other row. */
  predecessors: (LineageLink & { name: string; ofName: string })[];
  successors: (LineageLink & { name: string; ofName: string })[];
  parent?: { id: string; name: string };
  committees: { id: string; name: string }[];
  authority: BodyAuthorityEntry[];
  /** The arrangements it took part in (joint management, joint committees, partnerships…): never successions. */
  arrangements: PublicArrangement[];
  citedEvents: string[];
}

/** An arrangement a body took part in, from its first seat to its last (closed-open), with the other bodies in it. */
export interface PublicArrangement {
  bodyId: string;
  kind: BodyKind;
  name: string;
  from: CivilDate;
  to: CivilDate | null;
  otherParties: { bodyId: string; name: string; from: CivilDate; to: CivilDate | null }[];
  /** What the body delegated to it (a joint committee decides only what its parties delegate). */
  delegations: {
    delegationId: string;
    functions: CommissioningFunction[];
    areas: Area[];
    from: CivilDate;
    to: CivilDate | null;
    citedEvents: string[];
  }[];
  /** The arrangement's establishment and end, and the body's seats in it. */
  citedEvents: string[];
}

export interface PublicTimeline {
  function: CommissioningFunction;
  area: Area;
  intervals: AuthoritySegment[];
}

export type PublicRecommendation = RecommendationView;

export interface PublicSuccession {
  predecessorId: string;
  predecessorName: string;
  predecessorOds: string | null;
  successorId: string;
  successorName: string;
  successorOds: string | null;
  legalDate: CivilDate;
  type: 'merger' | 'transfer-scheme';
  reorganisationId: string;
}

/** The tables of the public projection's database (one SQLite file in LEDGER_DATA_DIR). */
export const PUBLIC_DATABASE_FILE = 'public.sqlite';
export const PUBLIC_SCHEMA = `
  CREATE TABLE IF NOT EXISTS public_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS public_bodies (
    id TEXT PRIMARY KEY, ods_code TEXT, kind TEXT NOT NULL, search TEXT NOT NULL, body TEXT NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS public_bodies_ods ON public_bodies (ods_code);
  CREATE TABLE IF NOT EXISTS public_decisions (
    decision_id TEXT PRIMARY KEY, meeting_id TEXT, body_id TEXT NOT NULL, date TEXT NOT NULL,
    reveal_on TEXT, summary TEXT NOT NULL, decision TEXT NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS public_decisions_meeting ON public_decisions (meeting_id);
  CREATE INDEX IF NOT EXISTS public_decisions_reveal ON public_decisions (reveal_on) WHERE reveal_on IS NOT NULL;
  CREATE TABLE IF NOT EXISTS public_decision_bodies (
    body_id TEXT NOT NULL, date TEXT NOT NULL, decision_id TEXT NOT NULL, PRIMARY KEY (body_id, date, decision_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS public_decision_bodies_decision ON public_decision_bodies (decision_id);
  CREATE TABLE IF NOT EXISTS public_timelines (function TEXT NOT NULL, area TEXT NOT NULL, timeline TEXT NOT NULL, PRIMARY KEY (function, area)) STRICT;
  CREATE TABLE IF NOT EXISTS public_recommendations (id TEXT PRIMARY KEY, recommendation TEXT NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS public_successions (position INTEGER PRIMARY KEY, succession TEXT NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS public_meetings (meeting_id TEXT PRIMARY KEY, date TEXT NOT NULL, meeting TEXT NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS public_sources (event_id TEXT PRIMARY KEY, source TEXT NOT NULL) STRICT;
`;

/** The meta keys: the ledger position the projection was built at, and when that event was recorded. */
export const META = { position: 'position', recordedAt: 'recorded_at', builtAt: 'built_at' } as const;
