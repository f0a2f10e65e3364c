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
  const given = async (path: string, data: object) => {
    const answer = await ledger
      .http()
      .post(path)
      .set('Authorization', ledger.keys.admin)
      .send({ source, ...data });
    expect([path, answer.status, answer.body.message]).toEqual([path, 201, undefined]);
    return answer.body;
  };
  const meeting = async () => (await ledger.http().get(`/meetings/${meetingId}`).expect(200)).body;
  const decisionOf = async () => (await meeting()).items[0].decisions[0];

  beforeAll(async () => {
    ledger = await startLedger();
    await given('/bodies', {
      bodyId: 'wirral-council',
      kind: 'local-authority',
      name: 'Wirral Council',
      areas: [],
      effective: '2013-04-01',
    });
    await given('/bodies', {
      bodyId,
      kind: 'committee',
      name: 'Wirral Cabinet',
      areas: [],
      effective: '2013-04-01',
      parentBodyId: 'wirral-council',
    });
    await given('/bodies', { bodyId: 'nhs-other-ccg', kind: 'ccg', name: 'NHS Other CCG', areas: [], effective: '2013-04-01' });
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
      for (const path of [`${page}/new?facts[]=x`, `${page}/new?facts=%00`, `/workspace/meetings/%2e%2e/corrections`]) {
        expect((await officer.get(path)).status).toBeLessThan(500);
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
});
