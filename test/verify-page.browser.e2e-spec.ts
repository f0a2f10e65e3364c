import type { Browser, Page } from 'playwright-core';
import { CheckpointSigner } from '../apps/ledger/src/transparency/checkpoint-signer';
import { TransparencyStatus } from '../apps/ledger/src/transparency/transparency-status';
import { syntheticEvidence } from '../libs/transparency-log/test/synthetic-evidence';
import { CHROMIUM, CHROMIUM_FLAGS, describeInChromium } from './chromium';
import { PublicSiteFixture, startPublicSite } from './public-site-fixture';

/**
 * The public site's /verify page in Debian's chromium (playwright-core, never a downloaded browser), under the
 * page's own Content-Security-Policy: a resident chooses an evidence file and the browser checks it with the
 * ledger's one verifier and Web Crypto, sending nothing anywhere. Skipped, with one line, without /usr/bin/chromium.
 */
const describeInBrowser = describeInChromium('/verify browser tests');
const DECISION = '/decisions/cheshire-governing-bodies-2019-09/merger-ballot-result/nhs-vale-royal-ccg-governing-body';

describeInBrowser('the /verify page in a headless browser', () => {
  jest.setTimeout(90_000);
  let fixture: PublicSiteFixture;
  let browser: Browser;
  let evidence: Record<string, unknown> & { events: { canonical: string; eventId: string; position: number }[]; checkpoint: string };

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    fixture = await startPublicSite();
    await fixture.ledger.app.get(CheckpointSigner).signLatest();
    evidence = (await fixture.ledger.http().get(`${DECISION}/evidence`).expect(200)).body;
    await fixture.ledger.app.get(TransparencyStatus).publish();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  /** Chooses `file` (and a policy of one's own) and checks it: the outcome, the text shown, and every request made meanwhile. */
  const check = async (page: Page, file: unknown, policy?: string) => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.setInputFiles('#evidence', {
      name: 'evidence.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    if (policy) await page.setInputFiles('#policy-file', { name: 'policy.txt', mimeType: 'text/plain', buffer: Buffer.from(policy) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    const result = page.locator('#verify-result:not([data-outcome="checking"])[data-outcome]');
    await result.waitFor({ timeout: 30_000 });
    return { outcome: await result.getAttribute('data-outcome'), text: await result.innerText(), requests };
  };

  it('checks a real evidence file in the browser, sends nothing, and says which fact a tampered one got wrong', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${fixture.url}/verify`);
    expect(response!.headers()['content-security-policy']).toBe(
      "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'",
    );
    await page.locator('#verify-form:not([hidden])').waitFor();
    expect(await page.locator('#verify-needs-js').isHidden()).toBe(true);
    expect(await page.locator('main').innerText()).toMatch(/Not witnessed\./);

    const ok = await check(page, evidence);
    expect(ok.outcome).toBe('ok');
    expect(ok.text).toMatch(new RegExp(`The evidence holds\\s+evidence: ok: ${evidence.events.length} events included in the tree of`));
    expect(ok.requests).toEqual([]);

    const tampered = structuredClone(evidence);
    const index = tampered.events.findIndex((event) => event.canonical.includes('"type":"DecisionRecorded"'));
    tampered.events[index].canonical = tampered.events[index].canonical.replace(/"outcome":"[a-z-]+"/, '"outcome":"defeated"');
    const failed = await check(page, tampered);
    expect(failed.outcome).toBe('failed');
    expect(failed.text).toContain(
      `event ${tampered.events[index].eventId} at position ${tampered.events[index].position}: its bytes do not hash to its leaf`,
    );
    expect(failed.requests).toEqual([]);

    const notEvidence = await check(page, { hello: 'world' });
    expect([notEvidence.outcome, notEvidence.text]).toEqual(['failed', expect.stringContaining('not an evidence file')]);
    await context.close();
  });

  it("checks a file of many facts against the reader's own policy, and refuses it under the ledger's", async () => {
    const { bundle, policy } = await syntheticEvidence(400);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${fixture.url}/verify`);
    const own = await check(page, bundle, policy);
    expect([own.outcome, own.text]).toEqual(['ok', expect.stringContaining('400 facts checked in')]);
    await page.goto(`${fixture.url}/verify`);
    const ledgers = await check(page, bundle);
    expect([ledgers.outcome, ledgers.text]).toEqual(['failed', expect.stringContaining('knows no log of origin')]);
    await context.close();
  });

  it('says, without JavaScript, how to check with Node instead, and shows no form that would do nothing', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${fixture.url}/verify`);
    expect(await page.locator('#verify-form').isHidden()).toBe(true);
    expect(await page.locator('#verify-needs-js').innerText()).toMatch(/node ledger-verify\.mjs evidence FILE --policy policy\.txt/);
    const verifier = await page.request.get(`${fixture.url}/verify/ledger-verify.mjs`);
    expect([verifier.status(), verifier.headers()['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(await verifier.text()).toContain('export async function verifyEvidence(');
    expect((await page.request.get(`${fixture.url}/verify/policy.txt`)).status()).toBe(200);
    await context.close();
  });
});
