import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { CommandImport } from '../apps/ledger/src/import/command-import';
import { LedgerTestApp, startLedger } from './ledger-test-app';

const source = { title: 'Wirral report 9 Nov 2020', reference: '§3.2.2' };
const ccg = (bodyId: string, name: string, odsCode: string, areas: string[], effective = '2013-04-01') => ({
  bodyId,
  kind: 'ccg',
  name,
  odsCode,
  areas,
  effective,
  source,
});
const bodies = [
  ccg('nhs-eastern-cheshire-ccg', 'NHS Eastern Cheshire CCG', '01C', ['eastern-cheshire']),
  ccg('nhs-south-cheshire-ccg', 'NHS South Cheshire CCG', '01R', ['south-cheshire']),
  ccg('nhs-vale-royal-ccg', 'NHS Vale Royal CCG', '02D', ['vale-royal']),
  ccg('nhs-west-cheshire-ccg', 'NHS West Cheshire CCG', '02F', ['west-cheshire']),
  ccg('nhs-cheshire-ccg', 'NHS Cheshire CCG', '27D', ['eastern-cheshire', 'south-cheshire', 'vale-royal', 'west-cheshire'], '2020-04-01'),
  ccg('nhs-wirral-ccg', 'NHS Wirral CCG', '12F', ['wirral']),
  {
    bodyId: 'nhs-cheshire-and-merseyside-icb',
    kind: 'icb',
    name: 'NHS Cheshire and Merseyside ICB',
    odsCode: 'QYG',
    areas: ['eastern-cheshire', 'wirral'],
    effective: '2022-07-01',
    source,
  },
];
const merger = {
  reorganisationId: 'cheshire-ccgs-merger-2020',
  predecessorBodyIds: ['nhs-eastern-cheshire-ccg', 'nhs-south-cheshire-ccg', 'nhs-vale-royal-ccg', 'nhs-west-cheshire-ccg'],
  successorBodyId: 'nhs-cheshire-ccg',
  legalDate: '2020-04-01',
  source,
};
const scheme = {
  reorganisationId: 'cheshire-and-merseyside-transfer-scheme-2022',
  abolishedBodyIds: ['nhs-cheshire-ccg', 'nhs-wirral-ccg'],
  receivingBodyId: 'nhs-cheshire-and-merseyside-icb',
  legalDate: '2022-07-01',
  liabilities: 'property, rights and liabilities of the abolished CCGs',
  source: { title: 'Health and Care Act 2022' },
};

