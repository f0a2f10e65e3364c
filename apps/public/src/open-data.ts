import { PublicDatabase } from './public-database';
import { csv, PublicDecision, PublicMeetingDecision } from '@ledger/public-contract';
import { areaName, words } from './pages/layout';

/**
 * The open data: Popolo JSON and CSVs, made from the same public rows as the pages (so they hold no
 * more than the pages do), under the Open Government Licence v3.
 */
export const LICENCE = {
  name: 'Open Government Licence v3.0',
  url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
};

/** Popolo's Vote.option: yes/no/abstain/absent/not voting. */
const POPOLO_OPTION: Record<string, string> = { for: 'yes', against: 'no', abstain: 'abstain', 'abstained-no-vote-cast': 'not voting' };
const POPOLO_RESULT: Record<string, string> = {
  carried: 'pass',
  defeated: 'fail',
  'agreed-without-vote': 'pass',
  'referred-back': 'referred back',
  deferred: 'deferred',
  noted: 'noted',
};

export function popolo(db: PublicDatabase): unknown {
  const builtAt = db.builtAt();
  const bodies = db.bodies();
  const persons = new Map<string, { id: string; name: string }>();
  const personOf = (membershipId: string, member: { person?: string; seat?: string } | null) => {
    const name = member?.person ?? member?.seat ?? membershipId;
    const id = `person/${membershipId}`;
    persons.set(id, { id, name });
    return id;
  };
  const memberships = bodies.flatMap((body) =>
    body.memberships.map((m) => ({
      id: m.membershipId,
      person_id: personOf(m.membershipId, m.member),
      organization_id: body.id,
      post_id: `${body.id}/${m.role}`,
      role: m.role,
      start_date: m.from,
      ...(m.to ? { end_date: m.to } : {}),
    })),
  );
  const posts = [
    ...new Map(memberships.map((m) => [m.post_id, { id: m.post_id, organization_id: m.organization_id, label: m.role }])).values(),
  ];
  const motions: unknown[] = [];
  const voteEvents: unknown[] = [];
  const votes: unknown[] = [];
  for (const d of db.allDecisions()) {
    if (d.kind !== 'meeting') continue;
    const motionId = `motion/${d.decisionId}`;
    motions.push({
      id: motionId,
      organization_id: d.decidingBody.id,
      ...(d.motions[0]?.wording !== undefined ? { text: d.motions[0].wording } : { text: d.item.title }),
      date: d.date,
      result: POPOLO_RESULT[d.outcome] ?? d.outcome,
      ...(d.item.part2
        ? { confidential: { schedule12AParagraph: d.item.part2.paragraph, publicSummary: d.item.part2.publicSummary } }
        : {}),
    });
    voteEvents.push({
      id: `vote-event/${d.decisionId}`,
      motion_id: motionId,
      organization_id: d.decidingBody.id,
      start_date: d.date,
      result: POPOLO_RESULT[d.outcome] ?? d.outcome,
      counts: d.counts
        ? [
            { option: 'yes', value: d.counts.for },
            { option: 'no', value: d.counts.against },
            { option: 'abstain', value: d.counts.abstain },
          ]
        : [],
    });
    for (const vote of d.votes) {
      votes.push({
        vote_event_id: `vote-event/${d.decisionId}`,
        voter_id: personOf(vote.membershipId, vote.member),
        option: POPOLO_OPTION[vote.vote],
      });
    }
  }
  return {
    licence: LICENCE,
    built_at_ledger_position: builtAt.position,
    organizations: bodies.map((body) => ({
      id: body.id,
      name: body.names[body.names.length - 1]?.name ?? body.id,
      classification: body.kind,
      ...(body.odsCode ? { identifiers: [{ scheme: 'nhs-ods', identifier: body.odsCode }] } : {}),
      ...(body.parentBodyId ? { parent_id: body.parentBodyId } : {}),
      founding_date: body.established,
      ...(body.dissolved ? { dissolution_date: body.dissolved } : {}),
      other_names: body.names.map((n) => ({ name: n.name, start_date: n.from, ...(n.to ? { end_date: n.to } : {}) })),
    })),
    persons: [...persons.values()],
    memberships,
    posts,
    motions,
    vote_events: voteEvents,
    votes,
  };
}

/** Several values in one cell, as a reader writes a list. */
const list = (values: readonly string[]) => values.join('; ');
const memberName = (member: { person?: string; seat?: string } | null, membershipId: string) =>
  member?.person ?? member?.seat ?? membershipId;

/** The columns of decisions.csv: everything the pages show of a decision that fits one row. */
const DECISION_COLUMNS = [
  'decision_id',
  'url',
  'date',
  'kind',
  'meeting_id',
  'meeting_url',
  'meeting_date',
  'meeting_location',
  'body_id',
  'body_name',
  'title',
  'functions',
  'places',
  'part_2',
  'schedule_12a_paragraph',
  'public_summary',
  'motion',
  'resolution',
  'outcome',
  'for',
  'against',
  'abstain',
  'casting_vote',
  'quorate',
  'valid',
  'corrected',
  'withdrawn_facts',
  'corrections',
];

