import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { DelegationEvent } from '@ledger/governance';
import { randomUUID } from 'node:crypto';
import { CommandImport } from '../apps/ledger/src/import/command-import';
import { LedgerTestApp, startLedger } from './ledger-test-app';

const source = { title: 'NHS Cheshire CCG register of procurement decisions', illustrative: true };
const cheshireCcg = {
  bodyId: 'nhs-cheshire-ccg',
  kind: 'ccg',
  name: 'NHS Cheshire CCG',
  odsCode: '27D',
  areas: ['eastern-cheshire', 'south-cheshire', 'west-cheshire', 'vale-royal'],
  effective: '2020-04-01',
  source: { title: 'Wirral report 9 Nov 2020', reference: '§3.2.2' },
};
const wirralCcg = {
  ...cheshireCcg,
  bodyId: 'nhs-wirral-ccg',
  name: 'NHS Wirral CCG',
  odsCode: '12F',
  areas: ['wirral'],
  effective: '2013-04-01',
};

const decision = {
  decisionId: 'cheshire-ccg-od-2021-017',
  officer: { name: 'A. Example', post: 'Director of Commissioning' },
  bodyId: cheshireCcg.bodyId,
  delegationRelied: { instrument: 'Scheme of reservation and delegation 2020, para 4.2' },
  date: '2021-03-15',
  decision: 'Extend the community equipment contract by twelve months',
  reasons: 'Continuity of service while the single procurement is prepared',
  alternativesRejected: ['Re-procure now', 'Let the contract lapse'],
  conflicts: [{ interest: 'Spouse employed by the incumbent provider', dispensation: 'Withdrew from the evaluation' }],
  functions: ['community-health-services'],
  areas: ['eastern-cheshire', 'south-cheshire'],
  source,
};

