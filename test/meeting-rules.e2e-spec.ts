import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unrecordedBodies } from '../apps/ledger/src/cli/main';
import { LocalDatabase } from '../apps/ledger/src/local-database/local-database';
import { LedgerTestApp, startLedger } from './ledger-test-app';

const source = { title: 'Illustrative minutes', illustrative: true };

const body = (bodyId: string, kind: string, effective = '2013-04-01', parentBodyId?: string) => ({
  bodyId,
  kind,
  name: bodyId,
  areas: [],
  effective,
  ...(parentBodyId ? { parentBodyId } : {}),
  source,
});
const BODIES = [
  body('wirral-council', 'local-authority'),
  body('wirral-cabinet', 'committee', '2013-04-01', 'wirral-council'),
  body('nhs-a-ccg', 'ccg'),
  body('nhs-b-ccg', 'ccg'),
  body('nhs-ab-ccg', 'ccg', '2020-04-01'),
  body('nhs-c-ccg', 'ccg'),
];
/** [bodyId, membershipId] — every member votes. */
const MEMBERS: [string, string][] = [
  ['wirral-cabinet', 'cabinet-chair'],
  ['wirral-cabinet', 'cabinet-member'],
  ['nhs-c-ccg', 'c-chair'],
];

/** The meeting rules over HTTP: what the handler must load for the decider (successions, parent lines) reaches it. */
describe('meeting rules: recording over HTTP', () => {
  let ledger: LedgerTestApp;
  const post = (path: string, data: object) =>
    ledger
      .http()
      .post(path)
      .set('Authorization', ledger.keys.admin)
      .send({ source, ...data });
  const given = async (...steps: [string, object][]) => {
    for (const [path, data] of steps) await post(path, data).expect(201);
  };
  const refused = (path: string, data: object, status: number, rule: string) =>
    ledger.expectNothingWritten(async () => {
      const response = await post(path, data).expect(status);
      expect(response.body.rule).toBe(rule);
    });
  const meeting = (meetingId: string, bodyId: string, date: string): [string, object][] => [
    ['/meetings', { meetingId, date, bodies: [{ bodyId, quorum: 1 }] }],
    [`/meetings/${meetingId}/items`, { itemId: 'budget', title: 'Budget', text: 'Set the budget', functions: [], areas: [] }],
  ];

  beforeAll(async () => {
    ledger = await startLedger();
    await given(...BODIES.map((data): [string, object] => ['/bodies', data]));
    await given(
      ...MEMBERS.map(([bodyId, membershipId]): [string, object] => [
        `/bodies/${bodyId}/memberships`,
        { membershipId, member: { seat: membershipId }, role: 'member', voting: true, from: '2013-04-01' },
      ]),
    );
    await given([
      '/reorganisations/mergers',
      {
        reorganisationId: 'ab-merger',
        predecessorBodyIds: ['nhs-a-ccg', 'nhs-b-ccg'],
        successorBodyId: 'nhs-ab-ccg',
        legalDate: '2020-04-01',
      },
    ]);
  });
  afterAll(() => ledger.close());

  it('lets the successor body approve its predecessor’s minutes; 422 minutes-of-another-body for an unrelated one', async () => {
    await given(...meeting('a-2020-03', 'nhs-a-ccg', '2020-03-01'), ...meeting('ab-2020-05', 'nhs-ab-ccg', '2020-05-01'));
    await given(...meeting('c-2020-05', 'nhs-c-ccg', '2020-05-01'));
    const approval = { minutesOfMeetingId: 'a-2020-03', approval: 'as-correct-record' };
    await refused('/meetings/c-2020-05/minutes-approvals', approval, 422, 'minutes-of-another-body');
    await post('/meetings/ab-2020-05/minutes-approvals', approval).expect(201);
  });

  it('calls in a council committee’s decision; 422 call-in-not-applicable for a CCG’s', async () => {
    await given(
      ...meeting('cabinet-2019-01', 'wirral-cabinet', '2019-01-10'),
      ['/meetings/cabinet-2019-01/items/budget/decisions', { outcome: 'agreed-without-vote', resolution: 'Set' }],
      ...meeting('c-2019-01', 'nhs-c-ccg', '2019-01-10'),
      ['/meetings/c-2019-01/items/budget/decisions', { outcome: 'agreed-without-vote', resolution: 'Set' }],
    );
    const callIn = { effective: '2019-01-17', reason: 'Called in by five members' };
    await refused('/meetings/c-2019-01/items/budget/call-ins', callIn, 422, 'call-in-not-applicable');
    await post('/meetings/cabinet-2019-01/items/budget/call-ins', callIn).expect(201);
  });

  it('carries a tie only on a casting vote recorded as such, and shows it with the votes', async () => {
    const item = '/meetings/cabinet-2019-02/items/budget';
    await given(
      ...meeting('cabinet-2019-02', 'wirral-cabinet', '2019-02-14'),
      ['/meetings/cabinet-2019-02/attendance', { present: ['cabinet-chair', 'cabinet-member'] }],
      [`${item}/votes`, { membershipId: 'cabinet-chair', vote: 'for' }],
      [`${item}/votes`, { membershipId: 'cabinet-member', vote: 'against' }],
    );
    const carried = { outcome: 'carried', resolution: 'Set the budget' };
    await refused(`${item}/decisions`, carried, 422, 'outcome-contradicts-votes');
    await refused(
      `${item}/decisions`,
      { ...carried, castingVote: { membershipId: 'c-chair', vote: 'for' } },
      422,
      'casting-vote-not-a-voter',
    );
    await post(`${item}/decisions`, { ...carried, castingVote: { membershipId: 'cabinet-chair', vote: 'for' } }).expect(201);
    await ledger.settled();
    const view = (await ledger.http().get('/decisions/cabinet-2019-02/budget/wirral-cabinet').expect(200)).body;
    expect(view).toMatchObject({
      outcome: 'carried',
      castingVote: { membershipId: 'cabinet-chair', vote: 'for' },
      counts: { for: 1, against: 1, abstain: 0, abstainedNoVoteCast: 0 },
    });
  });

  it('adds a second attendance record to the first, and refuses one contradicting it (409 attendance-contradicts)', async () => {
    await given(
      ...meeting('cabinet-2019-03', 'wirral-cabinet', '2019-03-14'),
      ['/meetings/cabinet-2019-03/attendance', { present: ['cabinet-chair'] }],
      ['/meetings/cabinet-2019-03/attendance', { present: ['cabinet-member'] }],
    );
    await refused('/meetings/cabinet-2019-03/attendance', { present: [], apologies: ['cabinet-chair'] }, 409, 'attendance-contradicts');
  });

  it('finds which bodies a key would name are not recorded', async () => {
    const store = ledger.app.get(EVENT_STORE) as EventStore;
    await expect(unrecordedBodies(store, ['wirral-council', 'nowhere', 'nhs-c-ccg', 'nowhere'])).resolves.toEqual(['nowhere']);
  });
});

describe('npm run ledger -- keys create, for a body not recorded', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ledger-keys-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('names the body, exits non-zero and creates no key', () => {
    const run = spawnSync(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        'apps/ledger/src/cli/main.ts',
        'keys',
        'create',
        '--name',
        'Nia Nowhere',
        '--role',
        'officer',
        '--body',
        'nhs-nowhere-ccg',
      ],
      {
        cwd: join(__dirname, '..'),
        env: { ...process.env, LEDGER_DATA_DIR: join(folder, 'data'), LEDGER_STORE: 'sqlite' },
        encoding: 'utf8',
        timeout: 60000,
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('nhs-nowhere-ccg');
    expect(run.stdout).not.toMatch(/ldg_/);
    const local = new LocalDatabase(join(folder, 'data'));
    try {
      expect(local.db.prepare('SELECT COUNT(*) AS keys FROM api_keys').get()).toEqual({ keys: 0 });
    } finally {
      local.close();
    }
  });
});
