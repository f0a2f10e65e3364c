// The /verify page, in the browser: the evidence file a resident chooses is checked by the ledger's one verifier
// (the same file `node ledger-verify.mjs` runs), with Web Crypto. Nothing is sent anywhere: the page's
// Content-Security-Policy allows no connection, and this script makes none.
import { parsePolicy, verifyEvidence } from '/verify/ledger-verify.mjs';

const form = document.getElementById('verify-form');
const result = document.getElementById('verify-result');
form.hidden = false;
document.getElementById('verify-needs-js').hidden = true;

/** The outcome, as text only (a file's content never becomes markup). */
function show(outcome, heading, lines) {
  result.replaceChildren();
  result.dataset.outcome = outcome;
  const title = document.createElement('h2');
  title.textContent = heading;
  title.className = outcome === 'ok' ? 'ok' : 'bad';
  result.append(title);
  for (const line of lines) {
    const paragraph = document.createElement('p');
    paragraph.textContent = line;
    result.append(paragraph);
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const evidence = document.getElementById('evidence').files[0];
  if (!evidence) return show('failed', 'No file chosen', ['Choose an evidence file first.']);
  const own = document.getElementById('policy-file').files[0];
  const published = document.getElementById('ledger-policy');
  show('checking', 'Checking…', []);
  try {
    const policy = await parsePolicy(own ? await own.text() : (published?.textContent ?? ''));
    const bundle = JSON.parse(await evidence.text());
    const started = performance.now();
    const check = await verifyEvidence(bundle, policy);
    const seconds = (performance.now() - started) / 1000;
    result.dataset.events = String(check.checked);
    result.dataset.seconds = String(seconds);
    const timing = `${check.checked} facts checked in ${seconds.toFixed(3)} seconds.`;
    if (check.ok) show('ok', 'The evidence holds', [check.summary, timing]);
    else show('failed', 'The evidence does not hold', [...check.problems, timing]);
  } catch (error) {
    show('failed', 'The file could not be checked', [error instanceof Error ? error.message : String(error)]);
  }
});
