import { ApiKeys } from '../apps/ledger/src/access/api-keys';
import { LedgerTestApp, startLedger } from './ledger-test-app';
import { signInToWorkspace, WorkspaceSession } from './workspace-session';

const source = { title: 'Cabinet minutes of 14 March 2019', illustrative: true };
const bodyId = 'wirral-cabinet';
const meetingId = 'cabinet-2019-03';
const item = `/meetings/${meetingId}/items/budget`;
const page = `/workspace/meetings/${meetingId}/corrections`;

/** The value of a form's input or textarea, as the page shows it. */
const inputValue = (text: string, id: string) =>
  new RegExp(`id="${id}" name="${id}"[^>]*value="([^"]*)"`).exec(text)?.[1] ??
  new RegExp(`<textarea id="${id}" name="${id}"[^>]*>([^<]*)</textarea>`).exec(text)?.[1];
const commandIdIn = (text: string) => /name="commandId" value="([^"]+)"/.exec(text)?.[1];
/** A form's hidden fields but its CSRF token (the session adds its own), as a browser would send them. */
const hiddenIn = (text: string) =>
  Object.fromEntries(
    [...text.matchAll(/<input\s+type="hidden"\s+name="([^"]+)"\s+value="([^"]*)"/g)]
      .filter(([, name]) => name !== 'csrf')
      .map(([, name, value]) => [name, value.replace(/&quot;/g, '"').replace(/&amp;/g, '&')]),
  );

/** A fact recorded by the admin through the API, citing the cabinet's minutes: 201, or the test fails naming it. */
async function givenBy(ledger: LedgerTestApp, path: string, data: object) {
  const answer = await ledger
    .http()
    .post(path)
    .set('Authorization', ledger.keys.admin)
    .send({ source, ...data });
  expect([path, answer.status, answer.body.message]).toEqual([path, 201, undefined]);
  return answer.body;
}

/** The council, its cabinet, and a CCG whose officer serves neither. */
async function establishCabinet(given: (path: string, data: object) => Promise<unknown>) {
  await given('/bodies', { bodyId: 'wirral-council', kind: 'local-authority', name: 'Wirral Council', areas: [], effective: '2013-04-01' });
  await given('/bodies', {
    bodyId,
    kind: 'committee',
    name: 'Wirral Cabinet',
    areas: [],
    effective: '2013-04-01',
    parentBodyId: 'wirral-council',
  });
  await given('/bodies', { bodyId: 'nhs-other-ccg', kind: 'ccg', name: 'NHS Other CCG', areas: [], effective: '2013-04-01' });
}

/**
 * Corrections from the officers' workspace: the meeting's facts, each with "Correct this"; the chosen facts' fields
 * prefilled; "Check" previews through the pipeline (before and after, verdicts as they would read), writing nothing;
 * "Record" records it once; refusals shown beside the field they name, with nothing written.
 */