function* decisionRows(decisions: Iterable<PublicDecision>, base: string) {
  for (const d of decisions) {
    const url = `${base}/decisions/${d.decisionId}`;
    const functions = list(d.kind === 'meeting' ? d.item.functions.map(words) : d.functions.map(words));
    const places = list((d.kind === 'meeting' ? d.item.areas : d.areas).map(areaName));
    if (d.kind === 'meeting') {
      const corrections = d.corrections ?? [];
      const casting = d.castingVote
        ? `${memberName(d.votes.find((v) => v.membershipId === d.castingVote!.membershipId)?.member ?? null, d.castingVote.membershipId)}: ${d.castingVote.vote}`
        : '';
      yield [
        d.decisionId,
        url,
        d.date,
        'meeting',
        d.meeting.id,
        `${base}/meetings/${encodeURIComponent(d.meeting.id)}`,
        d.meeting.date,
        d.meeting.location,
        d.decidingBody.id,
        d.decidingBody.name,
        d.item.title,
        functions,
        places,
        d.item.part2 ? (d.item.redacted ? 'confidential' : 'lifted') : 'no',
        d.item.part2?.paragraph,
        d.item.part2?.publicSummary,
        // A redacted item's row holds no wording or resolution: the public row never had them.
        list(d.motions.flatMap((m) => (m.wording !== undefined ? [m.wording] : []))),
        d.resolution,
        d.outcome,
        d.counts?.for,
        d.counts?.against,
        d.counts?.abstain,
        casting,
        d.quorum.quorate,
        d.verdict.valid,
        corrections.some((c) => !c.withdrawn),
        corrections.some((c) => c.withdrawn),
        list(corrections.map((c) => `${c.on}${c.withdrawn ? ' (withdrawn)' : ''}${c.reason !== undefined ? `: ${c.reason}` : ''}`)),
      ];
    } else {
      yield [
        d.decisionId,
        url,
        d.date,
        'officer',
        null,
        null,
        null,
        null,
        d.onBehalfOf.id,
        d.onBehalfOf.name,
        d.decision,
        functions,
        places,
        'no',
        null,
        null,
        null,
        null,
        'decided',
        null,
        null,
        null,
        null,
        null,
        d.verdict.valid,
        null,
        null,
        null,
      ];
    }
  }
}

/**
 * The open data's CSVs begin with a UTF-8 byte-order mark, so that a spreadsheet on Windows reads
 * “CCG’s” and not “CCGâ€™s”; links are absolute (`base` is the site's address), so they work from a download.
 */
const openCsv = (header: string[], rows: Iterable<(string | number | boolean | null | undefined)[]>) => `\uFEFF${csv(header, rows)}`;

export const decisionsCsv = (db: PublicDatabase, base: string) => openCsv(DECISION_COLUMNS, decisionRows(db.allDecisions(), base));

/** One row per meeting with a decision public: what the decisions' rows say of their meeting. */
function* meetingRows(decisions: Iterable<PublicDecision>, base: string) {
  const meetings = new Map<string, { meeting: PublicMeetingDecision['meeting']; decisions: number; part2: number }>();
  for (const d of decisions) {
    if (d.kind !== 'meeting') continue;
    const entry = meetings.get(d.meeting.id) ?? { meeting: d.meeting, decisions: 0, part2: 0 };
    entry.decisions += 1;
    if (d.item.redacted) entry.part2 += 1;
    meetings.set(d.meeting.id, entry);
  }
  for (const { meeting, decisions: count, part2 } of meetings.values()) {
    yield [
      meeting.id,
      `${base}/meetings/${encodeURIComponent(meeting.id)}`,
      meeting.date,
      meeting.location,
      meeting.inCommon,
      list(meeting.bodies.map((b) => b.bodyId)),
      list(meeting.bodies.map((b) => b.name ?? b.bodyId)),
      count,
      part2,
    ];
  }
}

export const meetingsCsv = (db: PublicDatabase, base: string) =>
  openCsv(
    ['meeting_id', 'url', 'date', 'location', 'in_common', 'body_ids', 'body_names', 'decisions', 'confidential_decisions'],
    meetingRows(db.allDecisions(), base),
  );

function* voteRows(decisions: Iterable<PublicDecision>) {
  for (const d of decisions) {
    if (d.kind !== 'meeting') continue;
    for (const v of d.votes)
      yield [d.decisionId, d.date, d.decidingBody.id, v.membershipId, v.member?.person ?? v.member?.seat, v.vote, POPOLO_OPTION[v.vote]];
  }
}

export const votesCsv = (db: PublicDatabase) =>
  openCsv(['decision_id', 'date', 'body_id', 'membership_id', 'member', 'vote', 'popolo_option'], voteRows(db.allDecisions()));

/** In the manner of NHS ODS successions: predecessor, successor, legal date, type. */
export const successionsCsv = (db: PublicDatabase) =>
  openCsv(
    [
      'predecessor_ods_code',
      'predecessor_id',
      'predecessor_name',
      'successor_ods_code',
      'successor_id',
      'successor_name',
      'legal_date',
      'type',
    ],
    db
      .successions()
      .map((s) => [
        s.predecessorOds,
        s.predecessorId,
        s.predecessorName,
        s.successorOds,
        s.successorId,
        s.successorName,
        s.legalDate,
        s.type,
      ]),
  );
