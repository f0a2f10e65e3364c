import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { CommandImport } from '../apps/ledger/src/import/command-import';
import { LedgerTestApp, startLedger } from './ledger-test-app';

const source = { title: 'Minutes of the governing bodies meeting in common', illustrative: true };
const meeting = '/meetings/cheshire-gbs-2019-09';

describe('the decision register over HTTP: verdicts, committees in common, Part 2 redaction', () => {
  let ledger: LedgerTestApp;
  const post = (path: string, body: object) =>
    ledger
      .http()
      .post(path)
      .set('Authorization', ledger.keys.admin)
      .send({ source, ...body })
      .expect(201);

  beforeAll(async () => {
    ledger = await startLedger();
    for (const [bodyId, name, area] of [
      ['nhs-eastern-cheshire-ccg', 'NHS Eastern Cheshire CCG', 'eastern-cheshire'],
      ['nhs-vale-royal-ccg', 'NHS Vale Royal CCG', 'vale-royal'],
    ]) {
      await post('/bodies', { bodyId, kind: 'ccg', name, areas: [area], effective: '2013-04-01' });
      await post(`/bodies/${bodyId}/statutory-functions`, {
        functions: ['community-health-services'],
        areas: [area],
        from: '2013-04-01',
        act: 'Health and Social Care Act 2012',
      });
      const committee = `${bodyId}-gb`;
      await post('/bodies', {
        bodyId: committee,
        kind: 'committee',
        name: `${name} Governing Body`,
        parentBodyId: bodyId,
        areas: [area],
        effective: '2013-04-01',
      });
      for (const member of ['chair', 'gp', 'nurse']) {
        await post(`/bodies/${committee}/memberships`, {
          membershipId: `${committee}-${member}`,
          member: { seat: member },
          role: member,
          voting: true,
          from: '2013-04-01',
        });
      }
    }
    await post('/meetings', {
      meetingId: 'cheshire-gbs-2019-09',
      date: '2019-09-24',
      inCommon: true,
      location: 'Middlewich',
      bodies: [
        { bodyId: 'nhs-eastern-cheshire-ccg-gb', quorum: 2 },
        { bodyId: 'nhs-vale-royal-ccg-gb', quorum: 2 },
      ],
    });
    await post(`${meeting}/items`, {
      itemId: 'chs-contract',
      title: 'Community health services contract',
      text: 'Award to bidder B at £12.3m',
      functions: ['community-health-services'],
      areas: ['eastern-cheshire', 'vale-royal'],
      confidential: {
        paragraph: 3,
        publicInterestReason: 'tender prices are commercially sensitive',
        publicSummary: 'Award of the community services contract',
      },
    });
    const members = ['nhs-eastern-cheshire-ccg-gb', 'nhs-vale-royal-ccg-gb'].flatMap((gb) =>
      ['chair', 'gp', 'nurse'].map((m) => `${gb}-${m}`),
    );
    await post(`${meeting}/attendance`, { present: members });
    for (const membershipId of members) {
      // Eastern Cheshire carries 3–0; Vale Royal defeats 1–2.
      const vote = membershipId.startsWith('nhs-vale-royal') && !membershipId.endsWith('chair') ? 'against' : 'for';
      await post(`${meeting}/items/chs-contract/votes`, { membershipId, vote });
    }
    await post(`${meeting}/items/chs-contract/decisions`, {
      bodyId: 'nhs-eastern-cheshire-ccg-gb',
      outcome: 'carried',
      resolution: 'Award to bidder B',
    });
    await post(`${meeting}/items/chs-contract/decisions`, {
      bodyId: 'nhs-vale-royal-ccg-gb',
      outcome: 'defeated',
      resolution: 'Award to bidder B',
    });
    await ledger.settled();
  });
  afterAll(() => ledger.close());

  const decision = (bodyId: string, key?: string) => {
    const request = ledger.http().get(`/decisions/cheshire-gbs-2019-09/chs-contract/${bodyId}`);
    return (key ? request.set('Authorization', key) : request).expect(200);
  };

  it('records one decision per committee in common, each with its own derived counts and verdict', async () => {
    const eastern = (await decision('nhs-eastern-cheshire-ccg-gb')).body;
    const valeRoyal = (await decision('nhs-vale-royal-ccg-gb')).body;
    expect([eastern.outcome, eastern.counts]).toEqual(['carried', expect.objectContaining({ for: 3, against: 0 })]);
    expect([valeRoyal.outcome, valeRoyal.counts]).toEqual(['defeated', expect.objectContaining({ for: 1, against: 2 })]);
    expect(eastern.votes).toHaveLength(3);
    for (const view of [eastern, valeRoyal]) {
      expect(view.verdict.valid).toBe(true);
      const authority = view.verdict.findings.find((finding: { rule: string }) => finding.rule === 'authority');
      expect(authority).toMatchObject({ ok: true, citedEvents: expect.arrayContaining([expect.any(String)]) });
    }
  });

  it('shows the public the paragraph, reason, summary and outcome of a Part 2 item, never its text', async () => {
    const view = (await decision('nhs-eastern-cheshire-ccg-gb')).body;
    expect(view.item.confidential).toEqual({
      paragraph: 3,
      publicInterestReason: 'tender prices are commercially sensitive',
      publicSummary: 'Award of the community services contract',
    });
    expect(JSON.stringify(view)).not.toContain('£12.3m');
    expect(JSON.stringify(view)).not.toContain('bidder B');
    expect(view.outcome).toBe('carried');
  });

  it('shows an officer or auditor key the confidential text', async () => {
    const auditorView = (await decision('nhs-eastern-cheshire-ccg-gb', ledger.keys.auditor)).body;
    expect(auditorView.item.text).toBe('Award to bidder B at £12.3m');
    const officerView = (await decision('nhs-vale-royal-ccg-gb', ledger.keys.officerFor('nhs-vale-royal-ccg'))).body;
    expect(officerView.item.text).toBe('Award to bidder B at £12.3m');
  });

  it('needs no key to read, but refuses a key that is not valid (401) rather than reading as the public', async () => {
    await ledger.http().get('/decisions').expect(200);
    const response = await ledger
      .http()
      .get('/decisions/cheshire-gbs-2019-09/chs-contract/nhs-vale-royal-ccg-gb')
      .set('Authorization', 'Bearer ldg_nope_nope')
      .expect(401);
    expect(response.body.message).toMatch(/API key is not valid/);
  });

  it('lists decisions by deciding body, date range and function', async () => {
    const byBody = await ledger.http().get('/decisions?body=nhs-vale-royal-ccg-gb').expect(200);
    expect(byBody.body.decisions.map((d: { decisionId: string }) => d.decisionId)).toEqual([
      'cheshire-gbs-2019-09/chs-contract/nhs-vale-royal-ccg-gb',
    ]);
    const inRange = await ledger.http().get('/decisions?from=2019-09-01&to=2019-10-01&function=community-health-services').expect(200);
    expect(inRange.body.decisions).toHaveLength(2);
    const outOfRange = await ledger.http().get('/decisions?from=2019-09-25').expect(200);
    expect(outOfRange.body.decisions).toHaveLength(0);
  });

  it('judges a decision as known at a position before it was recorded as unknown', async () => {
    await ledger.http().get('/decisions/cheshire-gbs-2019-09/chs-contract/nhs-vale-royal-ccg-gb?asKnownAt=5').expect(404);
  });
});

