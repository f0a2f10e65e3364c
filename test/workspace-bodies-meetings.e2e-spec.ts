import { ApiKeys } from '../apps/ledger/src/access/api-keys';
import { Clock } from '../apps/ledger/src/clock/clock';
import { LedgerTestApp, startLedger } from './ledger-test-app';
import { signInToWorkspace, WorkspaceSession } from './workspace-session';

/**
 * The officers' workspace pages for bodies and meetings (issue 20): members over time, meetings upcoming and past,
 * the agenda, its publication, rescheduling and cancelling. Every form records through the one write pipeline,
 * once however often it is sent; a refusal is shown beside the field it names with what was typed, and writes nothing.
 */
const source = { title: 'Workspace bodies and meetings test source' };
const TODAY = '2027-03-05'; // a Friday

/** A page's markup with the layout's whitespace gone: no space beside a tag, one space elsewhere. */
const flat = (page: string) => page.replace(/\s*(<[^>]+>)\s*/g, '$1').replace(/\s+/g, ' ');

/** The form posting to `action` on a page, and its command id. */
function formOn(page: string, action: string): { html: string; commandId: string } {
  const start = page.indexOf(`action="${action}"`);
  if (start < 0) throw new Error(`no form posts to ${action}`);
  const html = page.slice(start, page.indexOf('</form>', start));
  return { html, commandId: /name="commandId" value="([^"]+)"/.exec(html)![1] };
}

/** The message shown beside the input `id` (its `id-error` paragraph). */
const errorBeside = (page: string, id: string) => new RegExp(`<p class="error" id="${id}-error">[^]*?</p>`).exec(page)?.[0];

