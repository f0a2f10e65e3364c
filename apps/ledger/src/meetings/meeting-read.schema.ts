import { MEETING_STATUSES } from '@ledger/governance';

/**
 * The OpenAPI response schemas of the meeting reads (the answers are built by the domain's
 * `meetingSummary` and `meetingRecordView`; these describe them for clients).
 */
const text = { type: 'string' };
const date = { type: 'string', format: 'date', example: '2027-03-10' };
const ids = { type: 'array', items: text };
const member = {
  type: 'object',
  required: ['membershipId', 'member'],
  properties: { membershipId: text, member: { type: 'object', nullable: true }, bodyId: text },
};
const basis = { type: 'object', description: 'the ledger position (transaction time) the answer is as known at' };

const summary = {
  type: 'object',
  required: ['id', 'date', 'inCommon', 'bodies', 'status'],
  properties: {
    id: text,
    date,
    time: { type: 'string', example: '14:00', description: 'HH:MM, Europe/London, where known' },
    rescheduledFrom: { type: 'array', items: date, description: 'the dates it moved from, where it was rescheduled' },
    location: text,
    inCommon: { type: 'boolean' },
    bodies: {
      type: 'array',
      items: { type: 'object', properties: { bodyId: text, name: text, quorum: { type: 'integer' } } },
    },
    status: {
      type: 'string',
      enum: [...MEETING_STATUSES],
      description: 'judged on `at`: held once its date has passed or anything happened at it',
    },
  },
};

const decision = {
  type: 'object',
  description: 'a body’s decision on the item, with the verdict its own answer (GET /decisions/…) gives',
  properties: {
    decisionId: text,
    decidingBody: { type: 'object' },
    outcome: text,
    motionId: text,
    resolution: { ...text, description: 'left out when redacted' },
    counts: { type: 'object', nullable: true },
    countsFrom: { type: 'string', nullable: true, enum: ['votes', 'entered'] },
    castingVote: { type: 'object' },
    quorum: { type: 'object' },
    callIn: { type: 'object', nullable: true },
    verdict: { type: 'object' },
    citedEvents: ids,
  },
};

const item = {
  type: 'object',
  description: 'an agenda item; a Part 2 item carries `confidential`, and its content is left out (`redacted`) for a reader not entitled',
  properties: {
    id: text,
    title: text,
    functions: ids,
    areas: ids,
    text,
    confidential: { type: 'object' },
    redacted: { type: 'boolean' },
    erasures: { type: 'array', items: { type: 'object' } },
    forwardPlan: {
      type: 'object',
      description: 'a key decision’s forward plan entry: clear calendar days before the meeting; late when fewer than 28',
      properties: { publishedOn: date, clearDays: { type: 'integer' }, late: { type: 'boolean' } },
    },
    lateReason: { ...text, description: 'why it was added late (after publication, fewer than 5 clear days left)' },
    motions: { type: 'array', items: { type: 'object' } },
    declarations: { type: 'array', items: member },
    votes: { type: 'array', items: member },
    decisions: { type: 'array', items: decision },
  },
};

export const MEETINGS_ANSWER = {
  type: 'object',
  properties: {
    filter: { type: 'object', properties: { body: text, from: date, to: date } },
    at: date,
    asKnownAt: basis,
    meetings: { type: 'array', items: summary },
  },
};

export const MEETING_ANSWER = {
  ...summary,
  properties: {
    ...summary.properties,
    rescheduled: {
      type: 'array',
      items: { type: 'object', properties: { from: date, fromTime: text, date, time: text, reason: text } },
    },
    cancelled: { type: 'object', nullable: true, properties: { reason: text } },
    agenda: {
      type: 'object',
      nullable: true,
      description: 'its publication: clear working days before the meeting as now dated; late when fewer than 5',
      properties: { publishedOn: date, clearDays: { type: 'integer' }, late: { type: 'boolean' } },
    },
    attendance: {
      type: 'object',
      properties: {
        present: { type: 'array', items: member, description: 'a substitute carries substituteFor' },
        apologies: { type: 'array', items: member },
        inAttendance: { type: 'array', items: { type: 'object', properties: { name: text, role: text } } },
        arrivals: { type: 'array', items: member, description: 'each with beforeItem: present from that item on' },
        departures: { type: 'array', items: member, description: 'each with afterItem: present up to that item' },
      },
    },
    items: { type: 'array', items: item },
    minutesApproved: { type: 'array', items: { type: 'object', description: 'minutes of earlier meetings approved at this one' } },
    minutes: { type: 'array', items: { type: 'object', description: 'approvals of this meeting’s minutes at later meetings' } },
    citedEvents: ids,
    asKnownAt: basis,
  },
};
