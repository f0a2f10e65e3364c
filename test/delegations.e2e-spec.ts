import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { CommandImport } from '../apps/ledger/src/import/command-import';
import { LedgerTestApp, startLedger } from './ledger-test-app';

const source = { title: 'NHS Confederation, "Delegation and integration"' };
const bodies = [
  { bodyId: 'nhs-england', kind: 'nhs-england', name: 'NHS England', areas: [], effective: '2013-04-01', source },
  {
    bodyId: 'nhs-cheshire-and-merseyside-icb',
    kind: 'icb',
    name: 'NHS Cheshire and Merseyside ICB',
    odsCode: 'QYG',
    areas: ['eastern-cheshire', 'south-cheshire', 'wirral'],
    effective: '2022-07-01',
    source,
  },
  {
    bodyId: 'cheshire-east-place',
    kind: 'committee',
    name: 'Cheshire East Place',
    parentBodyId: 'nhs-cheshire-and-merseyside-icb',
    areas: ['eastern-cheshire', 'south-cheshire'],
    effective: '2022-07-01',
    source,
  },
];
const grant = {
  delegationId: 'nhse-to-cm-icb-pms',
  delegatorBodyId: 'nhs-england',
  delegateBodyId: 'nhs-cheshire-and-merseyside-icb',
  functions: ['primary-medical-services'],
  areas: ['eastern-cheshire', 'south-cheshire', 'wirral'],
  from: '2022-07-01',
  instrument: { kind: 'delegation-agreement', reference: 'Primary medical services delegation agreement 2022' },
  approvedBy: { meetingId: 'nhse-board-2022-05-26', itemId: 'item-7' },
  subDelegationAllowed: true,
  source,
};
const subGrant = {
  ...grant,
  delegationId: 'cm-icb-to-cheshire-east-place-pms',
  delegatorBodyId: 'nhs-cheshire-and-merseyside-icb',
  delegateBodyId: 'cheshire-east-place',
  areas: ['eastern-cheshire', 'south-cheshire'],
  instrument: { kind: 'scheme-of-reservation-and-delegation', reference: 'ICB scheme of reservation and delegation 2022' },
  approvedBy: undefined,
  subDelegationAllowed: false,
  parentDelegationId: 'nhse-to-cm-icb-pms',
};

