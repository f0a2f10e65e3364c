import {
  Html,
  html,
  findingInWords,
  INTEREST_ACTIONS_IN_WORDS,
  PublicDecision,
  PublicDecisionSummary,
  PublicMeetingDecision,
  PublicRecommendation,
} from '@ledger/public-contract';
import { PublicDatabase } from '../public-database';
import { bodyName } from './body-name';
import { correctionsNotice } from './corrections';
import { areaName, capitalised, Citations, dayInWords, Page, words } from './layout';

export const decisionHref = (decision: { decisionId: string }) => `/decisions/${decision.decisionId}`;

export const OUTCOMES: Record<string, string> = {
  carried: 'carried',
  defeated: 'defeated',
  'agreed-without-vote': 'agreed without a vote',
  'referred-back': 'referred back',
  deferred: 'deferred',
  noted: 'noted',
};
const VOTES: Record<string, string> = {
  for: 'for',
  against: 'against',
  abstain: 'abstained',
  'abstained-no-vote-cast': 'present, no vote cast',
};
const RULES: Record<string, string> = {
  authority: 'Authority to decide',
  quorum: 'Quorum',
  conflicts: 'Conflicts of interest',
  'call-in': 'Call-in',
};

const MINUTES: Record<string, string> = {
  'as-correct-record': 'as a correct record',
  'subject-to-amendments': 'subject to amendments',
};

/**
 * A finding as people read it (the ledger writes findings with identifiers and ISO dates, for auditors too): each
 * body by its name in the public file, each member by theirs; the rest as `findingInWords` words it.
 */
function findingForPeople(db: PublicDatabase, message: string, members: ReadonlyMap<string, string>): string {
  return findingInWords(message, {
    member: (token) => members.get(token),
    body: (token) => {
      const body = token.includes('-') ? db.body(token) : undefined;
      return body ? bodyName(body, token) : undefined;
    },
  });
}

export function decisionLine(decision: PublicDecisionSummary): string {
  return `${dayInWords(decision.date)}: ${decision.title} — ${OUTCOMES[decision.outcome] ?? decision.outcome}${decision.redacted ? ' (confidential item)' : ''}${
    decision.corrected ? ` (${decision.corrected.withdrawn ? 'withdrawn' : 'corrected'} on ${dayInWords(decision.corrected.on)})` : ''
  }`;
}

const memberName = (member: { person?: string; seat?: string } | null, membershipId: string) =>
  member?.person ?? member?.seat ?? membershipId;

/** `ledgerUrl`: where the ledger's own record of a correction is read (LEDGER_PUBLIC_URL), if the site knows it. */
export function decisionPage(db: PublicDatabase, decision: PublicDecision, citations: Citations, ledgerUrl?: string): Page {
  return decision.kind === 'meeting'
    ? meetingDecisionPage(db, decision, citations, ledgerUrl)
    : officerDecisionPage(db, decision, citations);
}

/** The verdict in words: it claims no more than the findings below it, and a check not made is said to be so. */
function verdictSection(db: PublicDatabase, decision: PublicDecision, citations: Citations, members: ReadonlyMap<string, string>): Html {
  const { valid, findings } = decision.verdict;
  const unassessed = findings.filter((finding) => finding.assessed === false).map((finding) => RULES[finding.rule] ?? finding.rule);
  const summary = valid
    ? 'Yes, on the record as it stands: the checks below were met.'
    : unassessed.length > 0 && findings.every((finding) => finding.ok || finding.assessed === false)
      ? `Not shown: ${unassessed.join(' and ').toLowerCase()} could not be assessed from the record.`
      : 'Not on the record as it stands: at least one check below was not met.';
  return html`<h2>Was the decision valid?</h2>
    <p class="${valid ? 'ok' : 'bad'}">${summary}</p>
    <ul>
      ${findings.map(
        (finding) =>
          html`<li>
            <strong
              >${RULES[finding.rule] ?? finding.rule}:
              ${finding.assessed === false ? 'not assessed' : finding.ok ? 'met' : 'not met'}.</strong
            >
            ${capitalised(findingForPeople(db, finding.message, members))}.${citations.cite(finding.citedEvents)}
          </li>`,
      )}
    </ul>`;
}

