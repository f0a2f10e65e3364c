import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiKeys } from '../apps/ledger/src/access/api-keys';
import { seriousViolations } from './axe';
import { CHROMIUM, CHROMIUM_FLAGS, describeInChromium } from './chromium';
import { LedgerTestApp, startLedger } from './ledger-test-app';

/**
 * The workspace's sign-in in a real headless browser (Debian's chromium through playwright-core): signing in and
 * out with JavaScript off, the stylesheet allowed by the pages' own CSP, and axe-core on each page type.
 */
const SCREENSHOTS = join(__dirname, '../test-output/screenshots/workspace');
const describeInBrowser = describeInChromium('workspace browser tests');
const source = { title: 'Workspace browser test source' };

describeInBrowser('the workspace sign-in in a headless browser', () => {
  jest.setTimeout(90_000);
  let ledger: LedgerTestApp;
  let url: string;
  let token: string;
  let browser: Browser;
  let noScript: BrowserContext;
  let withAxe: BrowserContext;
  let plain: BrowserContext;

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    ledger = await startLedger();
    await ledger
      .http()
      .post('/bodies')
      .set('Authorization', ledger.keys.admin)
      .send({ bodyId: 'nhs-test-ccg', kind: 'ccg', name: 'NHS Test CCG', areas: ['vale-royal'], effective: '2013-04-01', source })
      .expect(201);
    token = ledger.app.get(ApiKeys).create('officer', ['nhs-test-ccg'], { person: 'Olive Officer' }).token;
    // A member and a meeting with an item, for the pages of bodies and meetings.
    const admin = (path: string, body: object) =>
      ledger
        .http()
        .post(path)
        .set('Authorization', ledger.keys.admin)
        .send({ source, ...body });
    await admin('/bodies/nhs-test-ccg/memberships', {
      membershipId: 'chair',
      member: { person: 'Dr Jane Smith' },
      role: 'chair',
      voting: true,
      from: '2013-04-01',
    }).expect(201);
    await admin('/meetings', {
      meetingId: 'nhs-test-ccg-2027-01-20',
      date: '2027-01-20',
      time: '14:00',
      location: 'Winsford',
      bodies: [{ bodyId: 'nhs-test-ccg', quorum: 1 }],
    }).expect(201);
    await admin('/meetings/nhs-test-ccg-2027-01-20/items', {
      itemId: 'budget',
      title: 'Budget 2027/28',
      text: 'The budget.',
      functions: ['public-health'],
      areas: ['vale-royal'],
    }).expect(201);
    await ledger.app.listen(0, '127.0.0.1');
    url = (await ledger.app.getUrl()).replace('[::1]', '127.0.0.1');
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
    noScript = await browser.newContext({ javaScriptEnabled: false });
    // The pages' CSP forbids scripts; axe is injected by the test, so only its context bypasses it.
    withAxe = await browser.newContext({ bypassCSP: true });
    plain = await browser.newContext();
    for (const each of [noScript, withAxe, plain]) each.setDefaultTimeout(5_000);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await ledger?.close();
  });

  const signIn = async (page: Page, key: string) => {
    await page.goto(`${url}/workspace/sign-in`);
    await page.getByLabel('Your ledger key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  it('signs in and out without JavaScript, and refuses a wrong key beside the field', async () => {
    const page = await noScript.newPage();
    await signIn(page, 'ldg_000000000000_not-a-key');
    expect(await page.title()).toMatch(/^Error: Sign in/);
    expect(await page.getByRole('alert').innerText()).toContain('The key was not accepted');
    expect(await page.getByLabel('Your ledger key').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Your ledger key').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${url}/workspace`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Your workspace');
    expect(await page.locator('main').innerText()).toContain('Olive Officer');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${url}/workspace/sign-in`);
    await page.goto(`${url}/workspace`);
    expect(page.url()).toBe(`${url}/workspace/sign-in`);
    await page.close();
  });

  it('loads its stylesheet under its own CSP (nothing inline is needed)', async () => {
    const page = await plain.newPage();
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    await page.goto(`${url}/workspace/sign-in`);
    expect(await page.evaluate('getComputedStyle(document.querySelector("button")).backgroundColor')).toBe('rgb(0, 112, 60)');
    expect(blocked).toEqual([]);
    await page.close();
  });

  /** axe-core on the page as it stands: its serious and critical violations added to `found`; a screenshot saved. */
  const axeCheck = async (page: Page, name: string, found: string[]) => {
    found.push(...(await seriousViolations(page, name, SCREENSHOTS)));
  };

  it('has no serious or critical axe-core violations (WCAG 2.2 AA) on the sign-in form, its error and the home page', async () => {
    const found: string[] = [];
    const page = await withAxe.newPage();
    const check = (name: string) => axeCheck(page, name, found);
    await page.goto(`${url}/workspace/sign-in`);
    await check('sign-in');
    await signIn(page, 'wrong');
    await check('sign-in-refused');
    await signIn(page, token);
    await page.waitForURL(`${url}/workspace`);
    await check('home');
    await page.close();
    expect(found).toEqual([]);
  });

  it('has no serious or critical axe-core violations on the body, meetings and meeting pages, and on their refused forms', async () => {
    const found: string[] = [];
    const page = await withAxe.newPage();
    const check = (name: string) => axeCheck(page, name, found);
    // The context may still hold the session the test before signed in with.
    await page.goto(`${url}/workspace`);
    if (page.url().endsWith('/sign-in')) await signIn(page, token);
    await page.waitForURL(`${url}/workspace`);
    await page.getByRole('link', { name: 'NHS Test CCG' }).click();
    await page.waitForURL(`${url}/workspace/bodies/nhs-test-ccg`);
    await check('body');
    // Nothing typed: the ledger refuses it, beside the member's name.
    await page.getByRole('button', { name: 'Appoint' }).click();
    expect(await page.title()).toMatch(/^Error: NHS Test CCG/);
    await check('body-refused');
    await page.goto(`${url}/workspace/bodies/nhs-test-ccg/meetings`);
    await check('body-meetings');
    await page.goto(`${url}/workspace/meetings/nhs-test-ccg-2027-01-20`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Meeting of NHS Test CCG, 20 January 2027');
    await check('meeting');
    await page.getByRole('button', { name: 'Add the item' }).click();
    expect(await page.title()).toMatch(/^Error: Meeting of NHS Test CCG/);
    await check('meeting-refused');
    await page.close();
    expect(found).toEqual([]);
  });

  it('has no serious or critical axe-core violations on the corrections, Part 2, minutes and keys pages', async () => {
    const admin = ledger.keys.admin;
    const given = async (path: string, data: object) => {
      const answer = await ledger
        .http()
        .post(path)
        .set('Authorization', admin)
        .send({ source, ...data });
      expect([path, answer.status]).toEqual([path, 201]);
    };
    for (const membershipId of ['ccg-chair', 'ccg-member']) {
      await given('/bodies/nhs-test-ccg/memberships', {
        membershipId,
        member: { seat: membershipId },
        role: 'member',
        voting: true,
        from: '2013-04-01',
      });
    }
    await given('/meetings', { meetingId: 'ccg-2019-03', date: '2019-03-14', bodies: [{ bodyId: 'nhs-test-ccg', quorum: 2 }] });
    await given('/meetings', { meetingId: 'ccg-2019-04', date: '2019-04-11', bodies: [{ bodyId: 'nhs-test-ccg', quorum: 2 }] });
    await given('/meetings/ccg-2019-03/items', { itemId: 'budget', title: 'Budget', text: 'Set the budget', functions: [], areas: [] });
    const confidential = { paragraph: 3, publicInterestReason: 'commercial prices', publicSummary: 'Award of a contract' };
    await given('/meetings/ccg-2019-03/items', {
      itemId: 'tender',
      title: 'Tender',
      text: 'Bid prices',
      functions: [],
      areas: [],
      confidential,
    });
    await given('/meetings/ccg-2019-03/attendance', { present: ['ccg-chair', 'ccg-member'] });
    await given('/meetings/ccg-2019-03/items/budget/votes', { membershipId: 'ccg-chair', vote: 'for' });
    await given('/meetings/ccg-2019-03/items/budget/votes', { membershipId: 'ccg-member', vote: 'for' });
    await given('/meetings/ccg-2019-03/items/budget/decisions', { outcome: 'carried', resolution: 'The budget was set' });
    const adminToken = ledger.app.get(ApiKeys).create('admin', [], { person: 'Ada Admin' }).token;

    const found: string[] = [];
    // A context of its own: the earlier tests' session cookie would take the sign-in page straight to the home page.
    const context = await browser.newContext({ bypassCSP: true });
    context.setDefaultTimeout(5_000);
    const page = await context.newPage();
    const check = (name: string) => axeCheck(page, name, found);
    await signIn(page, token);
    await page.waitForURL(`${url}/workspace`);
    await page.goto(`${url}/workspace/meetings/ccg-2019-03/corrections`);
    await check('corrections');
    await page
      .locator('li.fact', { hasText: 'Vote cast' })
      .first()
      .getByRole('link', { name: /^Correct this/ })
      .click();
    await check('correction-form');
    await page.getByLabel('vote', { exact: true }).fill('abstain');
    await page.getByLabel('Why the record is corrected').fill('misheard');
    await page.getByLabel('Source of the correction').fill('Amended minutes');
    await page.getByRole('button', { name: 'Check' }).click();
    expect(await page.locator('main').innerText()).toContain("The ledger's check: nothing recorded yet");
    await check('correction-checked');
    await page.getByLabel('vote', { exact: true }).fill('maybe');
    await page.getByRole('button', { name: 'Check' }).click();
    expect(await page.getByRole('alert').innerText()).toContain('The ledger did not record this');
    await check('correction-refused');
    await page.goto(`${url}/workspace/meetings/ccg-2019-03/items/tender/confidentiality`);
    expect(await page.locator('main').innerText()).toContain('Bid prices');
    await check('part-2');
    await page.locator('#erase-reason').fill('recorded in error');
    await page.locator('#erase-source').fill('Monitoring officer');
    await page.getByRole('button', { name: 'Erase the content' }).click();
    expect(await page.locator('main').innerText()).toContain('This cannot be undone.');
    await check('part-2-confirm-erasure');
    await page.goto(`${url}/workspace/meetings/ccg-2019-04/minutes`);
    await check('minutes');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, adminToken);
    await page.waitForURL(`${url}/workspace`);
    await page.goto(`${url}/workspace/keys`);
    await check('keys');
    await page.getByLabel('Full name').fill('Nia New');
    await page.getByLabel('Bodies').fill('nhs-test-ccg');
    await page.getByRole('button', { name: 'Create the key' }).click();
    expect(await page.locator('main').innerText()).toMatch(/ldg_[0-9a-f]{12}_/);
    await check('key-created');
    await page.goto(`${url}/workspace/keys`);
    await page
      .getByRole('button', { name: /^Revoke key / })
      .last()
      .click();
    expect(await page.locator('main').innerText()).toContain('This cannot be undone.');
    await check('key-revoke-confirm');
    await context.close();
    expect(found).toEqual([]);
  });
});