describe('delegations: recording over HTTP', () => {
  let ledger: LedgerTestApp;
  beforeEach(async () => {
    ledger = await startLedger();
    for (const body of bodies) await ledger.http().post('/bodies').set('Authorization', ledger.keys.admin).send(body).expect(201);
  });
  afterEach(() => ledger.close());

  const post = (path: string, body: object, key = ledger.keys.admin) => ledger.http().post(path).set('Authorization', key).send(body);
  const grantDelegation = (body: object, key?: string) => post('/delegations', body, key);
  const vary = (body: object, key?: string, delegationId = grant.delegationId) =>
    post(`/delegations/${delegationId}/variations`, body, key);
  const revoke = (body: object, key?: string, delegationId = grant.delegationId) =>
    post(`/delegations/${delegationId}/revocation`, body, key);
  const storedEvents = (stream: string) => (ledger.app.get(EVENT_STORE) as EventStore).readStream(stream);

  /** Runs a refused request and checks its status, rule and that the ledger did not move. */
  const refused = async (attempt: () => ReturnType<typeof post>, status: number, rule?: string | RegExp) =>
    ledger.expectNothingWritten(async () => {
      const response = await attempt().expect(status);
      if (typeof rule === 'string') expect(response.body.rule).toBe(rule);
      if (rule instanceof RegExp) expect(JSON.stringify(response.body.message)).toMatch(rule);
    });

  it('grants, varies and revokes a delegation, each as one event in the delegation’s stream', async () => {
    const granted = await grantDelegation(grant).expect(201);
    expect(granted.body).toMatchObject({ stream: 'delegation-nhse-to-cm-icb-pms', revision: 0, events: [{ type: 'DelegationGranted' }] });
    await vary({ effective: '2023-04-01', functions: ['primary-medical-services', 'dental-services'], source }).expect(201);
    await revoke({ effective: '2024-04-01', source }).expect(201);
    const events = await storedEvents('delegation-nhse-to-cm-icb-pms');
    expect(events.map((event) => event.type)).toEqual(['DelegationGranted', 'DelegationVaried', 'DelegationRevoked']);
    expect(events[0].data).toMatchObject({
      to: null,
      approvedBy: { meetingId: 'nhse-board-2022-05-26', itemId: 'item-7' },
      subDelegationAllowed: true,
    });
    expect(events[1].data).toEqual({
      delegationId: grant.delegationId,
      effective: '2023-04-01',
      functions: ['primary-medical-services', 'dental-services'],
      source,
    });
  });

  it('lets the delegate sub-delegate within the parent, and its officer record it for its committee', async () => {
    await grantDelegation(grant).expect(201);
    const icbOfficer = ledger.keys.officerFor('nhs-cheshire-and-merseyside-icb');
    const response = await grantDelegation(subGrant, icbOfficer).expect(201);
    expect(response.body.stream).toBe('delegation-cm-icb-to-cheshire-east-place-pms');
    await vary({ effective: '2023-04-01', areas: ['eastern-cheshire'], source }, icbOfficer, subGrant.delegationId).expect(201);
  });

  it('imports the same commands from a JSON-lines file, the delegation id in the data', async () => {
    const line = (command: string, data: object) => JSON.stringify({ command, data });
    const file = [
      line('GrantDelegation', grant),
      line('VaryDelegation', { delegationId: grant.delegationId, effective: '2023-04-01', to: '2026-04-01', source }),
      line('RevokeDelegation', { delegationId: grant.delegationId, effective: '2024-04-01', source }),
    ].join('\n');
    await expect(ledger.app.get(CommandImport).importText(file)).resolves.toEqual({ recorded: 3, skipped: 0 });
    expect((await storedEvents('delegation-nhse-to-cm-icb-pms')).map((event) => event.type)).toEqual([
      'DelegationGranted',
      'DelegationVaried',
      'DelegationRevoked',
    ]);
  });

  describe('refuses bad input with a clear error and writes nothing', () => {
    it.each([
      ['an unknown field', { ...grant, colour: 'blue' }, /property colour should not exist/],
      ['a missing delegate', { ...grant, delegateBodyId: undefined }, /delegateBodyId/],
      ['a wrong type', { ...grant, subDelegationAllowed: 'yes' }, /subDelegationAllowed must be a boolean/],
      ['an unknown function', { ...grant, functions: ['road-gritting'] }, /functions must be one of/],
      ['no functions', { ...grant, functions: [] }, /functions should not be empty/],
      ['no areas', { ...grant, areas: [] }, /areas should not be empty/],
      ['an unknown instrument kind', { ...grant, instrument: { kind: 'handshake', reference: 'x' } }, /instrument.kind must be one of/],
      ['an instrument without reference', { ...grant, instrument: { kind: 'statute' } }, /instrument.reference/],
      [
        'a malformed approving decision',
        { ...grant, approvedBy: { meetingId: 'Board Meeting' } },
        /approvedBy.meetingId must be a lower-case identifier/,
      ],
      ['an impossible date', { ...grant, from: '2022-02-30' }, /from must be a calendar date/],
      ['a missing source', { ...grant, source: undefined }, /source/],
    ])('400 for a grant with %s', async (_label, body, message) => {
      await refused(() => grantDelegation(body), 400, message);
    });

    it.each([
      [
        'an unknown field',
        { effective: '2023-04-01', areas: ['wirral'], delegateBodyId: 'x', source },
        /property delegateBodyId should not exist/,
      ],
      ['a missing effective date', { areas: ['wirral'], source }, /effective/],
      ['a wrong type', { effective: '2023-04-01', subDelegationAllowed: 1, source }, /subDelegationAllowed must be a boolean/],
      ['empty areas', { effective: '2023-04-01', areas: [], source }, /areas should not be empty/],
      ['a malformed end', { effective: '2023-04-01', to: '1 April 2025', source }, /to must be a calendar date/],
    ])('400 for a variation with %s', async (_label, body, message) => {
      await grantDelegation(grant).expect(201);
      await refused(() => vary(body), 400, message);
    });

    it('400 for a revocation without a date, or with an unknown field', async () => {
      await grantDelegation(grant).expect(201);
      await refused(() => revoke({ source }), 400, /effective/);
      await refused(() => revoke({ effective: '2024-04-01', reason: 'x', source }), 400, /property reason should not exist/);
    });
  });

  describe('refuses what the domain rules forbid, naming the rule, and writes nothing', () => {
    it('409 for the same delegation granted twice', async () => {
      await grantDelegation(grant).expect(201);
      await refused(() => grantDelegation(grant), 409, 'already-recorded');
    });

    it('404 for an unknown delegate', async () => {
      await refused(() => grantDelegation({ ...grant, delegateBodyId: 'nowhere' }), 404, 'unknown-reference');
    });

    it('422 for an end on or before the start', async () => {
      await refused(() => grantDelegation({ ...grant, to: '2022-07-01' }), 422, 'interval-order');
    });

    it('422 for a body delegating to itself', async () => {
      await refused(() => grantDelegation({ ...grant, delegateBodyId: 'nhs-england' }), 422, 'delegation-to-self');
    });

    it('422 for a delegate not yet established', async () => {
      await refused(() => grantDelegation({ ...grant, from: '2022-04-01' }), 422, 'body-not-in-existence');
    });

    it('404 for a sub-delegation under an unknown parent, 422 beyond what the parent delegates', async () => {
      await refused(() => grantDelegation(subGrant), 404, 'unknown-reference');
      await grantDelegation(grant).expect(201);
      await refused(() => grantDelegation({ ...subGrant, functions: ['dental-services'] }), 422, 'sub-delegation-exceeds-parent');
      await refused(() => grantDelegation({ ...subGrant, delegatorBodyId: 'nhs-england' }), 422, 'sub-delegator-not-parent-delegate');
    });

    it('404 for a variation or revocation of an unknown delegation', async () => {
      await refused(() => vary({ effective: '2023-04-01', areas: ['wirral'], source }), 404, 'unknown-reference');
      await refused(() => revoke({ effective: '2023-04-01', source }), 404, 'unknown-reference');
    });

    it('422 for a variation that changes nothing, or takes effect outside the delegation', async () => {
      await grantDelegation({ ...grant, to: '2025-04-01' }).expect(201);
      await refused(() => vary({ effective: '2023-04-01', source }), 422, 'variation-changes-nothing');
      await refused(() => vary({ effective: '2025-04-01', areas: ['wirral'], source }), 422, 'outside-delegation-interval');
      await refused(() => revoke({ effective: '2022-01-01', source }), 422, 'outside-delegation-interval');
    });

    it('409 for a revocation recorded twice', async () => {
      await grantDelegation(grant).expect(201);
      await revoke({ effective: '2024-04-01', source }).expect(201);
      await refused(() => revoke({ effective: '2023-04-01', source }), 409, 'already-revoked');
    });
  });

  describe('who may write', () => {
    it('401 without a key, 401 with a bad key', async () => {
      await refused(() => ledger.http().post('/delegations').send(grant), 401);
      await refused(() => grantDelegation(grant, 'Bearer ldg_nope_nope'), 401);
    });

    it('403 for an auditor, and for an officer of the delegate rather than the delegator', async () => {
      await refused(() => grantDelegation(grant, ledger.keys.auditor), 403);
      await refused(() => grantDelegation(grant, ledger.keys.officerFor('nhs-cheshire-and-merseyside-icb')), 403);
    });

    it('lets the delegator’s officer grant, vary and revoke, and no one else’s', async () => {
      const delegatorOfficer = ledger.keys.officerFor('nhs-england');
      const otherOfficer = ledger.keys.officerFor('nhs-cheshire-and-merseyside-icb');
      await grantDelegation(grant, delegatorOfficer).expect(201);
      await refused(() => vary({ effective: '2023-04-01', areas: ['wirral'], source }, otherOfficer), 403);
      await refused(() => revoke({ effective: '2023-04-01', source }, otherOfficer), 403);
      await refused(() => revoke({ effective: '2023-04-01', source }, ledger.keys.auditor), 403);
      await vary({ effective: '2023-04-01', areas: ['wirral'], source }, delegatorOfficer).expect(201);
      await revoke({ effective: '2024-04-01', source }, delegatorOfficer).expect(201);
    });
  });
});
