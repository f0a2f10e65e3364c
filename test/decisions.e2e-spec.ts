import { LedgerTestApp, startLedger } from './ledger-test-app';

const source = { title: 'Minutes of the governing bodies meeting in common', illustrative: true };
const meeting = '/meetings/cheshire-gbs-2019-09';

describe('the decision register over HTTP: verdicts, committees in common, Part 2 redaction', () => {
  let ledger: LedgerTestApp;
  const post = (path: string, body: object) => ledger.http().post(path).set('Authorization', ledger.keys.admin).send({ source, ...body }).expect(201);

  beforeAll(async () => {
    ledger = await startLedger();
    for (const [bodyId, name, area] of [
      ['nhs-eastern-cheshire-ccg', 'NHS Eastern Cheshire CCG', 'eastern-cheshire'],
      ['nhs-vale-royal-ccg', 'NHS Vale Royal CCG', 'vale-royal'],
    ]) {
      await post('/bodies', { bodyId, kind: 'ccg', name, areas: [area], effective: '2013-04-01' });
      await post(`/bodies/${bodyId}/statutory-functions`, { functions: ['community-health-services'], areas: [area], from: '2013-04-01', act: 'Health and Social Care Act 2012' });
      const committee = `${bodyId}-gb`;
      await post('/bodies', { bodyId: committee, kind: 'committee', name: `${name} Governing Body`, parentBodyId: bodyId, areas: [area], effective: '2013-04-01' });
      for (const member of ['chair', 'gp', 'nurse']) {
        await post(`/bodies/${committee}/memberships`, { membershipId: `${committee}-${member}`, member: { seat: member }, role: member, voting: true, from: '2013-04-01' });
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
      confidential: { paragraph: 3, publicInterestReason: 'tender prices are commercially sensitive', publicSummary: 'Award of the community services contract' },
    });
    const members = ['nhs-eastern-cheshire-ccg-gb', 'nhs-vale-royal-ccg-gb'].flatMap((gb) => ['chair', 'gp', 'nurse'].map((m) => `${gb}-${m}`));
    await post(`${meeting}/attendance`, { present: members });
    for (const membershipId of members) {
      // Eastern Cheshire carries 3–0; Vale Royal defeats 1–2.
      const vote = membershipId.startsWith('nhs-vale-royal') && !membershipId.endsWith('chair') ? 'against' : 'for';
      await post(`${meeting}/items/chs-contract/votes`, { membershipId, vote });
    }
    await post(`${meeting}/items/chs-contract/decisions`, { bodyId: 'nhs-eastern-cheshire-ccg-gb', outcome: 'carried', resolution: 'Award to bidder B' });
    await post(`${meeting}/items/chs-contract/decisions`, { bodyId: 'nhs-vale-royal-ccg-gb', outcome: 'defeated', resolution: 'Award to bidder B' });
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

  it('shows the public the paragraph, summary and outcome of a Part 2 item, never its text', async () => {
    const view = (await decision('nhs-eastern-cheshire-ccg-gb')).body;
    expect(view.item.confidential).toMatchObject({ paragraph: 3, publicSummary: 'Award of the community services contract' });
    expect(JSON.stringify(view)).not.toContain('£12.3m');
    expect(JSON.stringify(view)).not.toContain('commercially sensitive');
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
    const response = await ledger.http().get('/decisions/cheshire-gbs-2019-09/chs-contract/nhs-vale-royal-ccg-gb').set('Authorization', 'Bearer ldg_nope_nope').expect(401);
    expect(response.body.message).toMatch(/API key is not valid/);
  });

  it('lists decisions by deciding body, date range and function', async () => {
    const byBody = await ledger.http().get('/decisions?body=nhs-vale-royal-ccg-gb').expect(200);
    expect(byBody.body.decisions.map((d: { decisionId: string }) => d.decisionId)).toEqual(['cheshire-gbs-2019-09/chs-contract/nhs-vale-royal-ccg-gb']);
    const inRange = await ledger.http().get('/decisions?from=2019-09-01&to=2019-10-01&function=community-health-services').expect(200);
    expect(inRange.body.decisions).toHaveLength(2);
    const outOfRange = await ledger.http().get('/decisions?from=2019-09-25').expect(200);
    expect(outOfRange.body.decisions).toHaveLength(0);
  });

  it('judges a decision as known at a position before it was recorded as unknown', async () => {
    await ledger.http().get('/decisions/cheshire-gbs-2019-09/chs-contract/nhs-vale-royal-ccg-gb?asKnownAt=5').expect(404);
  });
});
