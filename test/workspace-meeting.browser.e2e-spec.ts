import { mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ApiKeys } from '../apps/ledger/src/access/api-keys';
import { Clock } from '../apps/ledger/src/clock/clock';
import { PublicProjection } from '../apps/ledger/src/public-projection/public-projection';
import { PublicSite } from '../apps/public/src/public-site';
import { seriousViolations } from './axe';
import { CHROMIUM, CHROMIUM_FLAGS, describeInChromium } from './chromium';
import { LedgerTestApp, startLedger } from './ledger-test-app';

/**
 * Issue 20's "done means": an officer records a whole meeting of a 10-member committee with 8 items in a real
 * browser with JavaScript off — agenda, publication, attendance with an apology and a late arrival, a declaration
 * with a withdrawal, motions, votes, decisions, a Part 2 item — approves its minutes at a later meeting and
 * corrects a vote. The ledger's GET /meetings/:id and the public site show it; the Part 2 text is on neither the
 * public site nor its exports. It counts the page submissions, times the run, and saves a screenshot of each page
 * type (axe-core on each: no serious or critical violation).
 */
const SCREENSHOTS = join(__dirname, '../test-output/screenshots/workspace');
const describeInBrowser = describeInChromium('workspace meeting browser test');
const source = { title: 'Workspace browser test: the committee’s membership', illustrative: true };
const bodyId = 'nhs-wirral-ccg';
const MEMBERS = ['Ann Chair', 'Ben Vice', 'Cara Gp', 'Dev Gp', 'Eve Gp', 'Fay Nurse', 'Gus Lay', 'Hal Lay', 'Ida Finance', 'Jon Doctor'];
const idOf = (name: string) => name.toLowerCase().replace(/ /g, '-');
const PART2_TEXT = 'PART2-MARKER-tender-prices-9c1e';
const meetingId = 'nhs-wirral-ccg-2026-05-14';
const laterMeetingId = 'nhs-wirral-ccg-2026-06-11';