describe('the workspace: corrections of a meeting', () => {
  let ledger: LedgerTestApp;
  let officer: WorkspaceSession;
  let stranger: WorkspaceSession;
  let vote: string;
  let decision: string;
  const given = (path: string, data: object) => givenBy(ledger, path, data);
  const meeting = async () => (await ledger.http().get(`/meetings/${meetingId}`).expect(200)).body;
  const decisionOf = async () => (await meeting()).items[0].decisions[0];

  beforeAll(async () => {
    ledger = await startLedger();
    await establishCabinet(given);
    for (const membershipId of ['cabinet-chair', 'cabinet-member', 'cabinet-third']) {
      await given(`/bodies/${bodyId}/memberships`, {
        membershipId,
        member: { seat: membershipId },
        role: 'member',
        voting: true,
        from: '2013-04-01',
      });
    }
    await given('/meetings', { meetingId, date: '2019-03-14', bodies: [{ bodyId, quorum: 2 }] });
    await given(`/meetings/${meetingId}/items`, { itemId: 'budget', title: 'Budget', text: 'Set the budget', functions: [], areas: [] });
    await given(`/meetings/${meetingId}/attendance`, { present: ['cabinet-chair', 'cabinet-member', 'cabinet-third'] });
    await given(`${item}/votes`, { membershipId: 'cabinet-chair', vote: 'for' });
    await given(`${item}/votes`, { membershipId: 'cabinet-third', vote: 'abstain' });
    vote = (await given(`${item}/votes`, { membershipId: 'cabinet-member', vote: 'for' })).events[0].id;
    decision = (await given(`${item}/decisions`, { outcome: 'carried', resolution: 'The budget was set' })).events[0].id;
    const keys = ledger.app.get(ApiKeys);
    officer = await signInToWorkspace(ledger, keys.create('officer', ['wirral-council'], { person: 'Olive Officer' }).token);
    stranger = await signInToWorkspace(ledger, keys.create('officer', ['nhs-other-ccg'], { person: 'Sam Stranger' }).token);
  });
  afterAll(() => ledger.close());

  it("lists every fact of the meeting in words, who recorded it and when, each with 'Correct this'", async () => {
    const list = await officer.get(page).expect(200);
    expect(list.text).toContain('Vote cast');
    expect(list.text).toContain('Decision recorded');
    expect(list.text).toMatch(/Recorded by Ada Admin on \d{1,2} \w+ \d{4} at/);
    expect(list.text).toMatch(/<dt>date<\/dt>\s*<dd>14 March 2019<\/dd>/);
    expect(list.text).toContain(`href="${page}/new?facts=${encodeURIComponent(vote)}"`);
    expect(list.text).toContain(`name="facts" value="${vote}"`);
    expect(list.text).not.toMatch(/<script|<style|style=/);
    await officer.get('/workspace/meetings/no-such-meeting/corrections').expect(404);
    await ledger.http().get(page).expect(303);
  });

  it("prefills the chosen fact's fields; 'Check' shows before and after and the verdict's change, writing nothing", async () => {
    const form = await officer.get(`${page}/new?facts=${encodeURIComponent(vote)}`).expect(200);
    expect(inputValue(form.text, 'fact0-vote')).toBe('for');
    expect(inputValue(form.text, 'fact0-membershipId')).toBeUndefined();
    const decisionForm = await officer.get(`${page}/new?facts=${encodeURIComponent(decision)}`).expect(200);
    // What the decision's command takes, the casting vote it left out among them; not the quorum the ledger derives.
    expect([inputValue(decisionForm.text, 'fact0-outcome'), inputValue(decisionForm.text, 'fact0-castingVote')]).toEqual(['carried', '']);
    expect(inputValue(decisionForm.text, 'fact0-quorum')).toBeUndefined();
    const commandId = commandIdIn(form.text)!;
    await ledger.expectNothingWritten(async () => {
      const checked = await officer
        .post(page, { facts: vote, commandId, 'fact0-vote': 'abstain', reason: 'misheard', source: 'Amended minutes', action: 'check' })
        .expect(200);
      expect(checked.text).toContain("The ledger's check: nothing recorded yet");
      expect(checked.text).toMatch(/<td>vote<\/td>\s*<td>for<\/td>\s*<td>abstain<\/td>/);
      expect(checked.text).toMatch(/<td>carried, 2 for, 1 abstain;[^<]*<\/td>\s*<td>carried, 1 for, 2 abstain;/);
      expect(commandIdIn(checked.text)).toBe(commandId);
      expect(inputValue(checked.text, 'reason')).toBe('misheard');
    });
    expect((await decisionOf()).counts).toMatchObject({ for: 2, abstain: 1 });
  });

  it('refuses a correction the rules forbid beside the field it names, keeping what was typed and writing nothing', async () => {
    const form = await officer.get(`${page}/new?facts=${encodeURIComponent(vote)}`).expect(200);
    await ledger.expectNothingWritten(async () => {
      // 1 for, 1 against (a tie) cannot have carried: the decision contradicts the votes.
      const refused = await officer
        .post(page, {
          facts: vote,
          commandId: commandIdIn(form.text)!,
          'fact0-vote': 'against',
          reason: 'misheard',
          source: 'Amended minutes',
          action: 'record',
        })
        .expect(422);
      expect(refused.text).toContain('<title>Error: ');
      expect(refused.text).toContain('The ledger did not record this');
      expect(inputValue(refused.text, 'fact0-vote')).toBe('against');
      const kind = await officer
        .post(page, { facts: vote, commandId: commandIdIn(form.text)!, 'fact0-vote': 'maybe', reason: 'x', source: 'y', action: 'check' })
        .expect(400);
      expect(kind.text).toMatch(/id="fact0-vote-error"/);
      const nothing = await officer
        .post(page, { facts: vote, 'fact0-vote': 'for', reason: 'x', source: 'y', action: 'record' })
        .expect(400);
      expect(nothing.text).toContain('corrects nothing');
    });
  });

  it('refuses an officer of another body (403), a missing CSRF token (403) and hostile input (never 5xx), writing nothing', async () => {
    const fields = { facts: vote, 'fact0-vote': 'abstain', reason: 'misheard', source: 'Amended minutes', action: 'record' };
    await ledger.expectNothingWritten(async () => {
      const foreign = await stranger.post(page, fields).expect(403);
      expect(foreign.text).toContain('The ledger did not record this');
      await officer.post(page, fields, { csrf: null }).expect(403);
      await officer.post(page, fields, { csrf: stranger.csrf }).expect(403);
      for (const hostile of [
        { ...fields, facts: '../../etc', commandId: "'; drop table" },
        { ...fields, facts: `${vote},${vote}`, 'fact1-vote': 'against', action: 'check' },
        { ...fields, facts: 'x'.repeat(5000) },
        { ...fields, 'fact0-vote': '<script>alert(1)</script>', action: 'check' },
        { ...fields, reason: '', source: '' },
      ]) {
        const answer = await officer.post(page, hostile);
        expect([answer.status < 500, answer.text]).toEqual([true, expect.not.stringContaining('<script>alert')]);
      }
      for (const path of [
        `${page}/new?facts[]=x`,
        `${page}/new?facts=%00`,
        `/workspace/meetings/%2e%2e/corrections`,
        `/workspace/meetings/%3Cb%3E__proto__/corrections/new?facts=x`,
        `/workspace/meetings/${meetingId}/items/constructor/confidentiality`,
      ]) {
        const answer = await officer.get(path);
        // A page, as every workspace answer is (the API's JSON refusals are not for people).
        expect([path, answer.status < 500, answer.headers['content-type']]).toEqual([path, true, expect.stringMatching(/^text\/html/)]);
      }
    });
  });

  it('records a correction of one vote once (a second submission writes nothing), and the meeting reads corrected', async () => {
    const form = await officer.get(`${page}/new?facts=${encodeURIComponent(vote)}`).expect(200);
    const fields = {
      ...hiddenIn(form.text),
      'fact0-vote': 'abstain',
      reason: 'misheard',
      source: 'Amended minutes',
      action: 'record',
    };
    const recorded = await officer.post(page, fields).expect(303);
    expect(recorded.headers.location).toBe(`${page}?recorded=1`);
    await ledger.expectNothingWritten(async () => {
      const again = await officer.post(page, fields);
      expect([again.status, /role="alert"[\s\S]*?<li>([\s\S]*?)<\/li>/.exec(again.text)?.[1]]).toEqual([303, undefined]);
    });
    expect((await decisionOf()).counts).toMatchObject({ for: 1, against: 0, abstain: 2 });
    const list = await officer.get(recorded.headers.location as string).expect(200);
    expect(list.text).toContain('The correction was recorded');
    expect(list.text).toContain('Corrected since');
  });

  it('corrects several facts at once: the vote against and the decision defeated, checked then recorded as one', async () => {
    const form = await officer.get(`${page}/new?facts=${encodeURIComponent(vote)}&facts=${encodeURIComponent(decision)}`).expect(200);
    expect(inputValue(form.text, 'fact0-vote')).toBe('abstain');
    expect(inputValue(form.text, 'fact1-outcome')).toBe('carried');
    const fields = {
      ...hiddenIn(form.text),
      'fact0-vote': 'against',
      'fact1-outcome': 'defeated',
      reason: 'the minutes were amended on approval',
      source: 'Amended minutes',
    };
    await ledger.expectNothingWritten(async () => {
      const checked = await officer.post(page, { ...fields, action: 'check' });
      expect([checked.status, /role="alert"[\s\S]*?<li>([\s\S]*?)<\/li>/.exec(checked.text)?.[1]]).toEqual([200, undefined]);
      expect(checked.text).toMatch(/<td>outcome<\/td>\s*<td>carried<\/td>\s*<td>defeated<\/td>/);
      expect(checked.text).toMatch(/<td>carried, 1 for, 2 abstain;[^<]*<\/td>\s*<td>defeated, 1 for, 1 against, 1 abstain;/);
    });
    await officer.post(page, { ...fields, action: 'record' }).expect(303);
    expect(await decisionOf()).toMatchObject({ outcome: 'defeated', counts: { for: 1, against: 1, abstain: 1 } });
  });

  it("gives a fact a field its command takes but it left out: the decision carried on the chair's casting vote", async () => {
    const form = await officer.get(`${page}/new?facts=${encodeURIComponent(decision)}`).expect(200);
    const fields = {
      ...hiddenIn(form.text),
      'fact0-outcome': 'carried',
      'fact0-castingVote': '{"membershipId":"cabinet-chair","vote":"for"}',
      reason: 'the chair used a casting vote',
      source: 'Amended minutes',
    };
    await ledger.expectNothingWritten(async () => {
      const checked = await officer.post(page, { ...fields, action: 'check' }).expect(200);
      expect(checked.text).toMatch(/<td>casting vote<\/td>\s*<td>not recorded<\/td>/);
      expect(checked.text).toMatch(/<td>defeated, 1 for, 1 against, 1 abstain;[^<]*<\/td>\s*<td>carried, 1 for, 1 against, 1 abstain;/);
    });
    await officer.post(page, { ...fields, action: 'record' }).expect(303);
    expect(await decisionOf()).toMatchObject({ outcome: 'carried', castingVote: { vote: 'for' } });
  });
});

