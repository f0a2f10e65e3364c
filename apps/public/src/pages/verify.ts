import type { TransparencyView } from '@ledger/public-contract';
import { Html, html } from '@ledger/public-contract';
import { instantInWords, Page } from './layout';

/** A moment for people: "4 December 2026 at 16:40 (UK time)". */
export const whenForPeople = instantInWords;

/**
 * The newest checkpoint in words: how many facts it seals, when the ledger signed it, and which independent
 * witnesses cosigned it and when; "not witnessed" when none did (or none is configured).
 */
export function checkpointSection(published: TransparencyView | undefined): Html {
  const checkpoint = published?.checkpoint;
  if (!published || !checkpoint) {
    return html`<section aria-labelledby="checkpoint-heading" class="panel">
      <h2 id="checkpoint-heading">Is this record intact?</h2>
      <p>The ledger has not published a signed checkpoint yet.</p>
    </section>`;
  }
  return html`<section aria-labelledby="checkpoint-heading" class="panel">
    <h2 id="checkpoint-heading">Is this record intact?</h2>
    <p>
      The ledger seals every fact it records in a tamper-evident log. Its latest signed checkpoint covers
      <strong>${checkpoint.treeSize} facts</strong>, signed ${whenForPeople(checkpoint.signedAt)}.
    </p>
    ${
      checkpoint.cosigners.length > 0
        ? html`<p>Witnessed by:</p>
            <ul>
              ${checkpoint.cosigners.map(
                (cosigner) =>
                  html`<li><span class="ok">${cosigner.keyName}</span>, which cosigned it ${whenForPeople(cosigner.cosignedAt)}</li>`,
              )}
            </ul>`
        : html`<p>
            <span class="bad">Not witnessed.</span>
            ${
              published.witnesses.length === 0
                ? 'No independent witness is set up to cosign this ledger’s checkpoints.'
                : 'No independent witness has cosigned this checkpoint yet.'
            }
          </p>`
    }
    ${
      published.check.status === 'failed'
        ? html`<p class="bad">The ledger’s own check of its log failed: ${published.check.message}</p>`
        : ''
    }
    <p><a href="/verify">Check an evidence file yourself</a>, in your browser, without sending it anywhere.</p>
  </section>`;
}

/**
 * /verify: a resident chooses an evidence file (from a decision's evidence link on the ledger) and the browser
 * checks it with Web Crypto against the ledger's published policy, or one of their own; nothing is sent to any
 * server (the page's Content-Security-Policy allows no connection). Without JavaScript the form is not shown, and
 * the page says how to run the same verifier with Node.
 */
export function verifyPage(published: TransparencyView | undefined): Page {
  return {
    title: 'Check an evidence file',
    scripts: ['/verify/verify-page.mjs'],
    body: html`<h1>Check an evidence file</h1>
      <p>
        Every decision on this site rests on facts recorded in the ledger. An <strong>evidence file</strong> holds those facts exactly as
        recorded, a proof that each one is in the ledger’s log, and the checkpoint the ledger signed (with the cosignatures of the witnesses
        who watch it). Checking it tells you the facts have not been changed since they were recorded.
      </p>
      <p>Your browser does the checking. The file is not sent anywhere.</p>
      <div id="verify-needs-js" class="panel">
        <p>Checking in the browser needs JavaScript, which is turned off or not available.</p>
        <p>
          You can run the same check on your own computer with <a href="https://nodejs.org/">Node.js</a>: download
          <a href="/verify/ledger-verify.mjs" download="ledger-verify.mjs">the verifier</a> and the
          <a href="/verify/policy.txt" download="policy.txt">ledger’s policy</a>, then run
          <code>node ledger-verify.mjs evidence FILE --policy policy.txt</code>.
        </p>
      </div>
      <form id="verify-form" hidden>
        <div class="field">
          <label for="evidence">Evidence file</label>
          <p id="evidence-hint" class="muted">A file downloaded from a decision’s evidence link, ending in .json.</p>
          <input id="evidence" name="evidence" type="file" accept=".json,application/json" aria-describedby="evidence-hint" />
        </div>
        <div class="field">
          <label for="policy-file">Your own policy file (optional)</label>
          <p id="policy-hint" class="muted">Without one, the ledger’s published policy below is used.</p>
          <input id="policy-file" name="policy-file" type="file" accept=".txt,text/plain" aria-describedby="policy-hint" />
        </div>
        <button type="submit">Check the file</button>
      </form>
      <div id="verify-result" role="status" aria-live="polite"></div>
      ${checkpointSection(published)}
      <h2>The policy it is checked against</h2>
      ${
        published
          ? html`<p>
                The ledger’s key, the witnesses it asks to cosign its checkpoints, and how many of them must (in the
                <a href="https://c2sp.org/tlog-policy">C2SP transparency log policy</a> format). An auditor can write a policy of their own.
              </p>
              <pre id="ledger-policy">${published.policy}</pre>`
          : html`<p>The ledger has not published its policy yet.</p>`
      }`,
  };
}
