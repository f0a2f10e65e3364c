import { capitalised, findingInWords, html, Html } from '@ledger/public-contract';
import { FindingNames, ItemAtDesk } from './meeting-desk';

type DecisionAtDesk = ItemAtDesk['decisions'][number];

const RULES: Record<string, string> = {
  quorum: 'Quorum',
  conflicts: 'Conflicts of interest',
  authority: 'Authority',
  'call-in': 'Call-in',
};

/**
 * The ledger's judgement of a decision, as a person reads it: each rule met, not met or not assessed, in the
 * verdict code's own words. The same panel shows a preview (nothing written) and a recorded decision.
 */
export function verdictPanel(decision: DecisionAtDesk, { preview, names }: { preview: boolean; names: FindingNames }): Html {
  const { verdict, counts, outcome } = decision;
  const state = (finding: (typeof verdict.findings)[number]) =>
    finding.ok ? 'Met' : finding.assessed === false ? 'Not assessed' : 'Not met';
  return html`<section class="verdict ${verdict.valid ? 'valid' : 'invalid'}" aria-labelledby="verdict-title">
    <h2 id="verdict-title">${preview ? 'The ledger’s verdict if you record this' : 'The ledger’s verdict'}</h2>
    <p class="verdict-summary">
      <strong>${verdict.valid ? 'Valid: every rule is met.' : 'Not valid: at least one rule is not met or could not be assessed.'}</strong>
      Outcome:
      ${outcome.replace(/-/g, ' ')}${counts ? html`; ${counts.for} for, ${counts.against} against, ${counts.abstain} abstaining` : ''}.
    </p>
    <ul class="findings">
      ${verdict.findings.map(
        (finding) =>
          html`<li class="${finding.ok ? 'ok' : 'not-ok'}">
            <strong>${RULES[finding.rule] ?? finding.rule}: ${state(finding)}.</strong>
            ${capitalised(findingInWords(finding.message, names))}.
          </li>`,
      )}
    </ul>
    ${preview ? html`<p class="muted">Nothing has been written yet.</p>` : ''}
  </section>`;
}