/**
 * Part 2 and minutes from the workspace: the entitled officer reads the Part 2 text, others do not; taking an item
 * into Part 2 and erasing its content each ask to confirm, writing nothing until confirmed; minutes of an earlier
 * meeting approved at a later one with amendments.
 */
describe('the workspace: Part 2 and minutes approval', () => {
  let ledger: LedgerTestApp;
  let officer: WorkspaceSession;
  let stranger: WorkspaceSession;
  const later = 'cabinet-2019-04';
  const part2 = (itemId: string) => `/workspace/meetings/${meetingId}/items/${itemId}/confidentiality`;
  const given = (path: string, data: object) => givenBy(ledger, path, data);
  const publicItem = async (itemId: string) =>
    ((await ledger.http().get(`/meetings/${meetingId}`).expect(200)).body.items as { id: string }[]).find((each) => each.id === itemId);

  beforeAll(async () => {
    ledger = await startLedger();
    await establishCabinet(given);
    await given(`/bodies/${bodyId}/memberships`, {
      membershipId: 'cabinet-chair',
      member: { seat: 'chair' },
      role: 'member',
      voting: true,
      from: '2013-04-01',
    });
    await given('/meetings', { meetingId, date: '2019-03-14', bodies: [{ bodyId, quorum: 1 }] });
    await given('/meetings', { meetingId: later, date: '2019-04-11', bodies: [{ bodyId, quorum: 1 }] });
    const confidential = { paragraph: 3, publicInterestReason: 'commercial prices', publicSummary: 'Award of the leisure contract' };
    await given(`/meetings/${meetingId}/items`, {
      itemId: 'tender',
      title: 'Leisure tender',
      text: 'Bid prices: 1.2m and 1.4m',
      functions: [],
      areas: [],
      confidential,
    });
    await given(`/meetings/${meetingId}/items`, {
      itemId: 'staffing',
      title: 'Staffing',
      text: 'The named employee',
      functions: [],
      areas: [],
    });
    const keys = ledger.app.get(ApiKeys);
    officer = await signInToWorkspace(ledger, keys.create('officer', ['wirral-council'], { person: 'Olive Officer' }).token);
    stranger = await signInToWorkspace(ledger, keys.create('officer', ['nhs-other-ccg'], { person: 'Sam Stranger' }).token);
  });
  afterAll(() => ledger.close());

  it('shows the Part 2 text to the entitled officer, and not to an officer of another body', async () => {
    const entitled = await officer.get(part2('tender')).expect(200);
    expect(entitled.text).toContain('Bid prices: 1.2m and 1.4m');
    expect(entitled.text).toContain('paragraph 3 of Schedule 12A');
    expect(entitled.text).toContain('Make public from a date');
    const other = await stranger.get(part2('tender')).expect(200);
    expect(other.text).not.toContain('Bid prices');
    expect(other.text).toContain('not entitled');
    expect(other.text).toContain('Award of the leisure contract');
    await officer.get(part2('no-such-item')).expect(404);
  });

  it('takes an item into Part 2 only once confirmed: the check writes nothing, the confirmation page says what it means', async () => {
    const form = await officer.get(part2('staffing')).expect(200);
    const fields = {
      commandId: /action="[^"]*\/impose"[\s\S]*?name="commandId" value="([^"]+)"/.exec(form.text)![1],
      'impose-paragraph': '1',
      'impose-reason': 'information about a named employee',
      'impose-summary': 'A staffing matter',
      'impose-source': 'Cabinet minute 12',
    };
    await ledger.expectNothingWritten(async () => {
      const asked = await officer.post(`${part2('staffing')}/impose`, fields).expect(200);
      expect(asked.text).toContain('Take this item into Part 2?');
      expect(asked.text).toContain('recorded for good');
      expect(asked.text).toMatch(/name="confirmed"\s+value="yes"/);
      const foreign = await stranger.post(`${part2('staffing')}/impose`, { ...fields, confirmed: 'yes' }).expect(403);
      expect(foreign.text).toContain('The ledger did not record this');
      await officer.post(`${part2('staffing')}/impose`, { ...fields, confirmed: 'yes' }, { csrf: null }).expect(403);
      const refused = await officer.post(`${part2('tender')}/impose`, fields).expect(409);
      expect(refused.text).toContain('The ledger did not record this');
      expect(refused.text).toMatch(/id="impose-reason"[^>]*>information about a named employee</);
    });
    await officer.post(`${part2('staffing')}/impose`, { ...fields, confirmed: 'yes' }).expect(303);
    await ledger.expectNothingWritten(() => officer.post(`${part2('staffing')}/impose`, { ...fields, confirmed: 'yes' }).expect(303));
    expect(await publicItem('staffing')).toMatchObject({
      redacted: true,
      confidential: { paragraph: 1, publicSummary: 'A staffing matter' },
    });
  });

  it("erases an item's content only once confirmed, after a page that says it cannot be undone", async () => {
    const fields = { 'erase-reason': 'personal data recorded in error', 'erase-source': 'Monitoring officer' };
    await ledger.expectNothingWritten(async () => {
      const asked = await officer.post(`${part2('staffing')}/erase`, fields).expect(200);
      expect(asked.text).toContain('This cannot be undone.');
      expect(asked.text).toContain('destroys the key');
      expect(asked.text).toContain('still verifies');
      const missing = await officer.post(`${part2('staffing')}/erase`, { ...fields, 'erase-reason': '' }).expect(400);
      expect(missing.text).toMatch(/id="erase-reason-error"/);
      for (const hostile of ['../x', 'unknown']) expect((await officer.post(`${part2('staffing')}/${hostile}`, fields)).status).toBe(404);
    });
    const asked = await officer.post(`${part2('staffing')}/erase`, fields).expect(200);
    const commandId = /name="commandId" value="([^"]+)"/.exec(asked.text)![1];
    const done = await officer.post(`${part2('staffing')}/erase`, { ...fields, commandId, confirmed: 'yes' }).expect(303);
    expect(done.headers.location).toBe(`${part2('staffing')}?done=erase`);
    const after = await officer.get(done.headers.location as string).expect(200);
    expect(after.text).toContain('The item&#39;s content was erased.');
    expect(after.text).not.toContain('The named employee');
    expect(after.text).toContain('[erased]');
    // Content about the item may yet be sealed under its next key (an amendment at a later meeting): the form stays.
    expect(after.text).toContain(`action="${part2('staffing')}/erase"`);
    const again = { ...fields, 'erase-reason': 'erased again' };
    const askedAgain = await officer.post(`${part2('staffing')}/erase`, again).expect(200);
    const againId = /name="commandId" value="([^"]+)"/.exec(askedAgain.text)![1];
    await officer.post(`${part2('staffing')}/erase`, { ...again, commandId: againId, confirmed: 'yes' }).expect(303);
    expect((await officer.get(part2('staffing')).expect(200)).text).toContain('erased again');
    // What the confirmation page promised: the log is unchanged and still verifies, every entry its logged leaf.
    const log = (await ledger.http().get('/events?from=1&limit=1000').expect(200)).body.events as { matchesLoggedLeaf: boolean }[];
    expect(log.length).toBeGreaterThan(0);
    expect(log.every((entry) => entry.matchesLoggedLeaf)).toBe(true);
  });

  it('answers hostile input to the Part 2 and minutes forms with a page, never a 5xx, writing nothing', async () => {
    const hostile = ['<script>alert(1)</script>', 'x'.repeat(15_000), '\u0000\uFFFF', '{"$where":1}', '../../etc/passwd'];
    await ledger.expectNothingWritten(async () => {
      for (const text of hostile) {
        for (const [path, form] of [
          [`${part2('tender')}/impose`, { 'impose-paragraph': text, 'impose-reason': text, 'impose-summary': text, 'impose-source': text }],
          [`${part2('tender')}/lift`, { 'lift-effective': text, 'lift-reason': text, 'lift-source': text, commandId: text }],
          [`${part2('tender')}/erase`, { 'erase-reason': text, 'erase-source': text }],
          [`/workspace/meetings/${later}/minutes`, { minutesOfMeetingId: text, approval: text, amendments: text, source: text }],
          [`/workspace/meetings/${encodeURIComponent(text)}/minutes`, { approval: 'as-correct-record' }],
        ] as const) {
          const answer = await officer.post(path, form);
          const at = answer.text.indexOf('<script>alert');
          expect([path, answer.status < 500, answer.text.slice(at - 300, at + 50)]).toEqual([path, true, '']);
        }
      }
    });
  });

  it('makes a Part 2 item public from a date', async () => {
    await officer
      .post(`${part2('tender')}/lift`, { 'lift-effective': '2030-01-01', 'lift-reason': 'contract ends', 'lift-source': 'Minute 14' })
      .expect(303);
    expect(await publicItem('tender')).toMatchObject({ confidential: { lifted: '2030-01-01' } });
  });

  it('approves the minutes of an earlier meeting of the body with amendments; refusals keep what was typed', async () => {
    const page = `/workspace/meetings/${later}/minutes`;
    const form = await officer.get(page).expect(200);
    expect(form.text).toMatch(new RegExp(`<option value="${meetingId}"\\s+selected>Meeting of 14 March 2019</option>`));
    const fields = { commandId: /name="commandId" value="([^"]+)"/.exec(form.text)![1], minutesOfMeetingId: meetingId, source: 'Minute 1' };
    await ledger.expectNothingWritten(async () => {
      const refused = await officer.post(page, { ...fields, approval: 'subject-to-amendments', amendments: '\n  \n' });
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
      expect(refused.text).toContain('The ledger did not record this');
      await stranger.post(page, { ...fields, approval: 'as-correct-record' }).expect(403);
    });
    const amendments = 'Item 2: the summary read "leisure", not "library"\nAttendance: the chair arrived at 10:05';
    const done = await officer.post(page, { ...fields, approval: 'subject-to-amendments', amendments }).expect(303);
    expect(done.headers.location).toBe(`${page}?done=1`);
    const view = (await ledger.http().get(`/meetings/${later}`).set('Authorization', ledger.keys.admin).expect(200)).body;
    expect(view.minutesApproved).toEqual([
      expect.objectContaining({ minutesOfMeetingId: meetingId, approval: 'subject-to-amendments', amendments: amendments.split('\n') }),
    ]);
    expect((await officer.get(done.headers.location as string).expect(200)).text).toContain('the chair arrived at 10:05');
  });

  it('approves minutes with amendments about items chosen by title, Part 2 marked; a refusal is shown beside its row', async () => {
    const [minuted, approving] = ['cabinet-2019-05-02', 'cabinet-2019-05-09'];
    await given('/meetings', { meetingId: minuted, date: '2019-05-02', bodies: [{ bodyId, quorum: 1 }] });
    await given('/meetings', { meetingId: approving, date: '2019-05-09', bodies: [{ bodyId, quorum: 1 }] });
    const item = { functions: [], areas: [] };
    await given(`/meetings/${minuted}/items`, { ...item, itemId: 'pool', title: 'Pooled budget', text: 'The pooled budget' });
    const confidential = { paragraph: 3, publicInterestReason: 'commercial rent', publicSummary: 'A lease of the depot' };
    await given(`/meetings/${minuted}/items`, { ...item, itemId: 'lease', title: 'Depot lease', text: 'Rent 40k', confidential });
    const page = `/workspace/meetings/${approving}/minutes`;
    // The latest earlier meeting is chosen, its items listed by title, the Part 2 one marked.
    const form = await officer.get(page).expect(200);
    expect(form.text).toMatch(/<option value="pool"\s*>Pooled budget<\/option>/);
    expect(form.text).toMatch(/<option value="lease"\s*>Depot lease \(Part 2\)<\/option>/);
    const commandId = /name="commandId" value="([^"]+)"/.exec(form.text)![1];
    // No script: another meeting chosen, its items are listed by asking for them.
    await ledger.expectNothingWritten(async () => {
      const shown = await officer.post(page, { commandId, minutesOfMeetingId: meetingId, show: 'items' }).expect(200);
      expect(shown.text).toMatch(/<option value="tender"\s*>Leisure tender \(Part 2, public from 1 January 2030\)<\/option>/);
      expect(shown.text).not.toContain('Pooled budget');
    });
    const fields = { commandId, minutesOfMeetingId: minuted, approval: 'subject-to-amendments', source: 'Minute 1' };
    await ledger.expectNothingWritten(async () => {
      // The second row names an item with no text: the refusal is shown beside that row's text.
      const refused = await officer.post(page, { ...fields, 'amendment-2-item': 'lease', 'amendment-2-text': '  ' });
      expect(refused.status).toBe(400);
      expect(refused.text).toMatch(/<textarea\s+id="amendment-2-text"[^>]*aria-invalid="true"/);
      expect(refused.text).toContain('<a href="#amendment-2-text">');
      // An item of another meeting than the one chosen: beside that row's item.
      const other = await officer.post(page, { ...fields, 'amendment-1-item': 'tender', 'amendment-1-text': 'x' });
      expect(other.status).toBe(422);
      expect(other.text).toMatch(/<select\s+id="amendment-1-item"[^>]*aria-invalid="true"/);
    });
    const done = await officer
      .post(page, {
        ...fields,
        'amendment-1-item': 'pool',
        'amendment-1-text': 'Pooled budget: 2.1m, not 2.4m',
        'amendment-2-item': 'lease',
        'amendment-2-text': 'Depot lease: ten years, not five',
        'amendment-3-text': 'Apologies: add the chair',
      })
      .expect(303);
    const recorded = (await ledger.http().get(`/meetings/${approving}`).set('Authorization', ledger.keys.admin).expect(200)).body;
    expect(recorded.minutesApproved).toEqual([
      {
        minutesOfMeetingId: minuted,
        approval: 'subject-to-amendments',
        amendments: ['Apologies: add the chair'],
        itemAmendments: [
          { itemId: 'pool', title: 'Pooled budget', text: 'Pooled budget: 2.1m, not 2.4m' },
          { itemId: 'lease', title: 'Depot lease', text: 'Depot lease: ten years, not five' },
        ],
      },
    ]);
    // The public reads the amendment about the public item only.
    expect((await ledger.http().get(`/meetings/${minuted}`).expect(200)).body.minutes).toEqual([
      {
        atMeetingId: approving,
        atMeetingDate: '2019-05-09',
        approval: 'subject-to-amendments',
        itemAmendments: [{ itemId: 'pool', title: 'Pooled budget', text: 'Pooled budget: 2.1m, not 2.4m' }],
      },
    ]);
    expect((await officer.get(done.headers.location as string).expect(200)).text).toContain(
      'About Depot lease: Depot lease: ten years, not five',
    );
  });
});

