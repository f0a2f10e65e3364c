import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS, describeInChromium } from './chromium';
import { CABINET, MARKERS, PART2_DECISION, PublicSiteFixture, startPublicSite } from './public-site-fixture';

/**
 * The public site in a real headless browser: Debian's chromium driven by playwright-core (never a
 * downloaded browser). A reader's walk with JavaScript off, then axe-core on every page type. Skipped,
 * with one line saying so, where /usr/bin/chromium is not installed (CI installs it).
 */
const SCREENSHOTS = join(__dirname, '../test-output/screenshots');
const describeInBrowser = describeInChromium('public site browser tests');

/** One of each page type, by name. */
const PAGE_TYPES: [string, string][] = [
  ['home', '/'],
  ['search', '/search?q=cheshire'],
  // Full-text results: every kind, highlighted, then one kind paged.
  ['search-results', '/search?q=Winsford'],
  ['search-results-paged', '/search?q=nhs&kind=body&page=2'],
  ['decisions', '/decisions?place=cheshire-west-and-chester&page=1'],
  ['bodies', '/bodies'],
  ['body', '/bodies/nhs-cheshire-ccg'],
  // Its arrangements: a shared management team and a joint committee, with what it delegated.
  ['body-arrangements', '/bodies/nhs-halton-ccg'],
  ['authority-index', '/authority'],
  ['timeline', '/authority/community-health-services/vale-royal?on=2021-06-01'],
  ['meeting', '/meetings/cheshire-governing-bodies-2019-09'],
  // Attendance, a Part 2 item's declaration and call-in, minutes approved subject to amendments.
  ['meeting-part2', '/meetings/exampleton-cabinet-2020-01'],
  // No decision at it: the minutes of the one before approved.
  ['meeting-no-decision', '/meetings/exampleton-cabinet-2020-02'],
  ['meetings', '/meetings?when=past'],
  ['meetings-upcoming', '/meetings'],
  ['decision', '/decisions/cheshire-governing-bodies-2019-09/merger-ballot-result/nhs-vale-royal-ccg-governing-body'],
  ['part2-decision', `/decisions/${PART2_DECISION}`],
  // Corrected in beforeAll: the correction said on the page.
  ['corrected-decision', `/decisions/exampleton-cabinet-2020-01/carers-strategy/${CABINET}`],
  ['recommendation', '/recommendations/wirral-pooled-fund-2021-22'],
  ['open-data', '/data'],
  ['verify', '/verify'],
  ['not-found', '/bodies/no-such-body'],
];

