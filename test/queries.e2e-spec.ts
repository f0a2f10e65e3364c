import { EVENT_STORE } from '@ledger/event-store';
import { CommandImport } from '../apps/ledger/src/import/command-import';
import { LedgerTestApp, startLedger } from './ledger-test-app';

const source = { title: 'Wirral report 9 Nov 2020', reference: '§3.2.2' };
const line = (command: string, data: object) => JSON.stringify({ command, data: { source, ...data } });
const cheshire = ['eastern-cheshire', 'south-cheshire', 'vale-royal', 'west-cheshire'];
const ccgs = [
  ['nhs-eastern-cheshire-ccg', 'NHS Eastern Cheshire CCG', '01C', 'eastern-cheshire'],
  ['nhs-south-cheshire-ccg', 'NHS South Cheshire CCG', '01R', 'south-cheshire'],
  ['nhs-vale-royal-ccg', 'NHS Vale Royal CCG', '02D', 'vale-royal'],
  ['nhs-west-cheshire-ccg', 'NHS West Cheshire CCG', '02F', 'west-cheshire'],
];
const history = [
  line('EstablishBody', { bodyId: 'nhs-england', kind: 'nhs-england', name: 'NHS England', areas: cheshire, effective: '2013-04-01' }),
  line('AssignStatutoryFunctions', {
    bodyId: 'nhs-england',
    functions: ['primary-medical-services'],
    areas: cheshire,
    from: '2013-04-01',
    act: 'National Health Service Act 2006',
  }),
  ...ccgs.flatMap(([bodyId, name, odsCode, area]) => [
    line('EstablishBody', { bodyId, kind: 'ccg', name, odsCode, areas: [area], effective: '2013-04-01' }),
    line('AssignStatutoryFunctions', {
      bodyId,
      functions: ['community-health-services'],
      areas: [area],
      from: '2013-04-01',
      act: 'Health and Social Care Act 2012',
    }),
  ]),
  line('EstablishBody', {
    bodyId: 'nhs-cheshire-ccg',
    kind: 'ccg',
    name: 'NHS Cheshire CCG',
    odsCode: '27D',
    areas: cheshire,
    effective: '2020-04-01',
  }),
  line('RecordMerger', {
    reorganisationId: 'cheshire-merger-2020',
    predecessorBodyIds: ccgs.map(([id]) => id),
    successorBodyId: 'nhs-cheshire-ccg',
    legalDate: '2020-04-01',
  }),
  line('EstablishBody', {
    bodyId: 'nhs-cheshire-and-merseyside-icb',
    kind: 'icb',
    name: 'NHS Cheshire and Merseyside ICB',
    odsCode: 'QYG',
    areas: cheshire,
    effective: '2022-07-01',
  }),
  line('RecordTransferScheme', {
    reorganisationId: 'cm-transfer-2022',
    abolishedBodyIds: ['nhs-cheshire-ccg'],
    receivingBodyId: 'nhs-cheshire-and-merseyside-icb',
    legalDate: '2022-07-01',
  }),
  line('GrantDelegation', {
    delegationId: 'nhse-cm-icb-primary-medical',
    delegatorBodyId: 'nhs-england',
    delegateBodyId: 'nhs-cheshire-and-merseyside-icb',
    functions: ['primary-medical-services'],
    areas: cheshire,
    from: '2022-07-01',
    instrument: { kind: 'delegation-agreement', reference: 'Delegation Agreement 2022' },
    subDelegationAllowed: false,
  }),
].join('\n');

