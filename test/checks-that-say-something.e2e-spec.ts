import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { PublicProjection } from '../apps/ledger/src/public-projection/public-projection';
import { PublicSite } from '../apps/public/src/public-site';
import { LedgerTestApp, startLedger } from './ledger-test-app';

const source = { title: 'Exampleton Council minutes', illustrative: true };
const COUNCIL = 'exampleton-council';
const MEETING = '/meetings/exampleton-council-2021-03';

/**
 * Issue 19 item 7, over HTTP: no check that says nothing. Every text of every command says something and
 * shows as written; an erasure erases something (confidentiality.e2e-spec.ts); a verdict does not call valid
 * what it did not assess; a delegation of what the delegator did not hold is recorded and said to be so.
 */
describe('no check that says nothing', () => {
  let ledger: LedgerTestApp;
  const send = (path: string, body: object) =>
    ledger
      .http()
      .post(path)
      .set('Authorization', ledger.keys.admin)
      .send({ source, ...body });
  const post = async (path: string, body: object) => {
    const response = await send(path, body);
    expect({ path, status: response.status, body: response.status === 201 ? null : response.body }).toEqual({
      path,
      status: 201,
      body: null,
    });
    return response.body;
  };

  beforeAll(async () => {
    ledger = await startLedger();
    await post('/bodies', {
      bodyId: COUNCIL,
      kind: 'local-authority',
      name: 'Exampleton Council',
      areas: ['wirral'],
      effective: '2001-04-01',
    });
    await post(`/bodies/${COUNCIL}/statutory-functions`, {
      functions: ['adult-social-care', 'public-health'],
      areas: ['wirral'],
      from: '2001-04-01',
      act: 'Local Government Act 1972',
    });
    for (const member of ['leader', 'deputy', 'member']) {
      await post(`/bodies/${COUNCIL}/memberships`, {
        membershipId: `${COUNCIL}-${member}`,
        member: { seat: member },
        role: member,
        voting: true,
        from: '2001-04-01',
      });
    }
    await post('/meetings', { meetingId: 'exampleton-council-2021-03', date: '2021-03-10', bodies: [{ bodyId: COUNCIL, quorum: 2 }] });
    await post(`${MEETING}/attendance`, { present: ['leader', 'deputy', 'member'].map((member) => `${COUNCIL}-${member}`) });
  });
  afterAll(() => ledger.close());

  describe('text fields: one validator for every DTO, every way in', () => {
    const body = (name: string) => ({ bodyId: 'spoofed-body', kind: 'ccg', name, areas: ['wirral'], effective: '2013-04-01' });
    const item = (extra: object) => ({ itemId: 'bad-item', title: 'A title', text: 'A text', functions: [], areas: [], ...extra });
    const part2 = (publicSummary: string) => ({ confidential: { paragraph: 3, publicInterestReason: 'tender prices', publicSummary } });
    const refusals: [string, string, object, string, string][] = [
      ['a body name of only spaces', '/bodies', body('   '), 'name', 'only white space'],
      ['a body name of invisible characters', '/bodies', body('\u200b\u00a0'), 'name', 'only white space'],
      ['a body name with a right-to-left override', '/bodies', body('NHS Wirral \u202eGCC'), 'name', 'U+202E'],
      ['a body name with a directional isolate', '/bodies', body('NHS \u2067Wirral\u2069 CCG'), 'name', 'U+2067'],
      ['a body name with NUL', '/bodies', body('NHS Wirral\u0000 CCG'), 'name', 'U+0000'],
      ['a body name over two lines', '/bodies', body('NHS Wirral\nCCG'), 'name', 'U+000A'],
      ['a body name with a lone surrogate', '/bodies', body('NHS Wirral \ud800CCG'), 'name', 'surrogate'],
      ['a source title of only spaces', '/bodies', { ...body('NHS Wirral CCG'), source: { title: ' \t ' } }, 'source.title', 'white space'],
      ['an item title of only spaces', `${MEETING}/items`, item({ title: '    ' }), 'title', 'only white space'],
      ['an item text of only line breaks', `${MEETING}/items`, item({ text: '\n\r\n' }), 'text', 'only white space'],
      ['an item text with an escape character', `${MEETING}/items`, item({ text: 'a \u001b[31m red' }), 'text', 'U+001B'],
      ['a public summary of only spaces', `${MEETING}/items`, item(part2('   ')), 'confidential.publicSummary', 'only white space'],
      ['a public summary with a bidi embedding', `${MEETING}/items`, item(part2('\u202bsummary')), 'confidential.publicSummary', 'U+202B'],
    ];
    it.each(refusals)('refuses %s: 400 invalid-field naming the field, nothing written', async (_, path, data, field, problem) => {
      await ledger.expectNothingWritten(async () => {
        const response = await send(path, data);
        expect({ status: response.status, rule: response.body.rule, field: response.body.field }).toEqual({
          status: 400,
          rule: 'invalid-field',
          field,
        });
        expect(response.body.message).toContain(problem);
      });
    });

    it('accepts line breaks and tabs in prose (an item text), and any script, as written', async () => {
      const text = 'First paragraph.\n\n\tSecond paragraph — Côte d’Azur, שלום, 😀';
      await post(`${MEETING}/items`, { ...item({ text }), itemId: 'prose-item' });
      await post(`${MEETING}/items/prose-item/decisions`, {
        bodyId: COUNCIL,
        outcome: 'agreed-without-vote',
        resolution: 'Agreed\n\tas set out',
      });
      await ledger.settled();
      const view = (await ledger.http().get(`/decisions/exampleton-council-2021-03/prose-item/${COUNCIL}`).expect(200)).body;
      expect([view.item.text, view.resolution]).toEqual([text, 'Agreed\n\tas set out']);
    });

    it('judges a correction by the same check: a title corrected to spaces is refused', async () => {
      const stream = (await ledger.http().get(`/streams/meeting-exampleton-council-2021-03`).expect(200)).body.events;
      const added = stream.find((event: { type: string; data: { itemId: string } }) => event.data.itemId === 'prose-item');
      await ledger.expectNothingWritten(async () => {
        const response = await send('/corrections', {
          stream: 'meeting-exampleton-council-2021-03',
          correctedEventId: added.id,
          reason: 'typo',
          changes: { title: '   ' },
        });
        expect([response.status, response.body.rule, response.body.field]).toEqual([400, 'invalid-field', 'changes.title']);
      });
    });
  });

  describe('a verdict claims only the checks it made', () => {
    const decided = async (itemId: string, functions: string[], outcome: string) => {
      await post(`${MEETING}/items`, {
        itemId,
        title: `Item ${itemId}`,
        text: 'The report',
        functions,
        areas: functions.length ? ['wirral'] : [],
      });
      await post(`${MEETING}/items/${itemId}/decisions`, { bodyId: COUNCIL, outcome, resolution: 'As set out in the report' });
    };
    const decisionId = (itemId: string) => `exampleton-council-2021-03/${itemId}/${COUNCIL}`;
    let site: PublicSite;
    let server: Server;
    let url: string;

    beforeAll(async () => {
      await decided('no-function', [], 'agreed-without-vote');
      await decided('report-noted', [], 'noted');
      await decided('care-fees', ['adult-social-care'], 'agreed-without-vote');
      await ledger.settled();
      const projection = ledger.app.get(PublicProjection);
      await projection.caughtUpTo((await ledger.head()).position);
      site = new PublicSite(ledger.dataDir);
      server = await new Promise((resolve) => {
        const listening = site.server().listen(0, '127.0.0.1', () => resolve(listening));
      });
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      site.close();
    });

    it('does not call valid a decision on an item naming no function: authority not assessed, in every answer', async () => {
      const view = (
        await ledger
          .http()
          .get(`/decisions/${decisionId('no-function')}`)
          .expect(200)
      ).body;
      expect(view.verdict.valid).toBe(false);
      const authority = view.verdict.findings.find((finding: { rule: string }) => finding.rule === 'authority');
      expect(authority).toMatchObject({ ok: false, assessed: false, message: expect.stringContaining('names no function') });
      const listed = (await ledger.http().get(`/decisions?body=${COUNCIL}`).expect(200)).body.decisions;
      const inList = listed.find((d: { decisionId: string }) => d.decisionId === decisionId('no-function'));
      expect(inList.verdict.valid).toBe(false);
    });

    it('finds a report only noted valid with no function named, and a decision with one judged on it', async () => {
      for (const itemId of ['report-noted', 'care-fees']) {
        const view = (
          await ledger
            .http()
            .get(`/decisions/${decisionId(itemId)}`)
            .expect(200)
        ).body;
        expect({ itemId, valid: view.verdict.valid }).toEqual({ itemId, valid: true });
        expect(view.verdict.findings.some((finding: { assessed?: boolean }) => finding.assessed === false)).toBe(false);
      }
    });

    it('says on the public decision page that authority was not assessed, and nowhere that every check was met', async () => {
      const page = async (itemId: string) => (await (await fetch(`${url}/decisions/${decisionId(itemId)}`)).text()).replace(/\s+/g, ' ');
      const unassessed = await page('no-function');
      expect(unassessed).toContain('Authority to decide: not assessed.');
      expect(unassessed).toContain('authority to decide could not be assessed from the record');
      expect(unassessed).toContain('names no function');
      for (const itemId of ['no-function', 'report-noted', 'care-fees']) expect(await page(itemId)).not.toMatch(/every check/i);
      expect(await page('care-fees')).toContain('Authority to decide: met.');
      expect(await page('report-noted')).toContain('noted');
      // The meeting's table of decisions: not a plain "no" either.
      const meeting = (await (await fetch(`${url}/meetings/exampleton-council-2021-03`)).text()).replace(/\s+/g, ' ');
      expect(meeting).toMatch(/Item no-function<\/a>(?:(?!<\/tr>).)*<td>not assessed<\/td>/);
      expect(meeting).toMatch(/Item care-fees<\/a>(?:(?!<\/tr>).)*<td>yes<\/td>/);
    });
  });

  describe('a delegation of what the delegator did not hold', () => {
    const instrument = { kind: 'delegation-agreement', reference: 'Exampleton commissioning agreement 2019' };
    const grant = (delegationId: string, functions: string[]) => ({
      delegationId,
      delegatorBodyId: COUNCIL,
      delegateBodyId: 'exampleton-ccg',
      functions,
      areas: ['wirral'],
      from: '2019-04-01',
      instrument,
      subDelegationAllowed: false,
    });
    const DENTAL = {
      finding: 'delegator-did-not-hold',
      function: 'dental-services',
      area: 'wirral',
      date: '2019-04-01',
      delegatorBodyId: COUNCIL,
      message: expect.stringContaining('did not hold dental-services in wirral on 2019-04-01'),
    };
    let dentalAnswer: { findings?: unknown[]; events: unknown[] };

    beforeAll(async () => {
      await post('/bodies', {
        bodyId: 'nhs-england',
        kind: 'nhs-england',
        name: 'NHS England',
        areas: ['wirral'],
        effective: '2013-04-01',
      });
      await post('/bodies/nhs-england/statutory-functions', {
        functions: ['dental-services'],
        areas: ['wirral'],
        from: '2013-04-01',
        act: 'Health and Social Care Act 2012',
      });
      await post('/bodies', {
        bodyId: 'exampleton-ccg',
        kind: 'ccg',
        name: 'NHS Exampleton CCG',
        areas: ['wirral'],
        effective: '2013-04-01',
      });
      dentalAnswer = await post('/delegations', grant('council-dental', ['dental-services', 'adult-social-care']));
    });

    it('records it (201: it was made), and the 201 answer names what the delegator did not hold', () => {
      expect(dentalAnswer.events).toEqual([expect.objectContaining({ type: 'DelegationGranted' })]);
      expect(dentalAnswer.findings).toEqual([DENTAL]);
    });

    it('answers a delegation the delegator held in full with no finding', async () => {
      expect((await post('/delegations', grant('council-care', ['adult-social-care']))).findings).toEqual([]);
    });

    it('judges a variation that extends a delegation to what the delegator did not hold, from its effective date', async () => {
      const varied = await post('/delegations/council-care/variations', {
        effective: '2020-04-01',
        functions: ['adult-social-care', 'dental-services'],
      });
      expect(varied.findings).toEqual([{ ...DENTAL, date: '2020-04-01', message: expect.stringContaining('on 2020-04-01') }]);
      await ledger.settled();
      const answer = (await ledger.http().get('/delegations/council-care').expect(200)).body;
      expect(answer.findings.map((f: { function: string; date: string }) => [f.function, f.date])).toEqual([
        ['dental-services', '2020-04-01'],
      ]);
    });

    it('carries the finding in the answer about the delegation, at any basis that knows it, and 404 before', async () => {
      await ledger.settled();
      const answer = (await ledger.http().get('/delegations/council-dental').expect(200)).body;
      expect(answer).toMatchObject({ delegatorBodyId: COUNCIL, functions: ['dental-services', 'adult-social-care'], findings: [DENTAL] });
      const recordedAt = (await ledger.http().get('/streams/delegation-council-dental').expect(200)).body.events[0].globalPosition;
      const then = (await ledger.http().get(`/delegations/council-dental?asKnownAt=${recordedAt}`).expect(200)).body;
      expect(then.findings).toEqual([DENTAL]);
      const before = await ledger
        .http()
        .get(`/delegations/council-dental?asKnownAt=${recordedAt - 1}`)
        .expect(404);
      expect(before.body.rule).toBe('unknown-reference');
    });

    it('moves nothing it did not hold: NHS England still holds and exercises dental services there', async () => {
      const authority = (await ledger.http().get('/authority?function=dental-services&area=wirral&at=2020-01-01').expect(200)).body;
      expect([authority.accountable.id, authority.exercisedBy.id]).toEqual(['nhs-england', 'nhs-england']);
      const care = (await ledger.http().get('/authority?function=adult-social-care&area=wirral&at=2020-01-01').expect(200)).body;
      expect(care.exercisedBy.id).toBe('exampleton-ccg');
    });
  });
});