describe('finding decisions through the meeting calendar, as known at each basis', () => {
  let ledger: LedgerTestApp;
  const post = (path: string, body: object) =>
    ledger
      .http()
      .post(path)
      .set('Authorization', ledger.keys.admin)
      .send({ source, ...body })
      .expect(201);
  const listed = async (query: string) =>
    (await ledger.http().get(`/decisions?${query}`).expect(200)).body.decisions.map(
      (d: { decisionId: string; date: string }) => `${d.decisionId}@${d.date}`,
    );
  const head = async () => (await ledger.http().get('/ledger/head').expect(200)).body.position as number;

  beforeAll(async () => {
    ledger = await startLedger();
    await post('/bodies', { bodyId: 'nhs-wirral-ccg', kind: 'ccg', name: 'NHS Wirral CCG', areas: ['wirral'], effective: '2013-04-01' });
    await post('/bodies/nhs-wirral-ccg/statutory-functions', {
      functions: ['continuing-healthcare'],
      areas: ['wirral'],
      from: '2013-04-01',
      act: 'Health and Social Care Act 2012',
    });
    for (const [meetingId, date] of [
      ['wirral-gb-2019-03', '2019-03-05'],
      ['wirral-gb-2019-05', '2019-05-07'],
    ]) {
      await post('/meetings', { meetingId, date, bodies: [{ bodyId: 'nhs-wirral-ccg', quorum: 1 }] });
      await post(`/meetings/${meetingId}/items`, {
        itemId: 'chc-policy',
        title: 'CHC policy',
        text: 'Adopt the policy',
        functions: ['continuing-healthcare'],
        areas: ['wirral'],
      });
      await post(`/meetings/${meetingId}/items/chc-policy/decisions`, { outcome: 'agreed-without-vote', resolution: 'Adopted' });
    }
    await ledger.settled();
  });
  afterAll(() => ledger.close());

  it('lists a meeting under its corrected date, and under its old one only as known before the correction', async () => {
    const before = await head();
    const [convened] = await (ledger.app.get(EVENT_STORE) as EventStore).readStream('meeting-wirral-gb-2019-03');
    await post('/corrections', {
      stream: 'meeting-wirral-gb-2019-03',
      correctedEventId: convened.id,
      reason: 'the minutes give 12 March',
      changes: { date: '2019-03-12' },
    });
    await ledger.settled();

    expect(await listed('body=nhs-wirral-ccg&from=2019-03-10&to=2019-04-01')).toEqual([
      'wirral-gb-2019-03/chc-policy/nhs-wirral-ccg@2019-03-12',
    ]);
    expect(await listed('body=nhs-wirral-ccg&from=2019-03-01&to=2019-03-10')).toEqual([]);
    expect(await listed(`body=nhs-wirral-ccg&from=2019-03-01&to=2019-03-10&asKnownAt=${before}`)).toEqual([
      'wirral-gb-2019-03/chc-policy/nhs-wirral-ccg@2019-03-05',
    ]);
    expect(await listed(`from=2019-03-10&to=2019-04-01&asKnownAt=${before}`)).toEqual([]);
    expect(await listed('body=nhs-wirral-ccg')).toEqual([
      'wirral-gb-2019-03/chc-policy/nhs-wirral-ccg@2019-03-12',
      'wirral-gb-2019-05/chc-policy/nhs-wirral-ccg@2019-05-07',
    ]);
  });

  it('shows minutes approved at a later meeting on the earlier decision, from when the approval was recorded', async () => {
    const before = await head();
    await post('/meetings/wirral-gb-2019-05/minutes-approvals', { minutesOfMeetingId: 'wirral-gb-2019-03', approval: 'as-correct-record' });
    await ledger.settled();
    const decision = (query = '') => ledger.http().get(`/decisions/wirral-gb-2019-03/chc-policy/nhs-wirral-ccg${query}`).expect(200);
    expect((await decision()).body.minutes).toEqual([
      { atMeetingId: 'wirral-gb-2019-05', atMeetingDate: '2019-05-07', approval: 'as-correct-record', amendments: [] },
    ]);
    expect((await decision(`?asKnownAt=${before}`)).body.minutes).toEqual([]);
    const [listedDecision] = (await ledger.http().get('/decisions?body=nhs-wirral-ccg&to=2019-04-01').expect(200)).body.decisions;
    expect(listedDecision.minutes).toHaveLength(1);
  });

  it('pages the list in register order, saying where the next page starts', async () => {
    const page = async (query: string) => (await ledger.http().get(`/decisions?body=nhs-wirral-ccg&${query}`).expect(200)).body;
    const first = await page('limit=1');
    expect(first).toMatchObject({ offset: 0, limit: 1, next: 1 });
    expect(first.decisions.map((d: { decisionId: string }) => d.decisionId)).toEqual(['wirral-gb-2019-03/chc-policy/nhs-wirral-ccg']);
    const second = await page('limit=1&offset=1');
    expect(second).toMatchObject({ offset: 1, limit: 1, next: null });
    expect(second.decisions.map((d: { decisionId: string }) => d.decisionId)).toEqual(['wirral-gb-2019-05/chc-policy/nhs-wirral-ccg']);
    expect((await page('offset=2')).decisions).toEqual([]);
    expect(await page('')).toMatchObject({ offset: 0, limit: 100, next: null });
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=ten', 'limit'],
      ['offset=-1', 'offset'],
    ]) {
      const refused = await ledger.http().get(`/decisions?${query}`).expect(400);
      expect(JSON.stringify(refused.body)).toContain(field);
    }
  });

  it('answers a timestamp basis with the ledger as it stood after the last event recorded by then', async () => {
    const events = await (ledger.app.get(EVENT_STORE) as EventStore).readAll();
    const third = events[2];
    const response = await ledger
      .http()
      .get(`/decisions?asKnownAt=${encodeURIComponent(third.recordedAt)}`)
      .expect(200);
    expect(response.body.asKnownAt).toEqual({ position: third.globalPosition, recordedAt: third.recordedAt, asked: third.recordedAt });
    // The same instant written in British Summer Time, microseconds kept.
    const inBst = `${new Date(Date.parse(third.recordedAt) + 3_600_000).toISOString().slice(0, 19)}.${third.recordedAt.slice(20, 26)}+01:00`;
    expect(
      (
        await ledger
          .http()
          .get(`/decisions?asKnownAt=${encodeURIComponent(inBst)}`)
          .expect(200)
      ).body.asKnownAt,
    ).toEqual(response.body.asKnownAt);
    const justBefore = `${third.recordedAt.slice(0, 20)}${String(Number(third.recordedAt.slice(20, 26)) - 1).padStart(6, '0')}Z`;
    expect((await ledger.http().get(`/decisions?asKnownAt=${justBefore}`).expect(200)).body.asKnownAt.position).toBe(
      events[1].globalPosition,
    );
    const afterAll = await ledger
      .http()
      .get(`/decisions?asKnownAt=${encodeURIComponent(new Date().toISOString())}`)
      .expect(200);
    expect(afterAll.body.asKnownAt.position).toBe(events[events.length - 1].globalPosition);
    expect(afterAll.body.decisions).toHaveLength(2);
    // A time to come, or a position beyond the head, is not a basis yet: the answer would change as facts arrive.
    for (const asKnownAt of ['2999-01-01T00:00:00Z', String(events[events.length - 1].globalPosition + 1)]) {
      const refused = await ledger.http().get(`/decisions?asKnownAt=${asKnownAt}`).expect(400);
      expect(refused.body).toMatchObject({ statusCode: 400, rule: 'basis-not-reached', field: 'asKnownAt' });
    }
  });
});