describe('reorganisations: recording over HTTP', () => {
  let ledger: LedgerTestApp;
  beforeEach(async () => {
    ledger = await startLedger();
    for (const body of bodies) await ledger.http().post('/bodies').set('Authorization', ledger.keys.admin).send(body).expect(201);
  });
  afterEach(() => ledger.close());

  const recordMerger = (body: object, key = ledger.keys.admin) =>
    ledger.http().post('/reorganisations/mergers').set('Authorization', key).send(body);
  const recordScheme = (body: object, key = ledger.keys.admin) =>
    ledger.http().post('/reorganisations/transfer-schemes').set('Authorization', key).send(body);
  const storedEvents = (stream: string) => (ledger.app.get(EVENT_STORE) as EventStore).readStream(stream);

  const refused = async (attempt: () => ReturnType<typeof recordMerger>, status: number, rule?: string | RegExp) =>
    ledger.expectNothingWritten(async () => {
      const response = await attempt().expect(status);
      if (typeof rule === 'string') expect(response.body.rule).toBe(rule);
      if (rule instanceof RegExp) expect(JSON.stringify(response.body.message)).toMatch(rule);
    });

  it('records a merger of four bodies as one event, and touches no body stream', async () => {
    const before = await ledger.head();
    const response = await recordMerger(merger).expect(201);
    expect(response.body).toMatchObject({
      stream: 'reorganisation-cheshire-ccgs-merger-2020',
      revision: 0,
      events: [{ type: 'MergerRecorded' }],
    });
    expect(await ledger.head()).toMatchObject({ eventCount: before.eventCount + 1 });
    const [event] = await storedEvents('reorganisation-cheshire-ccgs-merger-2020');
    expect(event.data).toMatchObject({
      predecessorBodyIds: merger.predecessorBodyIds,
      successorBodyId: 'nhs-cheshire-ccg',
      grantedDelegations: 'carry-over',
    });
    for (const bodyId of [...merger.predecessorBodyIds, merger.successorBodyId])
      expect(await storedEvents(`body-${bodyId}`)).toHaveLength(1);
  });

  it('records a transfer scheme of everything when functions and areas are left out', async () => {
    await recordScheme(scheme).expect(201);
    const [event] = await storedEvents('reorganisation-cheshire-and-merseyside-transfer-scheme-2022');
    expect(event).toMatchObject({
      type: 'TransferSchemeRecorded',
      data: { functions: 'all', areas: 'all', liabilities: scheme.liabilities },
    });
  });

  it('imports the same commands from a JSON-lines file', async () => {
    const file = [
      JSON.stringify({ command: 'RecordMerger', data: merger }),
      JSON.stringify({ command: 'RecordTransferScheme', data: scheme }),
    ].join('\n');
    await expect(ledger.app.get(CommandImport).importText(file)).resolves.toEqual({ recorded: 2, skipped: 0 });
    expect(await storedEvents('reorganisation-cheshire-and-merseyside-transfer-scheme-2022')).toHaveLength(1);
  });

  describe('refuses bad input with a clear error and writes nothing', () => {
    it.each([
      ['an unknown field', { ...merger, colour: 'blue' }, /property colour should not exist/],
      ['a missing successor', { ...merger, successorBodyId: undefined }, /successorBodyId/],
      ['a wrong type', { ...merger, predecessorBodyIds: 'nhs-vale-royal-ccg' }, /predecessorBodyIds must be an array/],
      ['no predecessors', { ...merger, predecessorBodyIds: [] }, /predecessorBodyIds should not be empty/],
      [
        'a malformed predecessor id',
        { ...merger, predecessorBodyIds: ['NHS Vale Royal CCG'] },
        /predecessorBodyIds must be a lower-case identifier/,
      ],
      ['an unknown choice for granted delegations', { ...merger, grantedDelegations: 'transfer' }, /grantedDelegations must be one of/],
      ['an impossible legal date', { ...merger, legalDate: '2020-04-31' }, /legalDate must be a calendar date/],
    ])('400 for a merger with %s', async (_label, body, message) => {
      await refused(() => recordMerger(body), 400, message);
    });

    it.each([
      ['an unknown field', { ...scheme, predecessorBodyIds: [] }, /property predecessorBodyIds should not exist/],
      ['a missing receiving body', { ...scheme, receivingBodyId: undefined }, /receivingBodyId/],
      ['empty functions', { ...scheme, functions: [] }, /functions should not be empty/],
      ['an unknown area', { ...scheme, areas: ['atlantis'] }, /areas must be one of/],
      ['a wrong type of liabilities', { ...scheme, liabilities: 42 }, /liabilities must be a string/],
    ])('400 for a transfer scheme with %s', async (_label, body, message) => {
      await refused(() => recordScheme(body), 400, message);
    });
  });

  describe('refuses what the domain rules forbid, naming the rule, and writes nothing', () => {
    it('409 for the same reorganisation recorded twice', async () => {
      await recordMerger(merger).expect(201);
      await refused(() => recordMerger(merger), 409, 'already-recorded');
      await refused(() => recordScheme({ ...scheme, reorganisationId: merger.reorganisationId }), 409, 'already-recorded');
    });

    it('404 for an unknown body', async () => {
      await refused(() => recordMerger({ ...merger, successorBodyId: 'nowhere' }), 404, 'unknown-reference');
      await refused(() => recordScheme({ ...scheme, abolishedBodyIds: ['nowhere'] }), 404, 'unknown-reference');
    });

    it('422 for a rename dressed as a merger', async () => {
      await refused(() => recordMerger({ ...merger, predecessorBodyIds: ['nhs-cheshire-ccg'] }), 422, 'rename-is-not-succession');
    });

    it('422 for a successor not established on the legal date', async () => {
      await refused(() => recordMerger({ ...merger, legalDate: '2020-05-01' }), 422, 'successor-not-established-on-legal-date');
    });

    it('422 for a predecessor that did not exist the day before the legal date', async () => {
      await refused(
        () => recordMerger({ ...merger, predecessorBodyIds: ['nhs-vale-royal-ccg', 'nhs-cheshire-and-merseyside-icb'] }),
        422,
        'predecessor-not-in-existence',
      );
      await refused(
        () =>
          recordScheme({ ...scheme, abolishedBodyIds: ['nhs-cheshire-ccg'], legalDate: '2020-04-01', receivingBodyId: 'nhs-wirral-ccg' }),
        422,
        'abolished-body-not-in-existence',
      );
    });

    it('422 for a receiving body among the abolished, or not in existence on the legal date', async () => {
      await refused(
        () => recordScheme({ ...scheme, abolishedBodyIds: ['nhs-wirral-ccg', 'nhs-cheshire-and-merseyside-icb'] }),
        422,
        'receiving-body-abolished',
      );
      await refused(() => recordScheme({ ...scheme, legalDate: '2022-04-01' }), 422, 'receiving-body-not-in-existence');
    });

    it('409 for a predecessor recorded as dissolved after the legal date', async () => {
      await ledger
        .http()
        .post('/bodies/nhs-vale-royal-ccg/dissolution')
        .set('Authorization', ledger.keys.admin)
        .send({ effective: '2020-06-01', source })
        .expect(201);
      await refused(() => recordMerger(merger), 409, 'outlives-reorganisation');
    });
  });

  describe('who may write: admins only', () => {
    it('401 without a key, 401 with a bad key', async () => {
      await refused(() => ledger.http().post('/reorganisations/mergers').send(merger), 401);
      await refused(() => recordScheme(scheme, 'Bearer ldg_nope_nope'), 401);
    });

    it('403 for an auditor, and for an officer even of every body involved', async () => {
      const officer = ledger.keys.officerFor(...merger.predecessorBodyIds, merger.successorBodyId);
      await refused(() => recordMerger(merger, ledger.keys.auditor), 403);
      await refused(() => recordMerger(merger, officer), 403);
      await refused(() => recordScheme(scheme, ledger.keys.officerFor(...scheme.abolishedBodyIds, scheme.receivingBodyId)), 403);
    });
  });
});