/** Keys for admins in the workspace: listed (never a secret), created (the secret shown once), revoked once confirmed. */
describe('the workspace: keys for admins', () => {
  let ledger: LedgerTestApp;
  let admin: WorkspaceSession;
  let officer: WorkspaceSession;
  beforeAll(async () => {
    ledger = await startLedger();
    const keys = ledger.app.get(ApiKeys);
    admin = await signInToWorkspace(ledger, keys.create('admin', [], { person: 'Ada Admin' }).token);
    officer = await signInToWorkspace(ledger, keys.create('officer', ['nhs-test-ccg'], { person: 'Olive Officer' }).token);
  });
  afterAll(() => ledger.close());

  it('is for admins only: an officer gets 403 for the page and every form', async () => {
    await officer.get('/workspace/keys').expect(403);
    await officer.post('/workspace/keys', { person: 'Eve', role: 'admin', bodies: '' }).expect(403);
    expect((await ledger.app.get(ApiKeys).list()).map((key) => key.person)).not.toContain('Eve');
    await ledger.http().get('/workspace/keys').expect(303);
  });

  it('creates a key for a person, showing its secret once; lists keys without secrets; revokes once confirmed, ending its sessions', async () => {
    const refused = await admin.post('/workspace/keys', { person: 'Nia New', role: 'officer', bodies: '' }).expect(400);
    expect(refused.text).toMatch(/id="bodies-error"/);
    expect(refused.text).toMatch(/id="person"[^>]*value="Nia New"/);
    await admin.post('/workspace/keys', { person: 'Hostile', role: 'officer', bodies: '<script>, ../x' }).expect(400);
    await admin.post('/workspace/keys', { person: 'Nia', role: 'emperor', bodies: 'x' }).expect(400);
    await admin.post('/workspace/keys', { person: 'Nia', role: 'officer', bodies: 'x' }, { csrf: null }).expect(403);
    const commandId = commandIdIn((await admin.get('/workspace/keys').expect(200)).text)!;
    const form = { commandId, person: 'Nia New', role: 'officer', bodies: 'nhs-test-ccg, wirral-council' };
    const created = await admin.post('/workspace/keys', form).expect(201);
    const count = (await ledger.app.get(ApiKeys).list()).length;
    const again = await admin.post('/workspace/keys', form).expect(303);
    expect((await admin.get(again.headers.location as string).expect(200)).text).toContain('Its secret was shown once');
    expect((await ledger.app.get(ApiKeys).list()).length).toBe(count);
    const token = /ldg_([0-9a-f]{12})_[A-Za-z0-9_-]{32}/.exec(created.text)!;
    const keyId = token[1];
    const list = await admin.get('/workspace/keys').expect(200);
    expect(list.text).toContain(keyId);
    expect(list.text).toContain('Nia New');
    expect(list.text).toContain('nhs-test-ccg, wirral-council');
    expect(list.text).not.toMatch(/ldg_[0-9a-f]{12}_/);
    const nia = await signInToWorkspace(ledger, token[0]);
    const asked = await admin.post(`/workspace/keys/${keyId}/revoke`, {}).expect(200);
    expect(asked.text).toContain('This cannot be undone.');
    expect((await ledger.app.get(ApiKeys).list()).find((key) => key.keyId === keyId)?.revokedAt).toBeNull();
    await nia.get('/workspace').expect(200);
    await officer.post(`/workspace/keys/${keyId}/revoke`, { confirmed: 'yes' }).expect(403);
    const revoked = await admin.post(`/workspace/keys/${keyId}/revoke`, { confirmed: 'yes' }).expect(303);
    expect(revoked.headers.location).toBe(`/workspace/keys?revoked=${keyId}`);
    expect((await ledger.app.get(ApiKeys).list()).find((key) => key.keyId === keyId)?.revokedAt).toEqual(expect.any(String));
    await nia.get('/workspace').expect(303);
    await admin.post('/workspace/keys/000000000000/revoke', { confirmed: 'yes' }).expect(404);
    await admin.post('/workspace/keys/..%2f/revoke', { confirmed: 'yes' }).expect(404);
  });
});