describe('the workspace: bodies and meetings', () => {
  let ledger: LedgerTestApp;
  let officer: WorkspaceSession;
  let outsider: WorkspaceSession;
  let admin: WorkspaceSession;
  const api = (path: string) => ledger.http().get(path).set('Authorization', ledger.keys.admin);
  const establish = (body: object) =>
    ledger
      .http()
      .post('/bodies')
      .set('Authorization', ledger.keys.admin)
      .send({ kind: 'ccg', areas: ['vale-royal'], effective: '2020-04-01', source, ...body })
      .expect(201);

  beforeAll(async () => {
    ledger = await startLedger();
    jest.spyOn(ledger.app.get(Clock), 'today').mockReturnValue(TODAY);
    await establish({ bodyId: 'place-ccg', name: 'NHS Place CCG' });
    await establish({ bodyId: 'place-ccg-finance', kind: 'committee', name: 'Finance Committee', parentBodyId: 'place-ccg' });
    await establish({ bodyId: 'other-ccg', name: 'NHS Other CCG', areas: ['halton'] });
    const keys = ledger.app.get(ApiKeys);
    officer = await signInToWorkspace(ledger, keys.create('officer', ['place-ccg'], { person: 'Olive Officer' }).token);
    outsider = await signInToWorkspace(ledger, keys.create('officer', ['other-ccg'], { person: 'Oscar Outsider' }).token);
    admin = await signInToWorkspace(ledger, keys.create('admin', [], { person: 'Ada Admin' }).token);
  });
  afterAll(() => ledger.close());

  describe('the home page', () => {
    it("lists the officer's bodies and their committees, linking to each; an admin sees every body", async () => {
      const home = (await officer.get('/workspace').expect(200)).text;
      expect(home).toContain('<a href="/workspace/bodies/place-ccg">NHS Place CCG</a>');
      expect(home).toContain('<a href="/workspace/bodies/place-ccg-finance">Finance Committee</a>');
      expect(home).not.toContain('/workspace/bodies/other-ccg');
      const all = (await admin.get('/workspace').expect(200)).text;
      expect(all).toContain('<a href="/workspace/bodies/other-ccg">NHS Other CCG</a>');
      expect(all).toContain('/workspace/bodies/place-ccg-finance');
    });
  });

  describe('a body: members over time', () => {
    it('shows the body: its kind in words, its committees and a link to its meetings', async () => {
      const page = (await officer.get('/workspace/bodies/place-ccg').expect(200)).text;
      expect(page).toContain('<h1>NHS Place CCG</h1>');
      expect(page).toContain('Clinical commissioning group (CCG)');
      expect(page).toContain('<a href="/workspace/bodies/place-ccg-finance">Finance Committee</a>');
      expect(page).toContain('href="/workspace/bodies/place-ccg/meetings"');
      const committee = (await officer.get('/workspace/bodies/place-ccg-finance').expect(200)).text;
      expect(committee).toMatch(/Committee of<\/dt>\s*<dd><a href="\/workspace\/bodies\/place-ccg">NHS Place CCG<\/a>/);
    });

    it('appoints a member (303 back with a notice), once however often the form is sent', async () => {
      const { commandId } = formOn(
        (await officer.get('/workspace/bodies/place-ccg').expect(200)).text,
        '/workspace/bodies/place-ccg/memberships',
      );
      const form = {
        commandId,
        person: 'Dr Jane Smith',
        seat: '',
        role: 'chair',
        voting: 'yes',
        from: '2020-04-01',
        membershipId: '',
        source: 'Constitution, 2020',
      };
      const answer = await officer.post('/workspace/bodies/place-ccg/memberships', form).expect(303);
      expect(answer.headers.location).toBe('/workspace/bodies/place-ccg?recorded=appointed');
      await ledger.expectNothingWritten(async () => {
        await officer.post('/workspace/bodies/place-ccg/memberships', form).expect(303);
      });
      const body = (await api('/bodies/place-ccg').expect(200)).body;
      expect(body.memberships).toEqual([
        expect.objectContaining({
          membershipId: 'dr-jane-smith',
          member: { person: 'Dr Jane Smith' },
          role: 'chair',
          voting: true,
          from: '2020-04-01',
          to: null,
        }),
      ]);
      const page = (await officer.get(answer.headers.location).expect(200)).text;
      expect(page).toContain('The membership was recorded.');
      expect(page).toMatch(/<th scope="row">Dr Jane Smith<\/th>\s*<td>Chair<\/td>\s*<td>Voting<\/td>\s*<td>From 1 April 2020<\/td>/);
    });

    it('cites the source the officer named, or the workspace and the person by default', async () => {
      await ledger.settled();
      const changes = (await ledger.http().get('/ledger/changes').set('Authorization', ledger.keys.auditor).expect(200)).body.changes as {
        type: string;
        person: string;
      }[];
      expect(changes.find((change) => change.type === 'MemberAppointed')?.person).toBe('Olive Officer');
      const { commandId } = formOn(
        (await officer.get('/workspace/bodies/place-ccg').expect(200)).text,
        '/workspace/bodies/place-ccg/memberships',
      );
      await officer
        .post('/workspace/bodies/place-ccg/memberships', {
          commandId,
          person: '',
          seat: 'Healthwatch representative',
          role: 'member',
          from: '2020-04-01',
        })
        .expect(303);
      const body = (await api('/bodies/place-ccg').expect(200)).body;
      const seat = body.memberships.find((m: { membershipId: string }) => m.membershipId === 'healthwatch-representative');
      expect(seat).toMatchObject({ member: { seat: 'Healthwatch representative' }, voting: false });
      expect(JSON.stringify(seat.source ?? seat)).toContain("Recorded by Olive Officer in the officers' workspace");
    });

    it('gives a form without a command id (not from a workspace page) its own: two such forms are two commands', async () => {
      const before = (await api('/bodies/place-ccg').expect(200)).body.memberships.length;
      for (const person of ['First Without', 'Second Without'])
        await officer.post('/workspace/bodies/place-ccg/memberships', { person, role: 'member', from: '2020-04-01' }).expect(303);
      expect((await api('/bodies/place-ccg').expect(200)).body.memberships).toHaveLength(before + 2);
    });

    it('refuses an appointment with a bad date: 400, the message beside the date, everything typed kept, nothing written', async () => {
      const { commandId } = formOn(
        (await officer.get('/workspace/bodies/place-ccg').expect(200)).text,
        '/workspace/bodies/place-ccg/memberships',
      );
      await ledger.expectNothingWritten(async () => {
        const refused = await officer
          .post('/workspace/bodies/place-ccg/memberships', {
            commandId,
            person: 'Mr Typed <Kept>',
            role: 'lay member',
            voting: 'yes',
            from: '31/02/2020',
          })
          .expect(400);
        expect(refused.text).toContain('<title>Error: NHS Place CCG');
        expect(refused.text).toContain('The ledger did not record this');
        expect(errorBeside(refused.text, 'from')).toMatch(/from/);
        expect(refused.text).toContain('value="Mr Typed &lt;Kept&gt;"');
        expect(refused.text).toContain('value="31/02/2020"');
        expect(refused.text).toContain('value="lay member"');
        // The same form, kept: its command id goes back with it.
        expect(formOn(refused.text, '/workspace/bodies/place-ccg/memberships').commandId).toBe(commandId);
      });
    });

    it('ends a membership with its date; a second end is refused beside the date, nothing written', async () => {
      const page = (await officer.get('/workspace/bodies/place-ccg').expect(200)).text;
      const action = '/workspace/bodies/place-ccg/memberships/dr-jane-smith/end';
      const { html, commandId } = formOn(page, action);
      expect(html).toContain(`value="${TODAY}"`);
      await officer.post(action, { commandId, 'end-dr-jane-smith-to': '2021-04-01' }).expect(303);
      const body = (await api('/bodies/place-ccg').expect(200)).body;
      expect(body.memberships.find((m: { membershipId: string }) => m.membershipId === 'dr-jane-smith').to).toBe('2021-04-01');
      const after = (await officer.get('/workspace/bodies/place-ccg').expect(200)).text;
      expect(after).toContain('1 April 2020 to 31 March 2021');
      expect(after).not.toContain(`action="${action}"`);
      await ledger.expectNothingWritten(async () => {
        const again = await officer.post(action, { commandId: 'another-command', 'end-dr-jane-smith-to': '2022-04-01' });
        expect(again.status).toBeGreaterThanOrEqual(400);
        expect(again.status).toBeLessThan(500);
        expect(again.text).toContain('The ledger did not record this');
      });
    });
  });

  describe('a joint committee: members acting for the bodies that formed it', () => {
    it('offers the bodies a member may act for, records the one chosen and names it', async () => {
      await establish({ bodyId: 'place-joint', kind: 'joint-committee', name: 'Place Joint Committee', areas: [] });
      const page = (await admin.get('/workspace/bodies/place-joint').expect(200)).text;
      const { html, commandId } = formOn(page, '/workspace/bodies/place-joint/memberships');
      expect(html).toContain('<label for="onBehalfOfBodyId">Acts for</label>');
      expect(html).toContain('<option value="place-ccg" >NHS Place CCG</option>');
      await ledger.expectNothingWritten(async () => {
        const refused = await admin.post('/workspace/bodies/place-joint/memberships', {
          commandId,
          person: 'Cllr Ann Other',
          role: 'member',
          voting: 'yes',
          from: '2020-04-01',
          onBehalfOfBodyId: 'no-such-body',
        });
        expect(refused.status).toBe(404);
        expect(refused.text).toContain('value="Cllr Ann Other"');
      });
      const form = {
        commandId,
        person: 'Cllr Ann Other',
        role: 'member',
        voting: 'yes',
        from: '2020-04-01',
        onBehalfOfBodyId: 'place-ccg',
      };
      await admin.post('/workspace/bodies/place-joint/memberships', form).expect(303);
      const [membership] = (await api('/bodies/place-joint').expect(200)).body.memberships;
      expect(membership).toMatchObject({ member: { person: 'Cllr Ann Other' }, onBehalfOfBodyId: 'place-ccg' });
      expect(flat((await admin.get('/workspace/bodies/place-joint').expect(200)).text)).toContain('<td>Member, for NHS Place CCG</td>');
      // A body that is not joint offers no such choice.
      expect((await admin.get('/workspace/bodies/place-ccg').expect(200)).text).not.toContain('Acts for');
    });
  });

  describe('meetings of a body', () => {
    it('schedules a meeting (its id from the body and the date) and lists it as upcoming', async () => {
      const list = (await officer.get('/workspace/bodies/place-ccg/meetings').expect(200)).text;
      expect(list).toContain('No meeting to come is recorded.');
      const { commandId } = formOn(list, '/workspace/bodies/place-ccg/meetings');
      const answer = await officer
        .post('/workspace/bodies/place-ccg/meetings', {
          commandId,
          date: '2027-03-17',
          time: '14:00',
          location: 'Wyvern House',
          quorum: '3',
          meetingId: '',
        })
        .expect(303);
      expect(answer.headers.location).toBe('/workspace/meetings/place-ccg-2027-03-17?recorded=scheduled');
      const meeting = (await api('/meetings/place-ccg-2027-03-17').expect(200)).body;
      expect(meeting).toMatchObject({
        date: '2027-03-17',
        time: '14:00',
        location: 'Wyvern House',
        status: 'scheduled',
        bodies: [{ bodyId: 'place-ccg', quorum: 3 }],
      });
      const after = (await officer.get('/workspace/bodies/place-ccg/meetings').expect(200)).text;
      expect(flat(after)).toContain(
        '<a href="/workspace/meetings/place-ccg-2027-03-17">17 March 2027 at 14:00</a></th><td>Wyvern House</td><td>Scheduled',
      );
    });

    it('refuses a meeting without a quorum beside the quorum, keeping the date typed; lists a past meeting as held', async () => {
      const { commandId } = formOn(
        (await officer.get('/workspace/bodies/place-ccg/meetings').expect(200)).text,
        '/workspace/bodies/place-ccg/meetings',
      );
      await ledger.expectNothingWritten(async () => {
        const refused = await officer
          .post('/workspace/bodies/place-ccg/meetings', { commandId, date: '2027-03-10', quorum: 'three' })
          .expect(400);
        expect(errorBeside(refused.text, 'quorum')).toBeDefined();
        expect(refused.text).toContain('value="2027-03-10"');
        expect(refused.text).toContain('value="three"');
      });
      await officer.post('/workspace/bodies/place-ccg/meetings', { commandId, date: '2027-03-10', quorum: '2' }).expect(303);
      const { commandId: past } = formOn(
        (await officer.get('/workspace/bodies/place-ccg/meetings').expect(200)).text,
        '/workspace/bodies/place-ccg/meetings',
      );
      await officer
        .post('/workspace/bodies/place-ccg/meetings', { commandId: past, date: '2027-01-20', quorum: '2', location: 'Chester' })
        .expect(303);
      const list = (await officer.get('/workspace/bodies/place-ccg/meetings').expect(200)).text;
      const [upcoming, held] = list.split('<h2>Past</h2>');
      expect(upcoming).toContain('10 March 2027');
      expect(flat(held)).toContain('20 January 2027</a></th><td>Chester</td><td>Held');
    });
  });

  describe('a meeting: its agenda', () => {
    const M = '/workspace/meetings/place-ccg-2027-03-17';

    it('shows the overview, links to attendance, minutes and corrections, and the notice publishing today would give', async () => {
      const page = (await officer.get(M).expect(200)).text;
      expect(page).toContain('Meeting of NHS Place CCG, 17 March 2027');
      expect(page).toMatch(/<dt>Status<\/dt>\s*<dd>Scheduled/);
      for (const part of ['attendance', 'minutes', 'corrections']) expect(page).toContain(`href="${M}/${part}"`);
      // 8 to 16 March 2027, less the weekend: 7 clear working days.
      expect(page).toContain('the agenda gives 7 clear working days before the meeting');
      expect(page).not.toContain('Warning:');
      const soon = (await officer.get('/workspace/meetings/place-ccg-2027-03-10').expect(200)).text;
      expect(flat(soon)).toContain('<strong>Warning:</strong>published today (5 March 2027), the agenda gives only 2 clear working days');
    });

    it('adds an item, its id from the title, with functions and areas in words and Part 2', async () => {
      const { commandId } = formOn((await officer.get(M).expect(200)).text, `${M}/items`);
      const answer = await officer
        .post(`${M}/items`, {
          commandId,
          title: 'Community services contract award',
          text: 'The tender prices of the bidders.',
          'function-community-health-services': 'yes',
          'area-vale-royal': 'yes',
          part2: 'yes',
          paragraph: '3',
          reason: 'the public interest in withholding the prices outweighs disclosure',
          summary: 'Award of the community services contract',
        })
        .expect(303);
      expect(answer.headers.location).toBe(`${M}?recorded=item`);
      const meeting = (await api('/meetings/place-ccg-2027-03-17').expect(200)).body;
      expect(meeting.items).toEqual([
        expect.objectContaining({
          id: 'community-services-contract-award',
          functions: ['community-health-services'],
          areas: ['vale-royal'],
          confidential: expect.objectContaining({ paragraph: 3, publicSummary: 'Award of the community services contract' }),
        }),
      ]);
      const page = (await officer.get(answer.headers.location).expect(200)).text;
      expect(page).toContain('The agenda item was recorded.');
      expect(page).toContain(`<a href="${M}/items/community-services-contract-award">Community services contract award</a>`);
      expect(page).toContain('Part 2 (paragraph 3)');
      expect(page).toContain('Community health services;');
      expect(page).toContain('Vale Royal');
    });

    it('refuses a Part 2 item without its reason beside the reason, keeping every box ticked and text typed', async () => {
      const { commandId } = formOn((await officer.get(M).expect(200)).text, `${M}/items`);
      await ledger.expectNothingWritten(async () => {
        const refused = await officer
          .post(`${M}/items`, {
            commandId,
            title: 'Estates lease',
            text: 'The lease.',
            'area-halton': 'yes',
            part2: 'yes',
            paragraph: '3',
            reason: '',
            summary: 'A lease',
          })
          .expect(400);
        expect(errorBeside(refused.text, 'reason')).toMatch(/publicInterestReason/);
        expect(refused.text).toContain('value="Estates lease"');
        expect(flat(refused.text)).toContain('id="area-halton" name="area-halton" value="yes" checked');
        expect(flat(refused.text)).toContain('id="part2" name="part2" value="yes" checked');
        expect(refused.text).toMatch(/<option value="3" selected>/);
      });
    });

    it('publishes the agenda (today by default), then shows it with its clear days and no form', async () => {
      const page = (await officer.get(M).expect(200)).text;
      const { html, commandId } = formOn(page, `${M}/agenda-publication`);
      expect(html).toContain(`value="${TODAY}"`);
      await ledger.expectNothingWritten(async () => {
        const refused = await officer.post(`${M}/agenda-publication`, { commandId, publishedOn: '2027-03-08' }).expect(422);
        expect(errorBeside(refused.text, 'publishedOn')).toContain('still to come');
      });
      await officer.post(`${M}/agenda-publication`, { commandId, publishedOn: TODAY }).expect(303);
      const meeting = (await api('/meetings/place-ccg-2027-03-17').expect(200)).body;
      expect(meeting.agenda).toEqual({ publishedOn: TODAY, clearDays: 7, late: false });
      const after = (await officer.get(M).expect(200)).text;
      expect(flat(after)).toContain('Published 5 March 2027, 7 clear working days before the meeting');
      expect(after).not.toContain(`action="${M}/agenda-publication"`);
    });

    it('reschedules a meeting with its reason, and cancels another; a cancelled one offers no forms', async () => {
      const page = (await officer.get(M).expect(200)).text;
      const { commandId } = formOn(page, `${M}/rescheduling`);
      await ledger.expectNothingWritten(async () => {
        const refused = await officer
          .post(`${M}/rescheduling`, { commandId, 'new-date': '2027-03-24', 'reschedule-reason': '' })
          .expect(400);
        expect(errorBeside(refused.text, 'reschedule-reason')).toBeDefined();
        expect(refused.text).toContain('value="2027-03-24"');
      });
      await officer
        .post(`${M}/rescheduling`, {
          commandId,
          'new-date': '2027-03-24',
          'new-time': '10:00',
          'reschedule-reason': 'the chair is unavailable',
        })
        .expect(303);
      const moved = (await api('/meetings/place-ccg-2027-03-17').expect(200)).body;
      expect(moved).toMatchObject({ date: '2027-03-24', time: '10:00', status: 'rescheduled' });
      expect((await officer.get(M).expect(200)).text).toContain('from 17 March 2027 to 24 March 2027: the chair is unavailable');

      const other = '/workspace/meetings/place-ccg-2027-03-10';
      const { commandId: cancelId } = formOn((await officer.get(other).expect(200)).text, `${other}/cancellation`);
      await officer.post(`${other}/cancellation`, { commandId: cancelId, 'cancel-reason': 'no business to transact' }).expect(303);
      expect((await api('/meetings/place-ccg-2027-03-10').expect(200)).body.status).toBe('cancelled');
      const cancelled = (await officer.get(other).expect(200)).text;
      expect(cancelled).toContain('Cancelled: no business to transact');
      expect(cancelled).not.toMatch(/<form method="post" action="\/workspace\/meetings/);
    });
  });

  describe('committees in common', () => {
    it("schedules two bodies' committees meeting in common, each with its quorum; an officer of one alone is refused", async () => {
      await establish({
        bodyId: 'other-ccg-finance',
        kind: 'committee',
        name: 'Other Finance Committee',
        parentBodyId: 'other-ccg',
        areas: [],
      });
      const path = '/workspace/bodies/place-ccg-finance/meetings';
      const page = (await officer.get(path).expect(200)).text;
      expect(page).toContain('<option value="other-ccg-finance" >Other Finance Committee</option>');
      const form = { date: '2027-04-14', quorum: '2', inCommonWith: 'other-ccg-finance', inCommonQuorum: '3' };
      await ledger.expectNothingWritten(async () => {
        const refused = await officer.post(path, { commandId: formOn(page, path).commandId, ...form }).expect(403);
        expect(refused.text).toContain('The ledger did not record this');
        expect(refused.text).toContain('<option value="other-ccg-finance" selected>');
      });
      const { commandId } = formOn((await admin.get(path).expect(200)).text, path);
      await ledger.expectNothingWritten(async () => {
        const refused = await admin.post(path, { commandId, ...form, inCommonQuorum: '' }).expect(400);
        expect(errorBeside(refused.text, 'inCommonQuorum')).toBeDefined();
      });
      const answer = await admin.post(path, { commandId, ...form }).expect(303);
      expect(answer.headers.location).toBe('/workspace/meetings/place-ccg-finance-2027-04-14?recorded=scheduled');
      const meeting = (await api('/meetings/place-ccg-finance-2027-04-14').expect(200)).body;
      expect(meeting).toMatchObject({
        inCommon: true,
        bodies: [
          { bodyId: 'place-ccg-finance', quorum: 2 },
          { bodyId: 'other-ccg-finance', quorum: 3 },
        ],
      });
      const theirs = (await admin.get('/workspace/bodies/other-ccg-finance/meetings').expect(200)).text;
      expect(flat(theirs)).toContain('14 April 2027</a><span class="muted">in common with Finance Committee</span>');
      const overview = flat((await admin.get('/workspace/meetings/place-ccg-finance-2027-04-14').expect(200)).text);
      expect(overview).toContain('<h1>Meeting of Finance Committee and Other Finance Committee, 14 April 2027</h1>');
      expect(overview).toContain('2 voting members of Finance Committee; 3 voting members of Other Finance Committee');
    });
  });

  describe('a meeting scheduled twice, and an item added late', () => {
    const schedule = async (form: Record<string, string>) => {
      const { commandId } = formOn(
        (await officer.get('/workspace/bodies/place-ccg/meetings').expect(200)).text,
        '/workspace/bodies/place-ccg/meetings',
      );
      return officer.post('/workspace/bodies/place-ccg/meetings', { commandId, ...form });
    };

    it('schedules once however often the form is sent, and refuses a second meeting of the day beside its id', async () => {
      const { commandId } = formOn(
        (await officer.get('/workspace/bodies/place-ccg/meetings').expect(200)).text,
        '/workspace/bodies/place-ccg/meetings',
      );
      const form = { commandId, date: '2027-03-09', quorum: '2' };
      await officer.post('/workspace/bodies/place-ccg/meetings', form).expect(303);
      await ledger.expectNothingWritten(async () => {
        const again = await officer.post('/workspace/bodies/place-ccg/meetings', form).expect(303);
        expect(again.headers.location).toBe('/workspace/meetings/place-ccg-2027-03-09?recorded=scheduled');
        const second = await schedule({ date: '2027-03-09', quorum: '2', location: 'Second room' });
        expect(second.status).toBe(409);
        expect(errorBeside(second.text, 'meetingId')).toContain('place-ccg-2027-03-09');
        expect(second.text).toContain('value="Second room"');
      });
    });

    it('asks for the reason of urgency beside it once the agenda is out with fewer than 5 clear days left', async () => {
      const M = '/workspace/meetings/place-ccg-2027-03-09';
      const { commandId: publish } = formOn((await officer.get(M).expect(200)).text, `${M}/agenda-publication`);
      await officer.post(`${M}/agenda-publication`, { commandId: publish, publishedOn: TODAY }).expect(303);
      expect((await api('/meetings/place-ccg-2027-03-09').expect(200)).body.agenda).toEqual({
        publishedOn: TODAY,
        clearDays: 1,
        late: true,
      });
      const page = (await officer.get(M).expect(200)).text;
      expect(flat(page)).toContain('1 clear working day before the meeting<strong class="warning">(late: fewer than 5)</strong>');
      const { commandId } = formOn(page, `${M}/items`);
      await ledger.expectNothingWritten(async () => {
        const refused = await officer.post(`${M}/items`, { commandId, title: 'Urgent lease', text: 'The lease.' }).expect(422);
        expect(errorBeside(refused.text, 'lateReason')).toContain('lateReason');
        expect(refused.text).toContain('value="Urgent lease"');
      });
      await officer
        .post(`${M}/items`, { commandId, title: 'Urgent lease', text: 'The lease.', lateReason: 'the lease ends this month' })
        .expect(303);
      const items = (await api('/meetings/place-ccg-2027-03-09').expect(200)).body.items;
      expect(items).toEqual([expect.objectContaining({ id: 'urgent-lease', lateReason: 'the lease ends this month' })]);
      expect((await officer.get(M).expect(200)).text).toContain('Added late: the lease ends this month');
    });
  });

  describe('forms the ledger must not take', () => {
    it("refuses an officer's form for another body: 403 from the pipeline, shown on the page, nothing written", async () => {
      const page = (await outsider.get('/workspace/bodies/place-ccg').expect(200)).text;
      expect(page).toContain('Your key does not record for this body.');
      expect((await outsider.get('/workspace/meetings/place-ccg-2027-03-17').expect(200)).text).toContain('Your key does not record');
      expect((await officer.get('/workspace/bodies/place-ccg-finance').expect(200)).text).not.toContain('Your key does not record');
      const { commandId } = formOn(page, '/workspace/bodies/place-ccg/memberships');
      await ledger.expectNothingWritten(async () => {
        const refused = await outsider
          .post('/workspace/bodies/place-ccg/memberships', { commandId, person: 'Intruder', role: 'member', from: '2020-04-01' })
          .expect(403);
        expect(refused.text).toContain('The ledger did not record this');
        expect(refused.text).toContain('value="Intruder"');
        await outsider.post('/workspace/bodies/place-ccg/meetings', { commandId: 'x-1', date: '2027-04-01', quorum: '2' }).expect(403);
        await outsider
          .post('/workspace/meetings/place-ccg-2027-03-17/items', { commandId: 'x-2', title: 'Intrusion', text: 'x' })
          .expect(403);
        await outsider
          .post('/workspace/meetings/place-ccg-2027-03-17/cancellation', { commandId: 'x-3', 'cancel-reason': 'x' })
          .expect(403);
      });
    });

    it('refuses a form without its CSRF token, or with another session’s (403, nothing written)', async () => {
      await ledger.expectNothingWritten(async () => {
        const form = { commandId: 'c-1', person: 'No Token', role: 'member', from: '2020-04-01' };
        const missing = await officer.post('/workspace/bodies/place-ccg/memberships', form, { csrf: null }).expect(403);
        expect(missing.text).toContain('This form has expired');
        await officer.post('/workspace/bodies/place-ccg/memberships', form, { csrf: outsider.csrf }).expect(403);
        await officer.post('/workspace/meetings/place-ccg-2027-03-17/items', { title: 'x', text: 'x' }, { csrf: null }).expect(403);
      });
    });

    it('sends an unsigned visitor to the sign-in page', async () => {
      const answer = await ledger.http().get('/workspace/bodies/place-ccg').expect(303);
      expect(answer.headers.location).toBe('/workspace/sign-in');
    });

    it('answers hostile input with a 4xx page, never a 5xx, and writes nothing', async () => {
      const long = 'x'.repeat(15_000);
      await ledger.expectNothingWritten(async () => {
        const answers = [
          await officer.get('/workspace/bodies/no-such-body'),
          await officer.get('/workspace/bodies/no-such-body/meetings'),
          await officer.get('/workspace/meetings/no-such-meeting'),
          await officer.get('/workspace/bodies/Foo%20Bar'),
          await officer.get('/workspace/meetings/__proto__'),
          await officer.post('/workspace/meetings/no-such-meeting/items', { commandId: 'h-1', title: 'x', text: 'x' }),
          await officer.post('/workspace/bodies/no-such-body/memberships', {
            commandId: 'h-2',
            person: 'x',
            role: 'member',
            from: '2020-04-01',
          }),
          await officer.post('/workspace/bodies/place-ccg/memberships/no-such-member/end', {
            commandId: 'h-3',
            'end-no-such-member-to': '2021-01-01',
          }),
          await officer.post('/workspace/meetings/place-ccg-2027-03-17/items', { commandId: 'h-4', title: long, text: long }),
          await officer.post('/workspace/bodies/place-ccg/meetings', { commandId: 'h-5', date: '2027-02-30', quorum: '2' }),
          await officer.post('/workspace/bodies/place-ccg/meetings', {
            commandId: 'h-6',
            date: '2027-04-01',
            quorum: '99999999999999999999',
          }),
          await officer.post('/workspace/bodies/place-ccg/meetings', {
            commandId: 'h-7',
            date: '2027-04-01',
            quorum: '2',
            meetingId: '../../etc',
          }),
          await officer.post('/workspace/meetings/place-ccg-2027-03-17/items', {
            commandId: 'h-8',
            title: 'x',
            text: 'x',
            part2: 'yes',
            paragraph: '12',
          }),
          await officer.post('/workspace/meetings/place-ccg-2027-03-17/rescheduling', {
            commandId: 'h-9',
            'new-date': 'tomorrow',
            'new-time': '25:99',
            'reschedule-reason': 'x',
          }),
          await officer.post('/workspace/bodies/place-ccg/memberships', { commandId: '', person: '', seat: '', role: '', from: '' }),
          await officer.post('/workspace/bodies/place-ccg/memberships', { person: 'No Command Id', role: 'member', from: '1999-01-01' }),
          await officer.post('/workspace/meetings/place-ccg-2027-03-17/items', {
            commandId: 'h-11',
            title: '',
            text: 'x',
            'function-constructor': 'yes',
            __proto__: 'yes',
          }),
          await officer.post('/workspace/bodies/place-ccg/memberships', {
            commandId: 'h-10',
            person: 'x',
            role: 'member',
            from: '2020-04-01',
            membershipId: 'constructor',
          }),
          await officer.post('/workspace/bodies/place-ccg/meetings', {
            date: '2027-05-05',
            quorum: '2',
            inCommonWith: 'place-ccg',
            inCommonQuorum: '2',
          }),
          await officer.post('/workspace/bodies/place-ccg/meetings', {
            date: '2027-05-05',
            quorum: '2',
            inCommonWith: 'Foo Bar',
            inCommonQuorum: 'x',
          }),
          await officer.post('/workspace/bodies/place-ccg/meetings', {
            date: '2027-05-05',
            quorum: '2',
            inCommonWith: 'no-such-body',
            inCommonQuorum: '2',
          }),
        ];
        for (const answer of answers) {
          expect({ status: answer.status, text: answer.status >= 500 ? answer.text : '' }).toEqual({
            status: expect.any(Number),
            text: '',
          });
          expect(answer.status).toBeGreaterThanOrEqual(400);
          expect(answer.status).toBeLessThan(500);
        }
        expect(answers.slice(0, 3).map(({ status }) => status)).toEqual([404, 404, 404]);
        expect(answers[0].text).toContain('The ledger has no record of a body no-such-body');
      });
    });
  });
});