describe('reading the ledger: authority, bodies, two clocks', () => {
  let ledger: LedgerTestApp;
  /** The head once the history is imported: the questions about the history alone are asked as known then, whatever the tests record. */
  let imported: number;
  beforeAll(async () => {
    ledger = await startLedger();
    await ledger.app.get(CommandImport).importText(history);
    await ledger.settled();
    imported = (await ledger.head()).position;
  });
  afterAll(() => ledger.close());

  /** The renaming two tests rest on, recorded by whichever comes first: resolves to the head just before it. */
  let renaming: Promise<number> | undefined;
  const renamed = () =>
    (renaming ??= (async () => {
      const before = (await ledger.head()).position;
      await ledger
        .http()
        .post('/bodies/nhs-cheshire-ccg/renamings')
        .set('Authorization', ledger.keys.admin)
        .send({ name: 'NHS Cheshire Clinical Commissioning Group', effective: '2021-01-01', source })
        .expect(201);
      await ledger.settled();
      return before;
    })());

  const get = (path: string, key?: string) => {
    const request = ledger.http().get(path);
    return key ? request.set('Authorization', key) : request;
  };
  const authority = (query: string) => get(`/authority?${query}`);

  it.each([
    ['2019-06-01', 'nhs-vale-royal-ccg', 'NHS Vale Royal CCG', 'statutory'],
    ['2020-04-01', 'nhs-cheshire-ccg', 'NHS Cheshire CCG', 'succession'],
    ['2022-06-30', 'nhs-cheshire-ccg', 'NHS Cheshire CCG', 'succession'],
    ['2022-07-01', 'nhs-cheshire-and-merseyside-icb', 'NHS Cheshire and Merseyside ICB', 'transfer-scheme'],
  ])('community health services in Vale Royal on %s: %s', async (at, id, name, basis) => {
    const response = await authority(`function=community-health-services&area=vale-royal&at=${at}&asKnownAt=${imported}`).expect(200);
    expect(response.body).toMatchObject({
      function: 'community-health-services',
      area: 'vale-royal',
      at,
      accountable: { id, name },
      exercisedBy: { id },
    });
    expect(response.body.chain[0]).toMatchObject({ body: { id }, basis });
    expect(response.body.asKnownAt.position).toBeGreaterThan(0);
  });

  it('keeps NHS England accountable for primary medical services delegated to the ICB in 2022', async () => {
    const response = await authority(`function=primary-medical-services&area=vale-royal&at=2022-08-01&asKnownAt=${imported}`).expect(200);
    expect(response.body.accountable).toMatchObject({ id: 'nhs-england' });
    expect(response.body.exercisedBy).toMatchObject({ id: 'nhs-cheshire-and-merseyside-icb', odsCode: 'QYG' });
    expect(response.body.chain.map((link: { basis: string }) => link.basis)).toEqual(['statutory', 'delegation']);
    expect(response.body.chain[1].instrument).toEqual({ kind: 'delegation-agreement', reference: 'Delegation Agreement 2022' });
  });

  it('answers a place per atomic area where the holders differ, once where they agree', async () => {
    const before = await authority(
      `function=community-health-services&area=cheshire-west-and-chester&at=2019-06-01&asKnownAt=${imported}`,
    ).expect(200);
    expect(
      before.body.answers.map((answer: { areas: string[]; accountable: { id: string } }) => [answer.areas, answer.accountable.id]),
    ).toEqual([
      [['west-cheshire'], 'nhs-west-cheshire-ccg'],
      [['vale-royal'], 'nhs-vale-royal-ccg'],
    ]);
    const after = await authority(
      `function=community-health-services&area=cheshire-west-and-chester&at=2021-06-01&asKnownAt=${imported}`,
    ).expect(200);
    expect(after.body.answers).toHaveLength(1);
    expect(after.body.answers[0]).toMatchObject({ areas: ['west-cheshire', 'vale-royal'], accountable: { id: 'nhs-cheshire-ccg' } });
  });

  it('gives the timeline as consecutive closed-open intervals, open at the end', async () => {
    const response = await get(`/authority/timeline?function=community-health-services&area=vale-royal&asKnownAt=${imported}`).expect(200);
    expect(
      response.body.intervals.map((i: { from: string; to: string | null; accountable: { id: string } }) => [
        i.from,
        i.to,
        i.accountable.id,
      ]),
    ).toEqual([
      ['2013-04-01', '2020-04-01', 'nhs-vale-royal-ccg'],
      ['2020-04-01', '2022-07-01', 'nhs-cheshire-ccg'],
      ['2022-07-01', null, 'nhs-cheshire-and-merseyside-icb'],
    ]);
  });

  it('answers as known at an earlier position, and that answer does not change when more is recorded', async () => {
    // Position 10 is the last CCG's statutory functions: the merger was not yet known.
    const query = 'function=community-health-services&area=vale-royal&at=2021-06-01&asKnownAt=10';
    const earlier = await authority(query).expect(200);
    expect(earlier.body.accountable).toMatchObject({ id: 'nhs-vale-royal-ccg' });
    expect(earlier.body.asKnownAt).toMatchObject({ position: 10, asked: '10' });
    const head = { position: await renamed() };
    expect((await authority(query).expect(200)).body).toEqual(earlier.body);
    const now = await authority('function=community-health-services&area=vale-royal&at=2021-06-01').expect(200);
    expect(now.body.accountable).toMatchObject({ id: 'nhs-cheshire-ccg', name: 'NHS Cheshire Clinical Commissioning Group' });
    const asKnownBeforeRename = await authority(
      `function=community-health-services&area=vale-royal&at=2021-06-01&asKnownAt=${head.position}`,
    ).expect(200);
    expect(asKnownBeforeRename.body.accountable.name).toBe('NHS Cheshire CCG');
  });

  it('takes asKnownAt as a timestamp too', async () => {
    const response = await authority(
      'function=community-health-services&area=vale-royal&at=2021-06-01&asKnownAt=2000-01-01T00:00:00Z',
    ).expect(200);
    expect(response.body).toMatchObject({ accountable: null, exercisedBy: null, chain: [], asKnownAt: { position: 0 } });
  });

  it('changes an answer through a correction only for asKnownAt from the correction on', async () => {
    const grant = (await ledger.app.get(EVENT_STORE).readStream('delegation-nhse-cm-icb-primary-medical'))[0];
    const before = await ledger.head();
    await ledger
      .http()
      .post('/corrections')
      .set('Authorization', ledger.keys.admin)
      .send({
        stream: 'delegation-nhse-cm-icb-primary-medical',
        correctedEventId: grant.id,
        reason: 'agreement signed a month later',
        changes: { from: '2022-08-01' },
        source,
      })
      .expect(201);
    await ledger.settled();
    const query = 'function=primary-medical-services&area=vale-royal&at=2022-07-15';
    expect((await authority(`${query}&asKnownAt=${before.position}`).expect(200)).body.exercisedBy).toMatchObject({
      id: 'nhs-cheshire-and-merseyside-icb',
    });
    expect((await authority(query).expect(200)).body.exercisedBy).toMatchObject({ id: 'nhs-england' });
  });

  describe('refuses bad questions', () => {
    it.each([
      ['/authority?function=brain-surgery&area=vale-royal&at=2020-01-01', 404, /unknown function: brain-surgery/],
      ['/authority?function=dental-services&area=atlantis&at=2020-01-01', 404, /unknown area or place: atlantis/],
      ['/authority?function=dental-services&area=vale-royal&at=2020-13-01', 400, /at must be a calendar date/],
      ['/authority?function=dental-services&area=vale-royal', 400, /at must be a calendar date/],
      ['/authority?function=dental-services&area=vale-royal&at=2020-01-01&asKnownAt=yesterday', 400, /asKnownAt/],
      ['/authority/timeline?function=brain-surgery&area=vale-royal', 404, /unknown function/],
      ['/bodies/nowhere', 404, /unknown body: nowhere/],
      ['/bodies/nowhere/authority', 404, /unknown body: nowhere/],
      ['/bodies?at=someday', 400, /at must be a calendar date/],
      ['/decisions?function=brain-surgery', 404, /unknown function/],
      ['/decisions?body=nowhere', 404, /unknown body: nowhere/],
      ['/decisions/m/i/b', 404, /unknown decision/],
    ])('%s → %i', async (path, status, message) => {
      const response = await get(path).expect(status);
      expect(JSON.stringify(response.body.message)).toMatch(message);
    });
  });

  it('shows a body with its names and lineage both ways', async () => {
    await renamed();
    const response = await get('/bodies/nhs-cheshire-ccg').expect(200);
    expect(response.body).toMatchObject({
      id: 'nhs-cheshire-ccg',
      kind: 'ccg',
      odsCode: '27D',
      established: '2020-04-01',
      dissolved: '2022-07-01',
    });
    expect(response.body.lineage.predecessors.map((link: { bodyId: string }) => link.bodyId).sort()).toEqual(ccgs.map(([id]) => id).sort());
    expect(response.body.lineage.successors).toEqual([
      expect.objectContaining({ bodyId: 'nhs-cheshire-and-merseyside-icb', legalDate: '2022-07-01', kind: 'transfer-scheme' }),
    ]);
    expect(response.body.names.map((n: { name: string }) => n.name)).toEqual([
      'NHS Cheshire CCG',
      'NHS Cheshire Clinical Commissioning Group',
    ]);
  });

  it('lists the bodies that existed on a date, by kind', async () => {
    const before = await get('/bodies?at=2019-06-01&kind=ccg').expect(200);
    expect(before.body.bodies.map((b: { id: string }) => b.id).sort()).toEqual(ccgs.map(([id]) => id).sort());
    const after = await get('/bodies?at=2021-06-01&kind=ccg').expect(200);
    expect(after.body.bodies.map((b: { id: string }) => b.id)).toEqual(['nhs-cheshire-ccg']);
  });

  it("lists a body's authority with intervals", async () => {
    const response = await get('/bodies/nhs-cheshire-ccg/authority').expect(200);
    expect(response.body.authority).toContainEqual(
      expect.objectContaining({
        function: 'community-health-services',
        area: 'vale-royal',
        role: 'accountable',
        intervals: [{ from: '2020-04-01', to: '2022-07-01' }],
      }),
    );
  });
});
