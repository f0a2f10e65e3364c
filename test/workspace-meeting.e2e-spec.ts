import { ApiKeys } from '../apps/ledger/src/access/api-keys';
import { LedgerTestApp, startLedger } from './ledger-test-app';
import { csrfIn, signInToWorkspace, WorkspaceSession } from './workspace-session';

/**
 * The meeting as it happens, in the workspace: attendance, late arrivals, and an item's outcome checked by the
 * ledger (a preview: the verdict shown, nothing written) and then recorded in one submission.
 */
const source = { title: 'Workspace meeting test', illustrative: true };
const bodyId = 'nhs-wirral-ccg';
const MEMBERS = ['chair', 'vice-chair', 'gp-1', 'gp-2', 'gp-3', 'nurse', 'lay-1', 'lay-2', 'cfo', 'doctor'];
const meetingId = 'wirral-2019-05';
const commandIdIn = (page: string) => /name="commandId" value="([^"]+)"/.exec(page)?.[1];

describe('the workspace at a meeting', () => {
  let ledger: LedgerTestApp;
  let officer: WorkspaceSession;
  let stranger: WorkspaceSession;
  const given = async (path: string, data: object) =>
    (await ledger.http().post(path).set('Authorization', ledger.keys.admin).send(data).expect(201)).body;
  const meeting = async () => (await ledger.http().get(`/meetings/${meetingId}`).set('Authorization', ledger.keys.admin).expect(200)).body;

  beforeAll(async () => {
    ledger = await startLedger();
    await given('/bodies', { bodyId, kind: 'ccg', name: 'NHS Wirral CCG', areas: ['wirral'], effective: '2013-04-01', source });
    await given('/bodies', {
      bodyId: 'nhs-other-ccg',
      kind: 'ccg',
      name: 'NHS Other CCG',
      areas: ['vale-royal'],
      effective: '2013-04-01',
      source,
    });
    for (const membershipId of MEMBERS) {
      const person = membershipId.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
      await given(`/bodies/${bodyId}/memberships`, {
        membershipId,
        member: { person },
        role: 'member',
        voting: true,
        from: '2013-04-01',
        source,
      });
    }
    await given('/meetings', { meetingId, date: '2019-05-09', bodies: [{ bodyId, quorum: 6 }], location: 'Old Market House', source });
    for (const itemId of ['budget', 'contract', 'estates']) {
      await given(`/meetings/${meetingId}/items`, {
        itemId,
        title: `The ${itemId}`,
        text: `Report on the ${itemId}`,
        functions: ['community-health-services'],
        areas: ['wirral'],
        source,
      });
    }
    const keys = ledger.app.get(ApiKeys);
    officer = await signInToWorkspace(ledger, keys.create('officer', [bodyId], { person: 'Olive Officer' }).token);
    stranger = await signInToWorkspace(ledger, keys.create('officer', ['nhs-other-ccg'], { person: 'Sam Stranger' }).token);
  });
  afterAll(() => ledger.close());

  const attendanceForm = (statuses: Record<string, string>, commandId: string) => ({
    commandId,
    ...Object.fromEntries(Object.entries(statuses).map(([member, status]) => [`status-${member}`, status])),
  });

  it('records attendance from the grid: present, apologies, absent', async () => {
    const page = await officer.get(`/workspace/meetings/${meetingId}/attendance`).expect(200);
    expect(page.text).toContain('Vice chair');
    const statuses = Object.fromEntries(MEMBERS.map((member) => [member, 'present']));
    Object.assign(statuses, { doctor: 'apologies', 'lay-2': 'absent' });
    const answer = await officer
      .post(`/workspace/meetings/${meetingId}/attendance`, attendanceForm(statuses, commandIdIn(page.text)!))
      .expect(303);
    expect(answer.headers.location).toBe(`/workspace/meetings/${meetingId}/attendance?recorded=attendance`);
    const { attendance } = await meeting();
    expect(attendance.present.map((member: { membershipId: string }) => member.membershipId).sort()).toEqual(
      MEMBERS.filter((member) => !['doctor', 'lay-2'].includes(member)).sort(),
    );
    expect(attendance.apologies.map((member: { membershipId: string }) => member.membershipId)).toEqual(['doctor']);
  });

  it('records a late arrival before an item', async () => {
    const page = await officer.get(`/workspace/meetings/${meetingId}/attendance`).expect(200);
    const commandId = /action="\/workspace\/meetings\/[^"]+\/arrivals"[\s\S]*?name="commandId" value="([^"]+)"/.exec(page.text)![1];
    await officer
      .post(`/workspace/meetings/${meetingId}/arrivals`, { commandId, 'arrival-member': 'lay-2', 'arrival-item': 'contract' })
      .expect(303);
    expect((await meeting()).attendance.arrivals).toEqual([expect.objectContaining({ membershipId: 'lay-2', beforeItem: 'contract' })]);
  });

  it('refuses an arrival without its item beside the item, keeping the member chosen, writing nothing', async () => {
    const page = await officer.get(`/workspace/meetings/${meetingId}/attendance`).expect(200);
    const commandId = /action="\/workspace\/meetings\/[^"]+\/arrivals"[\s\S]*?name="commandId" value="([^"]+)"/.exec(page.text)![1];
    let refused: { text: string; status: number } | undefined;
    await ledger.expectNothingWritten(async () => {
      refused = await officer.post(`/workspace/meetings/${meetingId}/arrivals`, {
        commandId,
        'arrival-member': 'gp-2',
        'arrival-item': '',
      });
    });
    expect(refused!.status).toBe(400);
    expect(refused!.text).toMatch(/<a href="#arrival-item">/);
    expect(refused!.text).toMatch(/id="arrival-item-error"/);
    expect(refused!.text).toMatch(/<option value="gp-2"\s+selected/);
    // The refused form keeps its command id: sent again, corrected, it records once.
    expect(refused!.text).toContain(`value="${commandId}"`);
  });

  it('offers only the members in the room for an item', async () => {
    const budget = await officer.get(`/workspace/meetings/${meetingId}/items/budget`).expect(200);
    const contract = await officer.get(`/workspace/meetings/${meetingId}/items/contract`).expect(200);
    expect(budget.text).not.toContain('name="vote-lay-2"');
    expect(contract.text).toContain('name="vote-lay-2"');
    expect(budget.text).not.toContain('name="vote-doctor"');
  });

  const outcomeForm = (commandId: string, action: 'check' | 'record', extra: Record<string, string> = {}) => ({
    commandId,
    action,
    'motion-wording': 'That the budget be approved',
    'motion-mover': 'chair',
    'motion-seconder': 'vice-chair',
    ...Object.fromEntries(MEMBERS.filter((m) => !['doctor', 'lay-2'].includes(m)).map((member) => [`vote-${member}`, 'for'])),
    'vote-cfo': 'against',
    outcome: 'carried',
    resolution: 'The budget for 2019/20 was approved',
    ...extra,
  });

  it('checks an outcome with the ledger: the verdict shown, nothing written', async () => {
    const page = await officer.get(`/workspace/meetings/${meetingId}/items/budget`).expect(200);
    const commandId = commandIdIn(page.text)!;
    let preview: { text: string } | undefined;
    await ledger.expectNothingWritten(async () => {
      preview = await officer.post(`/workspace/meetings/${meetingId}/items/budget`, outcomeForm(commandId, 'check')).expect(200);
    });
    expect(preview!.text).toContain('The ledger’s verdict if you record this');
    expect(preview!.text).toMatch(/Quorum: Met\./);
    expect(preview!.text).toMatch(/7 for, 1 against, 0 abstaining/);
    // What was typed is kept, and the same command id carried on to "record".
    expect(preview!.text).toContain('That the budget be approved');
    expect(commandIdIn(preview!.text)).toBe(commandId);
    expect((await meeting()).items.find((item: { id: string }) => item.id === 'budget').decisions).toEqual([]);
  });

  it('refuses an outcome the votes contradict beside the field, keeping what was typed, writing nothing', async () => {
    const page = await officer.get(`/workspace/meetings/${meetingId}/items/budget`).expect(200);
    let refused: { text: string; status: number } | undefined;
    await ledger.expectNothingWritten(async () => {
      refused = await officer.post(
        `/workspace/meetings/${meetingId}/items/budget`,
        outcomeForm(commandIdIn(page.text)!, 'record', { outcome: 'defeated' }),
      );
    });
    expect(refused!.status).toBe(422);
    expect(refused!.text).toContain('<title>Error: ');
    expect(refused!.text).toMatch(/<a href="#outcome">/);
    expect(refused!.text).toMatch(/id="outcome-error"/);
    expect(refused!.text).toContain('The budget for 2019/20 was approved');
  });

  it('refuses the vote of a member who withdrew, beside that member', async () => {
    const page = await officer.get(`/workspace/meetings/${meetingId}/items/budget`).expect(200);
    const form = outcomeForm(commandIdIn(page.text)!, 'check', {
      'declaration-1-member': 'gp-1',
      'declaration-1-interest': 'partner in a bidding practice',
      'declaration-1-action': 'withdrew',
    });
    let refused: { text: string; status: number } | undefined;
    await ledger.expectNothingWritten(async () => {
      refused = await officer.post(`/workspace/meetings/${meetingId}/items/budget`, form);
    });
    expect(refused!.status).toBe(422);
    expect(refused!.text).toMatch(/<a href="#vote-gp-1">/);
  });

  it('records the outcome once, however often the form is sent', async () => {
    const page = await officer.get(`/workspace/meetings/${meetingId}/items/budget`).expect(200);
    const form = outcomeForm(commandIdIn(page.text)!, 'record');
    const first = await officer.post(`/workspace/meetings/${meetingId}/items/budget`, form).expect(303);
    expect(first.headers.location).toBe(`/workspace/meetings/${meetingId}/items/budget?recorded=outcome`);
    const head = await ledger.head();
    await officer.post(`/workspace/meetings/${meetingId}/items/budget`, form).expect(303);
    expect(await ledger.head()).toEqual(head);
    const decision = (await meeting()).items.find((item: { id: string }) => item.id === 'budget').decisions[0];
    expect(decision).toMatchObject({ outcome: 'carried', counts: { for: 7, against: 1 } });
    const shown = await officer.get(`/workspace/meetings/${meetingId}/items/budget?recorded=outcome`).expect(200);
    expect(shown.text).toContain('The outcome is recorded.');
    expect(shown.text).toContain('The ledger’s verdict');
    expect(shown.text).not.toContain('name="action" value="record"');
  });

  it('refuses an officer of another body (403), writing nothing', async () => {
    const page = await stranger.get(`/workspace/meetings/${meetingId}/items/contract`).expect(200);
    await ledger.expectNothingWritten(async () => {
      const answer = await stranger.post(`/workspace/meetings/${meetingId}/items/contract`, outcomeForm(commandIdIn(page.text)!, 'record'));
      expect(answer.status).toBe(403);
      const attendance = await stranger.post(`/workspace/meetings/${meetingId}/attendance`, { 'status-chair': 'present' });
      expect(attendance.status).toBe(403);
    });
  });

  it('refuses a form without the session’s CSRF token (403), writing nothing', async () => {
    await ledger.expectNothingWritten(async () => {
      await officer.post(`/workspace/meetings/${meetingId}/items/contract`, outcomeForm('x', 'record'), { csrf: null }).expect(403);
      await officer
        .post(`/workspace/meetings/${meetingId}/attendance`, { 'status-chair': 'present' }, { csrf: csrfIn('') ?? 'forged' })
        .expect(403);
    });
  });

  it('answers hostile forms with 4xx, never 5xx, writing nothing', async () => {
    const hostile: Record<string, string>[] = [
      { action: 'record', 'motion-wording': 'x'.repeat(15_000), outcome: 'carried', resolution: 'r' },
      { action: 'record', 'vote-chair': 'maybe', outcome: 'carried', resolution: 'r' },
      { action: 'record', outcome: '<script>alert(1)</script>', resolution: '' },
      { action: 'check', 'declaration-1-member': '../../etc', 'declaration-1-action': 'withdrew', outcome: 'noted', resolution: 'r' },
      { action: 'record', 'casting-vote': 'for', 'casting-chair': 'nobody', outcome: 'carried', resolution: 'r' },
    ];
    await ledger.expectNothingWritten(async () => {
      for (const form of hostile) {
        const answer = await officer.post(`/workspace/meetings/${meetingId}/items/estates`, form);
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        expect(answer.text).not.toContain('<script>alert');
      }
      expect((await officer.get('/workspace/meetings/no-such-meeting/items/x')).status).toBe(404);
      const badId = await officer.get('/workspace/meetings/NOT%20AN%20ID/attendance');
      expect([badId.status, badId.headers['content-type']]).toEqual([404, expect.stringMatching(/^text\/html/)]);
      expect((await officer.post('/workspace/meetings/no-such-meeting/attendance', {})).status).toBe(404);
      expect((await officer.post(`/workspace/meetings/${meetingId}/arrivals`, { 'arrival-member': 'nobody' })).status).toBeLessThan(500);
    });
  });
});