describe('paging a long register: meetings folded a batch at a time', () => {
  let ledger: LedgerTestApp;
  const MEETINGS = 150;
  const line = (command: string, data: object) => JSON.stringify({ command, data: { ...data, source } });

  beforeAll(async () => {
    ledger = await startLedger();
    const lines = [
      line('EstablishBody', { bodyId: 'nhs-halton-ccg', kind: 'ccg', name: 'NHS Halton CCG', areas: ['halton'], effective: '2013-04-01' }),
      line('EstablishBody', {
        bodyId: 'nhs-knowsley-ccg',
        kind: 'ccg',
        name: 'NHS Knowsley CCG',
        areas: ['knowsley'],
        effective: '2013-04-01',
      }),
    ];
    const byWeek: string[] = [];
    const bodyOf = new Map<string, string>();
    for (let n = 0; n < MEETINGS; n++) {
      // Ids and dates in different orders (37 and 150 have no common factor), two bodies.
      const meetingId = `gb-${String(n).padStart(3, '0')}`;
      const bodyId = n % 3 === 0 ? 'nhs-knowsley-ccg' : 'nhs-halton-ccg';
      const date = new Date(Date.UTC(2014, 0, 1 + ((n * 37) % MEETINGS) * 7)).toISOString().slice(0, 10);
      lines.push(line('ConveneMeeting', { meetingId, date, bodies: [{ bodyId, quorum: 1 }] }));
      lines.push(line('AddAgendaItem', { meetingId, itemId: 'budget', title: 'Budget', text: 'Set the budget', functions: [], areas: [] }));
      lines.push(line('RecordDecision', { meetingId, itemId: 'budget', outcome: 'agreed-without-vote', resolution: 'Set' }));
      byWeek[(n * 37) % MEETINGS] = meetingId;
      bodyOf.set(meetingId, bodyId);
    }
    // Each meeting approves the minutes of the body's meeting before it (minutes are the body's own), usually folded in another batch.
    const previous = new Map<string, string>();
    for (const meetingId of byWeek) {
      const bodyId = bodyOf.get(meetingId) as string;
      const minutesOfMeetingId = previous.get(bodyId);
      if (minutesOfMeetingId) lines.push(line('ApproveMinutes', { meetingId, minutesOfMeetingId, approval: 'as-correct-record' }));
      previous.set(bodyId, meetingId);
    }
    await ledger.app.get(CommandImport).importText(lines.join('\n'));
    await ledger.settled();
  });
  afterAll(() => ledger.close());

  const page = async (query: string) =>
    (await ledger.http().get(`/decisions?${query}`).expect(200)).body as {
      next: number | null;
      decisions: { decisionId: string; date: string }[];
    };

  it.each([['limit=1000'], ['body=nhs-halton-ccg&limit=1000'], ['from=2015-01-01&limit=1000']])(
    'gives, page by page, exactly the whole list (%s)',
    async (query) => {
      const whole = (await page(query)).decisions;
      expect(whole.length).toBeGreaterThan(30);
      const sorted = [...whole].sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.decisionId < b.decisionId ? -1 : 1));
      expect(whole).toEqual(sorted);
      expect(new Set(whole.map((d) => d.decisionId)).size).toBe(whole.length);

      const paged: typeof whole = [];
      for (let offset: number | null = 0; offset !== null;) {
        const next = await page(`${query.replace('limit=1000', 'limit=17')}&offset=${offset}`);
        paged.push(...next.decisions);
        offset = next.next;
      }
      expect(paged).toEqual(whole);
    },
  );

  it('counts every meeting held when nothing narrows the list, each with the minutes approved at the body’s next meeting', async () => {
    const whole = (await page('limit=1000')).decisions as unknown as { minutes: { atMeetingDate: string }[]; date: string }[];
    expect(whole).toHaveLength(MEETINGS);
    // All but the last meeting of each of the two bodies.
    const approved = whole.filter((decision) => decision.minutes.length > 0);
    expect(approved).toHaveLength(MEETINGS - 2);
    expect(approved.every((decision) => decision.minutes.length === 1 && decision.minutes[0].atMeetingDate > decision.date)).toBe(true);
    expect((await page('body=nhs-knowsley-ccg&limit=1000')).decisions).toHaveLength(MEETINGS / 3);
  });
});
