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
});
