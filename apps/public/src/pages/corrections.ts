import { PublicCorrection, PublicDecision, PublicMeeting, Html, html } from '@ledger/public-contract';
import { dayInWords, Page, words } from './layout';

/** The ledger's fields in words, where a correction names them. */
const FIELDS: Record<string, string> = {
  vote: 'vote',
  action: 'what the member did about the interest',
  outcome: 'outcome',
  approval: 'approval of the minutes',
  effective: 'date',
  date: 'date',
  quorum: 'quorum',
  functions: 'functions',
  areas: 'areas',
  paragraph: 'Schedule 12A paragraph',
  text: 'text of the item',
  title: 'title',
  wording: 'wording of the motion',
  resolution: 'resolution',
  interest: 'interest declared',
  location: 'place of the meeting',
  reason: 'reason',
};

/** A field's name in words. */
export const fieldInWords = (field: string) => FIELDS[field] ?? words(field);

/** A corrected value as a reader reads it: a date in words, a word of the ledger's vocabulary without its hyphens. */
export function valueInWords(field: string, value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return dayInWords(value);
  return ['vote', 'action', 'outcome', 'approval', 'functions', 'areas'].includes(field) ? words(value) : value;
}

/** The ledger's record of a correction: its list of corrections at the instant it was recorded (GET /corrections is public). */
export const ledgerRecordOf = (ledgerUrl: string, correction: PublicCorrection) =>
  correction.recordedAt
    ? `${ledgerUrl}/corrections?${new URLSearchParams({ from: correction.recordedAt, to: correction.recordedAt })}`
    : `${ledgerUrl}/corrections`;

/**
 * Every correction and withdrawal of the facts a decision rests on, said in the open: “Corrected on 3 December
 * 2026: <reason>”, the fields before and after where they are public, and a link to the ledger's record.
 * A redacted item's corrections give their day only: the reason may speak of what is confidential.
 */
export function correctionsNotice(decision: PublicDecision, ledgerUrl: string | undefined): Html | string {
  const corrections = decision.kind === 'meeting' ? (decision.corrections ?? []) : [];
  if (corrections.length === 0) return '';
  return html`<section class="panel" aria-labelledby="corrections-heading">
    <h2 id="corrections-heading">
      ${corrections.some((c) => !c.withdrawn) ? 'This record was corrected' : 'Facts of this record were withdrawn'}
    </h2>
    <ul>
      ${corrections.map(
        (c) =>
          html`<li id="correction-${c.eventId}">
            <strong>${c.withdrawn ? 'Withdrawn' : 'Corrected'} on ${dayInWords(c.on)}:</strong>
            ${c.reason !== undefined ? c.reason : html`<em>the reason is not published while the item is confidential</em>`}.
            ${
              c.changes && c.changes.length > 0
                ? html`<ul>
                    ${c.changes.map(
                      (change) =>
                        html`<li>
                          ${fieldInWords(change.field)}:
                          ${
                            change.before !== undefined
                              ? html`was “${valueInWords(change.field, change.before)}”, now “${valueInWords(change.field, change.after)}”`
                              : html`now “${valueInWords(change.field, change.after)}”`
                          }
                        </li>`,
                    )}
                  </ul>`
                : ''
            }
            ${
              ledgerUrl
                ? html`<a href="${ledgerRecordOf(ledgerUrl, c)}">The ledger's record of this change</a>`
                : html`<span class="muted">Ledger reference ${c.eventId}.</span>`
            }
          </li>`,
      )}
    </ul>
  </section>`;
}

/** In a list or table of decisions: a word that the record was corrected or has withdrawn facts. */
export function correctedMark(decision: PublicDecision): string {
  const corrections = decision.kind === 'meeting' ? (decision.corrections ?? []) : [];
  if (corrections.length === 0) return '';
  const last = corrections[corrections.length - 1];
  return ` (${last.withdrawn ? 'withdrawn' : 'corrected'} on ${dayInWords(last.on)})`;
}

/** A decision withdrawn from the record (recorded in error): its page stays, and says so. */
export function withdrawnDecisionPage(
  meeting: PublicMeeting,
  withdrawn: PublicMeeting['withdrawnDecisions'][number],
  bodyName: string,
  ledgerUrl: string | undefined,
): Page {
  const title = withdrawn.title ?? 'A withdrawn decision';
  return {
    title: `${title} — withdrawn`,
    body: html`<h1>${title}</h1>
      <div class="panel redacted">
        <h2>This decision was withdrawn</h2>
        <p>
          <strong>Withdrawn on ${dayInWords(withdrawn.on)}:</strong>
          ${withdrawn.reason !== undefined ? withdrawn.reason : html`<em>the reason is not published while the item is confidential</em>`}.
        </p>
        <p>
          The ledger had recorded a decision of <a href="/bodies/${withdrawn.bodyId}">${bodyName}</a> on this item at the meeting of
          ${dayInWords(meeting.date)}. Nothing in the ledger is deleted: the record of the decision and of its withdrawal stay in it.
          ${
            ledgerUrl
              ? html`<a
                    href="${ledgerRecordOf(ledgerUrl, { eventId: '', on: withdrawn.on, withdrawn: true, recordedAt: withdrawn.recordedAt })}"
                    >The ledger's record of this change</a
                  >.`
              : ''
          }
        </p>
      </div>`,
  };
}