describeInBrowser('the public site in a headless browser', () => {
  jest.setTimeout(90_000);
  let fixture: PublicSiteFixture;
  let browser: Browser;
  let context: BrowserContext;
  let noScript: BrowserContext;

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    fixture = await startPublicSite();
    await correctCarersStrategyVote(fixture);
    mkdirSync(SCREENSHOTS, { recursive: true });
    // launch() gives the browser a fresh, temporary user-data-dir of its own, removed on close.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
    // The pages' CSP forbids scripts; axe is injected by the test, so only its context bypasses it.
    context = await browser.newContext({ bypassCSP: true });
    noScript = await browser.newContext({ javaScriptEnabled: false });
    // A step that cannot happen fails in seconds, keeping the suite well inside its 90 s.
    for (const each of [context, noScript]) each.setDefaultTimeout(5_000);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  it('says on a corrected decision when and why, with the Follow links on the home and body pages', async () => {
    const page = await noScript.newPage();
    await open(page, `/decisions/exampleton-cabinet-2020-01/carers-strategy/${CABINET}`);
    expect(await page.locator('main').innerText()).toMatch(
      /Corrected on \d{1,2} [A-Z][a-z]+ \d{4}: the portfolio holder's vote was misrecorded/,
    );
    for (const path of ['/', `/bodies/${CABINET}`]) {
      await open(page, path);
      const follow = page.getByRole('region', { name: 'Follow' });
      expect(await follow.getByRole('link').count()).toBe(2);
      expect(await page.locator('head link[rel="alternate"][type="application/atom+xml"]').count()).toBe(1);
    }
    await page.close();
  });

  const open = async (page: Page, path: string) => {
    const response = await page.goto(`${fixture.url}${path}`);
    return response!.status();
  };

  it('walks home → search → a body → its timeline → a decision, without JavaScript', async () => {
    const page = await noScript.newPage();
    await open(page, '/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Who decided what, with whose authority');
    await page.getByLabel('Search decisions, bodies, meetings, members, places or services').fill('02D');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\?q=02D/);
    expect(await page.getByRole('status').textContent()).toMatch(/1 result found/);
    await page.getByRole('link', { name: 'NHS Vale Royal CCG' }).click();
    await page.waitForURL(/\/bodies\/nhs-vale-royal-ccg$/);
    const body = await page.locator('main').innerText();
    expect(body).toContain('02D');
    expect(body).toMatch(/NHS Vale Royal CCG merged into NHS Cheshire CCG on 1 April 2020 \(merger\)/);
    expect(body).toContain('Decisions of this body and its committees');
    await page.screenshot({ path: join(SCREENSHOTS, 'body.png'), fullPage: true });
    await page.getByRole('link', { name: 'Community health services' }).first().click();
    await page.waitForURL(/\/authority\/community-health-services\/vale-royal$/);
    await page.getByLabel('Who held it on a date (YYYY-MM-DD)?').fill('2021-06-01');
    await page.getByRole('button', { name: 'Ask' }).click();
    await page.waitForURL(/on=2021-06-01/);
    expect((await page.getByRole('status').innerText()).replace(/\s+/g, ' ')).toMatch(
      /On 1 June 2021, NHS Cheshire CCG was accountable for community health services in Vale Royal and Cheshire West Place Committee exercised it/,
    );
    expect(await page.locator('svg[role="img"] title').first().textContent()).toMatch(/Who held community health services in Vale Royal/);
    await page.screenshot({ path: join(SCREENSHOTS, 'timeline.png'), fullPage: true });
    await page.goBack();
    await page.goBack();
    await page.waitForURL(/\/bodies\/nhs-vale-royal-ccg$/);
    // The CCG's own decisions are its governing body's: listed on its page.
    await page.locator('main a[href^="/decisions/"]').first().click();
    await page.waitForURL(/\/decisions\//);
    const decision = await page.locator('main').innerText();
    expect(decision).toContain('How each member voted');
    expect(decision).toContain('Was the decision valid?');
    expect(decision).toMatch(/Quorate|Not quorate/);
    await page.screenshot({ path: join(SCREENSHOTS, 'decision.png'), fullPage: true });
    await page.close();
  });

  it('walks search "Winsford" → a Vale Royal decision → its meeting, without JavaScript', async () => {
    const page = await noScript.newPage();
    await open(page, '/');
    await page.getByLabel('Search decisions, bodies, meetings, members, places or services').fill('Winsford');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\?q=Winsford/);
    expect(await page.getByRole('status').textContent()).toMatch(/\d+ results found/);
    expect(await page.getByRole('heading', { name: /^Places/ }).count()).toBe(1);
    expect(await page.locator('mark', { hasText: 'Winsford' }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'search-results.png'), fullPage: true });
    await page.getByRole('link', { name: 'Ballot of member practices: Merging the four Cheshire CCGs' }).first().click();
    await page.waitForURL(/\/decisions\/nhs-vale-royal-ccg-practice-ballot-2019\//);
    await page.locator('main a[href^="/meetings/"]').first().click();
    await page.waitForURL(/\/meetings\/nhs-vale-royal-ccg-practice-ballot-2019$/);
    await open(page, '/decisions');
    await page.getByLabel('Place').selectOption('vale-royal');
    await page.getByRole('button', { name: 'Show decisions' }).click();
    await page.waitForURL(/\/decisions\?.*place=vale-royal/);
    expect(await page.locator('main').innerText()).toContain('Ballot of member practices: Merging the four Cheshire CCGs');
    await page.screenshot({ path: join(SCREENSHOTS, 'decisions.png'), fullPage: true });
    await page.close();
  });

  it('shows a Part 2 decision by its public summary only', async () => {
    const page = await context.newPage();
    await open(page, `/decisions/${PART2_DECISION}`);
    const text = await page.locator('main').innerText();
    expect(text).toContain('Confidential item (Part 2)');
    expect(text).toContain('Care home contract: award approved');
    for (const marker of Object.values(MARKERS)) expect(text).not.toContain(marker);
    expect(text).toContain(`Cabinet leader`);
    await page.screenshot({ path: join(SCREENSHOTS, 'part2-decision.png'), fullPage: true });
    await page.close();
    expect(CABINET).toBeTruthy();
  });

  it('lets a keyboard user skip to the content first', async () => {
    const page = await context.newPage();
    await open(page, '/bodies/nhs-cheshire-ccg');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#main$/);
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('main');
    expect(await page.evaluate('document.documentElement.lang')).toBe('en-GB');
    await page.close();
  });

  /** The pages a reader on a phone is most likely to open, with a wide table, a diagram or a long name each. */
  const NARROW_PAGES = [
    '/',
    '/bodies/nhs-cheshire-ccg',
    '/bodies/nhs-halton-ccg',
    '/bodies',
    '/authority/community-health-services/vale-royal?on=2021-06-01',
    '/decisions/cheshire-governing-bodies-2019-09/merger-ballot-result/nhs-vale-royal-ccg-governing-body',
    `/decisions/${PART2_DECISION}`,
    '/search?q=Winsford',
    '/decisions',
    '/meetings/cheshire-governing-bodies-2019-09',
    '/meetings/exampleton-cabinet-2020-01',
    '/meetings?when=past',
  ];

  it('never scrolls sideways on a 375 px wide screen', async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, javaScriptEnabled: true });
    const page = await phone.newPage();
    const wide: string[] = [];
    for (const path of NARROW_PAGES) {
      expect(await open(page, path)).toBe(200);
      const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
      if (width > 375) wide.push(`${path}: ${width}px`);
    }
    await open(page, '/authority/community-health-services/vale-royal?on=2021-06-01');
    await page.screenshot({ path: join(SCREENSHOTS, 'timeline-375.png'), fullPage: true });
    await phone.close();
    expect(wide).toEqual([]);
  });

  it('keeps every label of a diagram inside the diagram, and every name inside its box', async () => {
    const page = await context.newPage();
    const clipped: string[] = [];
    for (const path of [
      '/authority/community-health-services/vale-royal?on=2021-06-01',
      '/authority/community-health-services/wirral',
      '/bodies/nhs-cheshire-ccg',
      '/bodies/nhs-vale-royal-ccg',
      '/bodies/nhs-cheshire-and-merseyside-icb',
    ]) {
      expect(await open(page, path)).toBe(200);
      // Measured by the browser: each text's box against the viewBox, and a lineage name against the box drawn for it.
      const found = (await page.evaluate(`[...document.querySelectorAll('svg[role="img"]')].flatMap((svg) => {
        const view = svg.viewBox.baseVal;
        return [...svg.querySelectorAll('text')].flatMap((text) => {
          const box = text.getBBox();
          const out = [];
          if (box.x < view.x - 0.5 || box.x + box.width > view.x + view.width + 0.5 || box.y < view.y - 0.5 || box.y + box.height > view.y + view.height + 0.5)
            out.push(text.textContent + ' outside the diagram');
          let rect = text.previousElementSibling;
          while (rect && rect.tagName === 'text') rect = rect.previousElementSibling;
          if (rect && rect.tagName === 'rect') {
            const r = rect.getBBox();
            if (box.x < r.x || box.x + box.width > r.x + r.width || box.y < r.y || box.y + box.height > r.y + r.height)
              out.push(text.textContent + ' outside its box');
          }
          return out;
        });
      })`)) as string[];
      clipped.push(...found.map((what) => `${path}: ${what}`));
      await page
        .locator('svg[role="img"]')
        .first()
        .screenshot({ path: join(SCREENSHOTS, `diagram-${path.split(/[/?]/).filter(Boolean).slice(1, 3).join('-')}.png`) });
    }
    await page.close();
    expect(clipped).toEqual([]);
  });

  it('prints without the navigation and the forms, with the addresses of its links', async () => {
    const page = await context.newPage();
    await open(page, '/bodies/nhs-cheshire-ccg');
    const onScreen = await page.evaluate(`getComputedStyle(document.querySelector('header')).display`);
    await page.emulateMedia({ media: 'print' });
    const printed = (await page.evaluate(`({
      header: getComputedStyle(document.querySelector('header')).display,
      link: getComputedStyle(document.querySelector('main a[href^="http"]'), '::after').content,
    })`)) as { header: string; link: string };
    expect(onScreen).not.toBe('none');
    expect(printed.header).toBe('none');
    expect(printed.link).toMatch(/^" \(" attr\(href\) "\)"$|^" \(https?:/);
    await page.pdf({ path: join(SCREENSHOTS, 'body-print.pdf') });
    await page.close();
  });

  it('has no serious or critical axe-core violations (WCAG 2.2 AA) on any page type', async () => {
    const axe = require.resolve('axe-core/axe.min.js');
    const found: string[] = [];
    const page = await context.newPage();
    for (const [name, path] of PAGE_TYPES) {
      const status = await open(page, path);
      expect([name, status]).toEqual([name, name === 'not-found' ? 404 : 200]);
      await page.addScriptTag({ path: axe });
      // A string, evaluated in the page: the test's own TypeScript knows no DOM.
      const violations = (await page.evaluate(`axe
        .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
        .then((result) => result.violations.map(({ id, impact, nodes }) => ({ id, impact, nodes: nodes.length })))`)) as {
        id: string;
        impact: string;
        nodes: number;
      }[];
      for (const violation of violations) {
        if (violation.impact === 'serious' || violation.impact === 'critical')
          found.push(`${name}: ${violation.id} (${violation.impact}, ${violation.nodes} nodes)`);
      }
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
    }
    await page.close();
    expect(found).toEqual([]);
  });
});

/** A correction of a vote on an open item: its page then says so. */
async function correctCarersStrategyVote(fixture: PublicSiteFixture): Promise<void> {
  const events = await (fixture.ledger.app.get(EVENT_STORE) as EventStore).readStream('meeting-exampleton-cabinet-2020-01');
  const vote = events.find((event) => event.type === 'VoteCast' && (event.data as { itemId?: string }).itemId === 'carers-strategy')!;
  await fixture.ledger
    .http()
    .post('/corrections')
    .set('Authorization', fixture.ledger.keys.admin)
    .send({
      source: { title: 'test' },
      stream: 'meeting-exampleton-cabinet-2020-01',
      correctedEventId: vote.id,
      changes: { vote: 'abstain' },
      reason: "the portfolio holder's vote was misrecorded",
    })
    .expect(201);
  await fixture.published();
}