describe('officer decisions over HTTP', () => {
  let ledger: LedgerTestApp;
  let officer: string;
  beforeEach(async () => {
    ledger = await startLedger();
    for (const body of [cheshireCcg, wirralCcg])
      await ledger.http().post('/bodies').set('Authorization', ledger.keys.admin).send(body).expect(201);
    officer = ledger.keys.officerFor(cheshireCcg.bodyId);
  });
  afterEach(() => ledger.close());

  const record = (body: object, key = officer) => ledger.http().post('/officer-decisions').set('Authorization', key).send(body);
  /** A delegation as the delegations feature records it, written straight to its stream. */
  const delegationRecorded = async (delegationId: string, delegateBodyId = cheshireCcg.bodyId) => {
    const granted: DelegationEvent = {
      type: 'DelegationGranted',
      data: {
        delegationId,
        delegatorBodyId: 'nhs-england',
        delegateBodyId,
        functions: ['community-health-services'],
        areas: ['eastern-cheshire', 'south-cheshire', 'west-cheshire', 'vale-royal'],
        from: '2020-04-01',
        to: null,
        instrument: { kind: 'scheme-of-reservation-and-delegation', reference: 'Scheme of reservation and delegation 2020' },
        subDelegationAllowed: false,
        source,
      },
    };
    const id = randomUUID();
    await (ledger.app.get(EVENT_STORE) as EventStore).append(`delegation-${delegationId}`, [{ id, ...granted }], 'no-stream');
    return id;
  };

  it("records an officer's decision with everything the register needs", async () => {
    const answer = await record(decision).expect(201);
    expect(answer.body).toMatchObject({
      stream: 'officer-decision-cheshire-ccg-od-2021-017',
      revision: 0,
      events: [{ type: 'OfficerDecisionRecorded' }],
    });
    const [event] = await (ledger.app.get(EVENT_STORE) as EventStore).readStream('officer-decision-cheshire-ccg-od-2021-017');
    expect(event.data).toEqual(decision);
  });

  it('imports the same command from a JSON-lines file', async () => {
    await expect(
      ledger.app.get(CommandImport).importText(JSON.stringify({ command: 'RecordOfficerDecision', data: decision })),
    ).resolves.toEqual({ recorded: 1, skipped: 0 });
    const [event] = await (ledger.app.get(EVENT_STORE) as EventStore).readStream('officer-decision-cheshire-ccg-od-2021-017');
    expect(event.data).toEqual(decision);
  });

  it('records a decision citing a delegation the ledger holds', async () => {
    await delegationRecorded('sord-2020');
    await record({
      ...decision,
      delegationRelied: { delegationId: 'sord-2020', instrument: 'Scheme of reservation and delegation' },
    }).expect(201);
  });

  describe('refuses bad input with a clear error and writes nothing', () => {
    it.each([
      ['an unknown field', { ...decision, colour: 'blue' }, /property colour should not exist/],
      ['an unknown field of the officer', { ...decision, officer: { ...decision.officer, grade: 'VSM' } }, /grade should not exist/],
      ['an officer without a post', { ...decision, officer: { name: 'A. Example' } }, /officer.post/],
      ['a missing reasons', { ...decision, reasons: undefined }, /reasons/],
      [
        'a delegation without its instrument',
        { ...decision, delegationRelied: { delegationId: 'sord-2020' } },
        /delegationRelied.instrument/,
      ],
      ['conflicts of the wrong type', { ...decision, conflicts: 'none' }, /conflicts must be an array/],
      ['a conflict without its interest', { ...decision, conflicts: [{ dispensation: 'x' }] }, /conflicts.0.interest/],
      ['an unknown area', { ...decision, areas: ['gotham'] }, /areas/],
      ['an impossible date', { ...decision, date: '2021-02-29' }, /date must be a calendar date/],
    ])('400 for %s', async (_label, body, message) => {
      await ledger.expectNothingWritten(async () => {
        const answer = await record(body).expect(400);
        expect(JSON.stringify(answer.body.message)).toMatch(message);
      });
    });
  });

  describe('refuses what the domain rules forbid, naming the rule, and writes nothing', () => {
    const refused = async (body: object, status: number, rule: string) => {
      await ledger.expectNothingWritten(async () => {
        const answer = await record(body, ledger.keys.admin).expect(status);
        expect(answer.body.rule).toBe(rule);
      });
    };

    it('409 for the same decision twice', async () => {
      await record(decision).expect(201);
      await refused(decision, 409, 'already-recorded');
    });
    it('404 for an unknown body', () => refused({ ...decision, bodyId: 'nowhere' }, 404, 'unknown-reference'));
    it('422 for a date before the body existed', () => refused({ ...decision, date: '2020-03-31' }, 422, 'body-not-in-existence'));
    it('404 for a delegation id the ledger does not hold', () =>
      refused({ ...decision, delegationRelied: { delegationId: 'no-such-delegation', instrument: 'x' } }, 404, 'unknown-reference'));
    it('422 for a delegation made to another body', async () => {
      await delegationRecorded('wirral-sord', wirralCcg.bodyId);
      await refused({ ...decision, delegationRelied: { delegationId: 'wirral-sord', instrument: 'x' } }, 422, 'delegation-not-to-body');
    });
    it('422 for a decision on a function the delegation did not cover', async () => {
      await delegationRecorded('sord-2020');
      await refused(
        { ...decision, functions: ['dental-services'], delegationRelied: { delegationId: 'sord-2020', instrument: 'x' } },
        422,
        'outside-delegation',
      );
    });
    it('404 for a delegation whose recording was withdrawn by a correction', async () => {
      const eventId = await delegationRecorded('sord-2020');
      await ledger
        .http()
        .post('/corrections')
        .set('Authorization', ledger.keys.admin)
        .send({ stream: 'delegation-sord-2020', correctedEventId: eventId, reason: 'recorded in error', withdrawn: true, source })
        .expect(201);
      await refused({ ...decision, delegationRelied: { delegationId: 'sord-2020', instrument: 'x' } }, 404, 'unknown-reference');
    });
  });

  describe('who may write', () => {
    it('401 without a key', async () => {
      await ledger.expectNothingWritten(() => ledger.http().post('/officer-decisions').send(decision).expect(401));
    });
    it('403 for an auditor, and for an officer of another body', async () => {
      await ledger.expectNothingWritten(async () => {
        await record(decision, ledger.keys.auditor).expect(403);
        await record(decision, ledger.keys.officerFor(wirralCcg.bodyId)).expect(403);
      });
    });
    it('lets an admin record for any body', async () => {
      await record(decision, ledger.keys.admin).expect(201);
    });
  });
});