describeInBrowser('an officer records a 10 × 8 meeting in the workspace', () => {
  jest.setTimeout(240_000);
  let ledger: LedgerTestApp;
  let url: string;
  let browser: Browser;
  let page: Page;
  let submissions = 0;
  /** The ledger's today: the meeting is scheduled and its agenda published before its day, recorded on it. */
  let today = '2026-05-01';
  const violations: string[] = [];

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    ledger = await startLedger();
    jest.spyOn(ledger.app.get(Clock), 'today').mockImplementation(() => today);
    const given = (path: string, data: object) => ledger.http().post(path).set('Authorization', ledger.keys.admin).send(data).expect(201);
    await given('/bodies', { bodyId, kind: 'ccg', name: 'NHS Wirral CCG', areas: ['wirral'], effective: '2013-04-01', source });
    await given(`/bodies/${bodyId}/statutory-functions`, {
      functions: ['community-health-services'],
      areas: ['wirral'],
      from: '2013-04-01',
      act: 'National Health Service Act 2006, s.3',
      source,
    });
    for (const name of MEMBERS) {
      await given(`/bodies/${bodyId}/memberships`, {
        membershipId: idOf(name),
        member: { person: name },
        role: 'governing body member',
        voting: true,
        from: '2013-04-01',
        source,
      });
    }
    await ledger.app.listen(0, '127.0.0.1');
    url = (await ledger.app.getUrl()).replace('[::1]', '127.0.0.1');
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
    // The pages carry no script (their CSP allows none); axe is injected by the test, so this context bypasses the CSP.
    const context = await browser.newContext({ javaScriptEnabled: true, bypassCSP: true, viewport: { width: 1024, height: 900 } });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await ledger?.close();
  });

  /** Axe on the page, and its screenshot (once per page type). */
  const shown = new Set<string>();
  const look = async (name: string) => {
    if (shown.has(name)) return;
    shown.add(name);
    violations.push(...(await seriousViolations(page, name, SCREENSHOTS)));
  };
  /** A form sent by its button: one page submission. */
  const submit = async (name: string | RegExp) => {
    submissions += 1;
    await Promise.all([
      page.waitForLoadState('domcontentloaded'),
      page.getByRole('button', { name, exact: typeof name === 'string' }).click(),
    ]);
    // Every page works without JavaScript: none carries a script (and its CSP would run none).
    expect(await page.locator('script').count()).toBe(0);
  };

  const titles = [
    'Minutes of the last meeting',
    'Budget 2026/27',
    'Community services contract',
    'Walk-in centre',
    'Estates strategy',
    'Dental access',
    'Prescribing policy',
    'Risk register',
  ];

  it('records the meeting, its minutes and a correction by pages alone', async () => {
    const started = Date.now();
    await page.goto(`${url}/workspace/sign-in`);
    await page.getByLabel('Your ledger key').fill(ledger.app.get(ApiKeys).create('officer', [bodyId], { person: 'Olive Officer' }).token);
    await submit('Sign in');
    await look('home');

    // Schedule the meeting from the body's page, build its agenda (one Part 2 item) and publish it.
    await page.getByRole('link', { name: 'NHS Wirral CCG' }).click();
    await look('body');
    await page.getByRole('link', { name: /^Meetings of NHS Wirral CCG/ }).click();
    await look('body-meetings');
    await page.getByLabel('Date', { exact: true }).fill('2026-05-14');
    await page.getByLabel('Start time (optional)').fill('14:00');
    await page.getByLabel('Place (optional)').fill('Old Market House, Wallasey');
    await page.getByLabel('Quorum', { exact: true }).fill('6');
    await submit('Schedule the meeting');
    expect(page.url()).toMatch(new RegExp(`/workspace/meetings/${meetingId}`));
    for (const [index, title] of titles.entries()) {
      await page.getByLabel('Title', { exact: true }).fill(title);
      await page.getByLabel('Report or proposal').fill(index === 2 ? PART2_TEXT : `Report on ${title.toLowerCase()}`);
      await page.getByLabel('Community health services', { exact: true }).check();
      await page.getByLabel('Wirral', { exact: true }).check();
      if (index === 2) {
        await page.getByLabel('Take this item in private (Part 2)').check();
        await page.getByLabel('Schedule 12A paragraph').selectOption('3');
        await page
          .getByLabel('Why the public interest in withholding it outweighs disclosure')
          .fill('the tender prices are commercially sensitive');
        await page.getByLabel('Public summary').fill('Award of the community services contract');
      }
      await submit('Add the item');
      if (index === 0) await look('meeting');
    }
    await page.getByLabel('Published on').fill('2026-05-01');
    await submit('Record the publication');
    expect(await page.locator('main').innerText()).toContain('Part 2 (paragraph 3)');

    today = '2026-05-14';
    // Attendance: one apology (Jon Doctor), one late arrival (Hal Lay, before item 3).
    await page.goto(`${url}/workspace/meetings/${meetingId}/attendance`);
    await look('attendance');
    for (const name of MEMBERS) {
      const status = name === 'Jon Doctor' ? 'Apologies' : name === 'Hal Lay' ? 'Absent' : 'Present';
      await page.getByLabel(`${status}: ${name}`).check();
    }
    await submit('Record attendance');
    expect(await page.getByRole('status').innerText()).toContain('Attendance recorded');
    await page.getByLabel('Member who arrived late').selectOption({ label: 'Hal Lay' });
    await page.getByLabel('Arrived before the item').selectOption({ label: titles[2] });
    await submit('Record the arrival');

    // Each item: declarations, motion, votes, check with the ledger, record.
    for (const [index, title] of titles.entries()) {
      await page.goto(`${url}/workspace/meetings/${meetingId}`);
      await page.getByRole('link', { name: title, exact: true }).click();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(title);
      if (index === 0) {
        await page.getByLabel('Outcome').selectOption('agreed-without-vote');
        await page.getByLabel('Resolution').fill('The minutes of the last meeting were agreed');
      } else {
        if (index === 2) {
          await page.getByLabel('Member (declaration 1)').selectOption({ label: 'Cara Gp (governing body member)' });
          await page.getByLabel('Interest declared', { exact: true }).first().fill('partner in a practice bidding for the contract');
          await page.getByLabel('What they did').first().selectOption('withdrew');
        }
        await page.getByLabel('Wording of the motion').fill(`That the ${title.toLowerCase()} be approved`);
        await page.getByLabel('Moved by').selectOption({ label: 'Ann Chair (governing body member)' });
        await page.getByLabel('Seconded by').selectOption({ label: 'Ben Vice (governing body member)' });
        const inRoom = MEMBERS.filter(
          (name) => name !== 'Jon Doctor' && (index >= 2 || name !== 'Hal Lay') && !(index === 2 && name === 'Cara Gp'),
        );
        for (const [position, name] of inRoom.entries()) {
          const vote = index === 3 ? (position < 3 ? 'For' : 'Against') : position === 1 ? 'Against' : 'For';
          await page.getByLabel(`${vote}: ${name}`, { exact: true }).check();
        }
        await page.getByLabel('Outcome').selectOption(index === 3 ? 'defeated' : 'carried');
        await page
          .getByLabel('Resolution')
          .fill(index === 2 ? `${PART2_TEXT}: the contract is awarded` : `Resolved on ${title.toLowerCase()}`);
      }
      await submit('Check with the ledger');
      if (index === 1) await look('item-checked');
      expect(await page.locator('.verdict').innerText()).toContain('Quorum: Met.');
      await submit('Record the outcome');
      expect(await page.getByRole('status').innerText()).toContain('The outcome is recorded.');
      if (index === 2) await look('item-recorded');
    }
    // At the next meeting, its minutes are approved with an amendment.
    today = '2026-06-11';
    await page.goto(`${url}/workspace/bodies/${bodyId}/meetings`);
    await page.getByLabel('Date', { exact: true }).fill('2026-06-11');
    await page.getByLabel('Quorum', { exact: true }).fill('6');
    await submit('Schedule the meeting');
    await page.goto(`${url}/workspace/meetings/${laterMeetingId}/minutes`);
    await page.getByLabel('The meeting whose minutes are approved').selectOption(meetingId);
    await page.getByLabel('Approved', { exact: true }).selectOption('subject-to-amendments');
    await page.getByLabel('Amendments').fill('Item 4: the walk-in centre stays open until March 2027');
    await page.getByLabel('Source', { exact: true }).fill('Minutes of 11 June 2026, minute 2');
    await look('minutes');
    await submit('Record the approval');
    expect(await page.getByRole('status').innerText()).toMatch(/approv/i);

    // A vote recorded wrongly (Ben Vice voted for the budget, not against) is corrected, checked first.
    const stream = (await ledger.http().get(`/streams/meeting-${meetingId}`).set('Authorization', ledger.keys.admin).expect(200)).body;
    const events = (Array.isArray(stream) ? stream : stream.events) as {
      id: string;
      type: string;
      data: { itemId?: string; membershipId?: string };
    }[];
    const vote = events.find(
      ({ type, data }) => type === 'VoteCast' && data.itemId === 'budget-2026-27' && data.membershipId === 'ben-vice',
    )!;
    await page.goto(`${url}/workspace/meetings/${meetingId}/corrections`);
    await look('corrections');
    await page.locator(`a[href$="/corrections/new?facts=${vote.id}"]`).click();
    await page.getByLabel('vote', { exact: true }).fill('for');
    await page.getByLabel('Why the record is corrected').fill('The draft minutes recorded Ben Vice’s vote wrongly');
    await page.getByLabel('Source of the correction').fill('Minutes as approved on 11 June 2026');
    await submit('Check');
    await look('correction-checked');
    await submit('Record the correction');

    const seconds = (Date.now() - started) / 1000;
    // Usable on a tablet: no page of the meeting scrolls sideways at 768 px.
    await page.setViewportSize({ width: 768, height: 1024 });
    for (const path of ['', '/attendance', '/items/walk-in-centre', '/items/community-services-contract']) {
      await page.goto(`${url}/workspace/meetings/${meetingId}${path}`);
      expect([path, await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')]).toEqual([
        path,
        true,
      ]);
    }
    await page.setViewportSize({ width: 1024, height: 900 });
    // Through the API the same meeting is one request per command recorded: counted from the streams' command ids.
    const commands = new Set<string>();
    for (const id of [meetingId, laterMeetingId]) {
      const read = (await ledger.http().get(`/streams/meeting-${id}`).set('Authorization', ledger.keys.admin).expect(200)).body;
      for (const event of (Array.isArray(read) ? read : read.events) as { metadata: { commandId: string } }[])
        commands.add(event.metadata.commandId);
    }
    console.log(
      `10 × 8 meeting by the workspace: ${submissions} page submissions (sign-in and ${submissions - 1 - 9} records, 9 checks) ` +
        `in ${seconds.toFixed(1)} s; through the API: ${commands.size} requests`,
    );
    expect(commands.size).toBe(submissions - 1 - 9);

    const recorded = (await ledger.http().get(`/meetings/${meetingId}`).set('Authorization', ledger.keys.admin).expect(200)).body;
    expect(recorded.items).toHaveLength(8);
    expect(recorded.items.every((item: { decisions: unknown[] }) => item.decisions.length === 1)).toBe(true);
    expect(recorded.attendance.apologies).toEqual([expect.objectContaining({ membershipId: 'jon-doctor' })]);
    expect(recorded.attendance.arrivals).toEqual([
      expect.objectContaining({ membershipId: 'hal-lay', beforeItem: 'community-services-contract' }),
    ]);
    const contract = recorded.items[2];
    expect(contract.declarations).toEqual([expect.objectContaining({ membershipId: 'cara-gp', action: 'withdrew' })]);
    expect(contract.decisions[0].verdict.valid).toBe(true);
    // The corrected vote: the budget carried 8 to 0, not 7 to 1.
    expect(recorded.items[1].decisions[0].counts).toMatchObject({ for: 8, against: 0 });
    const later = (await ledger.http().get(`/meetings/${laterMeetingId}`).set('Authorization', ledger.keys.admin).expect(200)).body;
    expect(later.minutesApproved).toEqual([expect.objectContaining({ minutesOfMeetingId: meetingId })]);

    // The public site, a separate process on its own database: the meeting is there, its Part 2 text is not.
    const projection = ledger.app.get(PublicProjection);
    await ledger.settled();
    await projection.caughtUpTo((await ledger.head()).position);
    const site = new PublicSite(process.env.LEDGER_DATA_DIR as string);
    const server: Server = await new Promise((resolve) => {
      const listening = site.server().listen(0, '127.0.0.1', () => resolve(listening));
    });
    try {
      const publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const publicMeeting = await fetch(`${publicUrl}/meetings/${meetingId}`);
      const text = await publicMeeting.text();
      expect(publicMeeting.status).toBe(200);
      expect(text).toContain('Award of the community services contract');
      expect(text).not.toContain(PART2_TEXT);
      const exports = ['/data/decisions.csv', '/data/meetings.csv', '/data/votes.csv', '/data/popolo.json', '/feed.atom', '/meetings.ics'];
      for (const path of [...exports, '/search?q=contract']) {
        const answer = await fetch(`${publicUrl}${path}`);
        expect([path, answer.status]).toEqual([path, 200]);
        expect(await answer.text()).not.toContain(PART2_TEXT);
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
      site.close?.();
    }
    expect(violations).toEqual([]);
  });
});
