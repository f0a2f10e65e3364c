import { PublicDatabase } from './public-database';
import { csv, PublicDecision } from '@ledger/public-contract';

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

function* decisionRows(decisions: Iterable<PublicDecision>) {
  for (const d of decisions) {
    if (d.kind === 'meeting') {
      yield [
        d.decisionId,
        d.date,
        'meeting',
        d.decidingBody.id,
        d.decidingBody.name,
        d.item.title,
        d.outcome,
        d.counts?.for,
        d.counts?.against,
        d.counts?.abstain,
        d.quorum.quorate,
        d.verdict.valid,
        d.item.part2?.paragraph,
        d.item.part2?.publicSummary,
        `/decisions/${d.decisionId}`,
      ];
    } else {
      yield [
        d.decisionId,
        d.date,
        'officer',
        d.onBehalfOf.id,
        d.onBehalfOf.name,
        d.decision,
        'decided',
        null,
        null,
        null,
        null,
        d.verdict.valid,
        null,
        null,
        `/decisions/${d.decisionId}`,
      ];
    }
  }
}

export const decisionsCsv = (db: PublicDatabase) =>
  csv(
    [
      'decision_id',
      'date',
      'kind',
      'body_id',
      'body_name',
      'title',
      'outcome',
      'for',
      'against',
      'abstain',
      'quorate',
      'valid',
      'schedule_12a_paragraph',
      'public_summary',
      'url',
    ],
    decisionRows(db.allDecisions()),
  );

function* voteRows(decisions: Iterable<PublicDecision>) {
  for (const d of decisions) {
    if (d.kind !== 'meeting') continue;
    for (const v of d.votes)
      yield [d.decisionId, d.date, d.decidingBody.id, v.membershipId, v.member?.person ?? v.member?.seat, v.vote, POPOLO_OPTION[v.vote]];
  }
}

export const votesCsv = (db: PublicDatabase) =>
  csv(['decision_id', 'date', 'body_id', 'membership_id', 'member', 'vote', 'popolo_option'], voteRows(db.allDecisions()));

/** In the manner of NHS ODS successions: predecessor, successor, legal date, type. */
export const successionsCsv = (db: PublicDatabase) =>
  csv(
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