function meetingDecisionPage(db: PublicDatabase, d: PublicMeetingDecision, citations: Citations, ledgerUrl?: string): Page {
  const body = d.decidingBody.name ?? bodyName(db.body(d.decidingBody.id), d.decidingBody.id);
  const counts = d.counts;
  // Movers and seconders are memberships of the deciding body: named as its page names them.
  const members = new Map((db.body(d.decidingBody.id)?.memberships ?? []).map((m) => [m.membershipId, m.member]));
  const named = (membershipId: string) => memberName(members.get(membershipId) ?? null, membershipId);
  // Everyone a finding may name: the body's members, and those who voted or declared (named as the decision names them).
  const memberNames = new Map([...members].map(([id, member]) => [id, memberName(member, id)]));
  for (const { membershipId, member } of [...d.votes, ...d.declarations]) memberNames.set(membershipId, memberName(member, membershipId));
  const date = dayInWords(d.date);
  return {
    title: `${d.item.title} — ${body}, ${date}`,
    body: html`<p><a href="/meetings/${d.meeting.id}">Meeting of ${date}</a></p>
      <h1>${d.item.title}</h1>
      <p>
        Decided by <a href="/bodies/${d.decidingBody.id}">${body}</a> on ${date}${d.meeting.location ? `, at ${d.meeting.location}` : ''}.
        ${d.meeting.inCommon ? 'The bodies met as committees in common: each made its own decision.' : ''}${citations.cite(d.citedEvents.slice(0, 2))}
      </p>
      ${correctionsNotice(d, ledgerUrl)}
      ${
        d.item.part2
          ? html`<div class="panel ${d.item.redacted ? 'redacted' : ''}">
              <h2>${d.item.redacted ? 'Confidential item (Part 2)' : 'Formerly confidential item'}</h2>
              <p>
                This item was taken in private under paragraph ${d.item.part2.paragraph} of Schedule 12A to the Local Government Act 1972.
                ${d.item.part2.liftedOn ? `Confidentiality was lifted from ${dayInWords(d.item.part2.liftedOn)}.` : ''}
              </p>
              ${d.item.part2.publicInterestReason ? html`<p><strong>Why it is confidential:</strong> ${d.item.part2.publicInterestReason}</p>` : ''}
              <p><strong>Public summary:</strong> ${d.item.part2.publicSummary}</p>
            </div>`
          : ''
      }
      ${
        d.item.text !== undefined
          ? html`<h2>The item</h2>
              <p>${d.item.text}</p>`
          : ''
      }
      <p>
        Functions: ${d.item.functions.map((fn) => capitalised(words(fn))).join(', ') || 'none named'}. Areas:
        ${d.item.areas.map(areaName).join(', ') || 'none named'}.
      </p>
      <h2>Motion</h2>
      ${
        d.motions.length === 0
          ? html`<p>No motion is recorded.</p>`
          : html`<ul>
              ${d.motions.map(
                (motion) =>
                  html`<li>
                    ${motion.wording !== undefined ? html`“${motion.wording}”` : html`<em>Wording confidential.</em>`} Moved by
                    ${named(motion.mover)}, seconded by ${named(motion.seconder)}.
                  </li>`,
              )}
            </ul>`
      }
      <h2>Outcome</h2>
      <p>
        The motion was <strong>${OUTCOMES[d.outcome] ?? d.outcome}</strong>.${
          counts ? ` For ${counts.for}, against ${counts.against}, abstained ${counts.abstain}.` : ''
        }${d.castingVote ? ` The chair, ${named(d.castingVote.membershipId)}, gave a casting vote ${d.castingVote.vote}.` : ''}
      </p>
      ${d.resolution !== undefined ? html`<p><strong>Resolution:</strong> ${d.resolution}</p>` : d.item.redacted ? html`<p><em>The resolution is confidential.</em></p>` : ''}
      <h2>How each member voted</h2>
      ${
        d.votes.length === 0
          ? html`<p>No individual votes are recorded.</p>`
          : html`<table>
              <caption>
                Votes on this item
              </caption>
              <thead>
                <tr>
                  <th scope="col">Member</th>
                  <th scope="col">Vote</th>
                </tr>
              </thead>
              <tbody>
                ${d.votes.map(
                  (vote) =>
                    html`<tr>
                      <td>${memberName(vote.member, vote.membershipId)}</td>
                      <td>${VOTES[vote.vote] ?? vote.vote}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      <h2>Quorum</h2>
      <p>
        ${d.quorum.quorate ? 'Quorate' : 'Not quorate'}: ${d.quorum.present} voting member${d.quorum.present === 1 ? '' : 's'} counted,
        ${d.quorum.required} needed.
      </p>
      <h2>Declarations of interest</h2>
      ${
        d.declarations.length === 0
          ? html`<p>None declared.</p>`
          : html`<ul>
              ${d.declarations.map(
                (declaration) =>
                  html`<li>
                    ${memberName(declaration.member, declaration.membershipId)}:
                    ${declaration.interest !== undefined ? declaration.interest : html`<em>interest confidential</em>`} —
                    ${INTEREST_ACTIONS_IN_WORDS[declaration.action] ?? words(declaration.action)}
                  </li>`,
              )}
            </ul>`
      }
      <h2>Call-in</h2>
      <p>
        ${
          d.callIn
            ? `Called in on ${dayInWords(d.callIn.calledIn)}${d.callIn.reason !== undefined ? ` (${d.callIn.reason})` : ''}; ${
                d.callIn.status === 'suspended'
                  ? 'suspended until the call-in has a result'
                  : `${words(d.callIn.status)}${d.callIn.resultOn ? ` on ${dayInWords(d.callIn.resultOn)}` : ''}`
              }.`
            : 'Not called in.'
        }
      </p>
      <h2>Minutes</h2>
      ${
        d.minutes.length === 0
          ? html`<p>The minutes have not yet been approved.</p>`
          : html`<ul>
              ${d.minutes.map(
                (minutes) =>
                  html`<li>
                    Approved ${MINUTES[minutes.approval] ?? words(minutes.approval)} at the
                    <a href="/meetings/${minutes.atMeetingId}"
                      >meeting${minutes.atMeetingDate ? ` of ${dayInWords(minutes.atMeetingDate)}` : ''}</a
                    >${
                      minutes.amendments === undefined
                        ? minutes.approval === 'subject-to-amendments'
                          ? `, with ${minutes.itemAmendments?.length ? 'other ' : ''}amendments that are not published while an item of the meeting is confidential`
                          : ''
                        : minutes.amendments > 0
                          ? `, with ${minutes.amendments} amendment${minutes.amendments === 1 ? '' : 's'}`
                          : ''
                    }${minutes.amendmentTexts && minutes.amendmentTexts.length > 0 ? `: ${minutes.amendmentTexts.join('; ')}` : ''}.
                    ${
                      minutes.itemAmendments && minutes.itemAmendments.length > 0
                        ? `Amendment${minutes.itemAmendments.length === 1 ? '' : 's'} about this item: ${minutes.itemAmendments.map((a) => a.text).join('; ')}.`
                        : ''
                    }
                  </li>`,
              )}
            </ul>`
      }
      ${verdictSection(db, d, citations, memberNames)}`,
    data: [
      { label: 'Decisions CSV', href: '/data/decisions.csv' },
      { label: 'Votes CSV', href: '/data/votes.csv' },
      { label: 'Popolo JSON', href: '/data/popolo.json' },
    ],
  };
}

function officerDecisionPage(db: PublicDatabase, d: Extract<PublicDecision, { kind: 'officer' }>, citations: Citations): Page {
  return {
    title: `Officer decision of ${dayInWords(d.date)}`,
    body: html`<h1>Officer decision of ${dayInWords(d.date)}</h1>
      <p>
        ${d.officer.name}, ${d.officer.post}, decided on behalf of
        <a href="/bodies/${d.onBehalfOf.id}">${d.onBehalfOf.name ?? d.onBehalfOf.id}</a> under
        ${d.delegationRelied.instrument}.${citations.cite(d.citedEvents)}
      </p>
      <h2>The decision</h2>
      <p>${d.decision}</p>
      <h2>Reasons</h2>
      <p>${d.reasons}</p>
      <h2>Alternatives rejected</h2>
      ${
        d.alternativesRejected.length === 0
          ? html`<p>None recorded.</p>`
          : html`<ul>
              ${d.alternativesRejected.map((a) => html`<li>${a}</li>`)}
            </ul>`
      }
      <h2>Conflicts of interest</h2>
      ${
        d.conflicts.length === 0
          ? html`<p>None declared.</p>`
          : html`<ul>
              ${d.conflicts.map((c) => html`<li>${c.interest}${c.dispensation ? ` (dispensation: ${c.dispensation})` : ''}</li>`)}
            </ul>`
      }
      ${verdictSection(db, d, citations, new Map())}`,
    data: [{ label: 'Decisions CSV', href: '/data/decisions.csv' }],
  };
}

const RESPONSES: Record<string, string> = { approved: 'approved', rejected: 'rejected', 'referred-back': 'referred it back' };

export function recommendationPage(db: PublicDatabase, r: PublicRecommendation, citations: Citations): Page {
  return {
    title: r.title,
    body: html`<h1>${r.title}</h1>
      <p>
        Recommended by <a href="/bodies/${r.fromBody.id}">${r.fromBody.name ?? r.fromBody.id}</a> on ${dayInWords(r.date)}. An advisory
        group has no decision powers: its recommendation goes to each named body for approval, and no body can veto or impose on another.
        The joint proposal stands only when every named body has approved it.${citations.cite(r.citedEvents)}
      </p>
      <p><strong>Where it stands (round ${r.round}):</strong> ${words(r.status)}.</p>
      <h2>The proposal</h2>
      <p>${r.proposal}</p>
      <h2>Each body's response</h2>
      <table>
        <caption>
          Responses in round ${r.round}
        </caption>
        <thead>
          <tr>
            <th scope="col">Body</th>
            <th scope="col">Response</th>
            <th scope="col">Date</th>
          </tr>
        </thead>
        <tbody>
          ${r.bodies.map((b) => {
            const decision = b.response?.decision?.decisionId ? db.decision(b.response.decision.decisionId) : undefined;
            return html`<tr>
              <td><a href="/bodies/${b.bodyId}">${b.name ?? b.bodyId}</a></td>
              <td>
                ${
                  b.response
                    ? html`${RESPONSES[b.response.response] ?? b.response.response}${b.response.reason ? ` (${b.response.reason})` : ''}${
                        decision ? html` — <a href="/decisions/${decision.decisionId}">the decision</a>` : ''
                      }${citations.cite(b.response.citedEvents)}`
                    : 'no response yet'
                }
              </td>
              <td>${b.response?.date ? dayInWords(b.response.date) : '—'}</td>
            </tr>`;
          })}
        </tbody>
      </table>
      ${
        r.rounds.length > 1
          ? html`<h2>Earlier rounds</h2>
              <ul>
                ${r.rounds
                  .slice(0, -1)
                  .map(
                    (round) =>
                      html`<li>
                        Round ${round.round}, opened ${dayInWords(round.opened)}: ${words(round.status)}.
                        ${round.responses
                          .map(
                            (resp) =>
                              `${r.bodies.find((b) => b.bodyId === resp.bodyId)?.name ?? bodyName(db.body(resp.bodyId), resp.bodyId)} ${
                                RESPONSES[resp.response] ?? resp.response
                              } on ${dayInWords(resp.date)}`,
                          )
                          .join('; ')}
                      </li>`,
                  )}
              </ul>`
          : ''
      }`,
    data: [{ label: 'Popolo JSON', href: '/data/popolo.json' }],
  };
}
