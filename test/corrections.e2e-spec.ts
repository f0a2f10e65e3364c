import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { randomUUID } from 'node:crypto';
import { CommandImport } from '../apps/ledger/src/import/command-import';
import { LedgerTestApp, startLedger } from './ledger-test-app';

const source = { title: 'Vale Royal CCG governing body minutes, approved subject to amendments', illustrative: true };
const valeRoyal = {
  bodyId: 'nhs-vale-royal-ccg',
  kind: 'ccg',
  name: 'NHS Vale Royal CCG',
  odsCode: '02D',
  areas: ['vale-royal'],
  effective: '2013-04-01',
  source: { title: 'Wirral report 9 Nov 2020', reference: '§3.2.2' },
};
const westCheshire = {
  ...valeRoyal,
  bodyId: 'nhs-west-cheshire-ccg',
  name: 'NHS West Cheshire CCG',
  odsCode: '02F',
  areas: ['west-cheshire'],
};
const governingBody = {
  ...valeRoyal,
  bodyId: 'vr-governing-body',
  kind: 'committee',
  name: 'Governing Body',
  odsCode: undefined,
  parentBodyId: valeRoyal.bodyId,
};
const misspelt = 'NHS Vale Royal Clinical Comissioning Group';
const spelt = 'NHS Vale Royal Clinical Commissioning Group';

describe('corrections over HTTP', () => {
  let ledger: LedgerTestApp;
  let renaming: string;
  let establishment: string;
  beforeEach(async () => {
    ledger = await startLedger();
    const admin = ledger.keys.admin;
    establishment = (await ledger.http().post('/bodies').set('Authorization', admin).send(valeRoyal).expect(201)).body.events[0].id;
    for (const body of [westCheshire, governingBody])
      await ledger.http().post('/bodies').set('Authorization', admin).send(body).expect(201);
    const renamed = await ledger
      .http()
      .post('/bodies/nhs-vale-royal-ccg/renamings')
      .set('Authorization', admin)
      .send({ name: misspelt, effective: '2014-01-01', source })
      .expect(201);
    renaming = renamed.body.events[0].id;
  });
  afterEach(() => ledger.close());

  const correct = (body: object, key = ledger.keys.admin) => ledger.http().post('/corrections').set('Authorization', key).send(body);
  const correction = () => ({
    stream: 'body-nhs-vale-royal-ccg',
    correctedEventId: renaming,
    reason: 'name misspelt in the minutes',
    changes: { name: spelt },
    source,
  });
  const rename = (name: string) =>
    ledger
      .http()
      .post('/bodies/nhs-vale-royal-ccg/renamings')
      .set('Authorization', ledger.keys.admin)
      .send({ name, effective: '2015-01-01', source });

  it("records a correction in the corrected fact's stream, leaving the original as it was", async () => {
    const answer = await correct(correction()).expect(201);
    expect(answer.body).toMatchObject({ stream: 'body-nhs-vale-royal-ccg', revision: 2, events: [{ type: 'FactCorrected' }] });
    const events = await (ledger.app.get(EVENT_STORE) as EventStore).readStream('body-nhs-vale-royal-ccg');
    expect(events.map((event) => event.type)).toEqual(['BodyEstablished', 'BodyRenamed', 'FactCorrected']);
    expect(events[1].data).toMatchObject({ name: misspelt });
    expect(events[2].data).toEqual({
      correctedEventId: renaming,
      reason: 'name misspelt in the minutes',
      changes: { name: spelt },
      source,
    });
  });

  it('makes later commands on the aggregate decide on the corrected fact', async () => {
    await correct(correction()).expect(201);
    await ledger.expectNothingWritten(async () => {
      const answer = await rename(spelt).expect(422);
      expect(answer.body.rule).toBe('rename-to-same-name');
    });
    // The misspelt name is no longer the body's name, so renaming to it is a real change.
    await rename(misspelt).expect(201);
  });

  it('imports a correction from a JSON-lines file as CorrectFact', async () => {
    await expect(ledger.app.get(CommandImport).importText(JSON.stringify({ command: 'CorrectFact', data: correction() }))).resolves.toEqual(
      { recorded: 1, skipped: 0 },
    );
    await ledger.expectNothingWritten(() => rename(spelt).expect(422));
  });

  it('withdraws a fact recorded in error, so later commands no longer see it', async () => {
    await correct({ ...correction(), changes: undefined, withdrawn: true }).expect(201);
    await ledger.expectNothingWritten(async () => {
      const answer = await rename(valeRoyal.name).expect(422);
      expect(answer.body.rule).toBe('rename-to-same-name');
    });
    await rename(misspelt).expect(201);
  });

  describe('refuses bad input with a clear error and writes nothing', () => {
    it.each([
      ['an unknown field', { colour: 'blue' }, /property colour should not exist/],
      ['a missing reason', { reason: undefined }, /reason/],
      ['changes that are not an object', { changes: 'name' }, /changes must be an object/],
      ['withdrawn that is not a boolean', { changes: undefined, withdrawn: 'yes' }, /withdrawn must be a boolean/],
      ['a stream that is not an identifier', { stream: 'Body NHS' }, /stream must be a lower-case identifier/],
      ['a missing source', { source: undefined }, /source/],
    ])('400 for %s', async (_label, change, message) => {
      await ledger.expectNothingWritten(async () => {
        const answer = await correct({ ...correction(), ...change }).expect(400);
        expect(JSON.stringify(answer.body.message)).toMatch(message);
      });
    });
  });

  describe('refuses what the rules of correction forbid, naming the rule, and writes nothing', () => {
    const refused = async (body: object, status: number, rule: string) => {
      await ledger.expectNothingWritten(async () => {
        const answer = await correct(body).expect(status);
        expect(answer.body.rule).toBe(rule);
      });
    };

    it('404 for an unknown stream', () => refused({ ...correction(), stream: 'body-nowhere' }, 404, 'unknown-reference'));
    it('404 for an event the stream does not hold', () =>
      refused({ ...correction(), correctedEventId: randomUUID() }, 404, 'unknown-reference'));
    it('422 for neither changes nor a withdrawal', () => refused({ ...correction(), changes: undefined }, 422, 'correction-shape'));
    it('422 for both changes and a withdrawal', () => refused({ ...correction(), withdrawn: true }, 422, 'correction-shape'));
    it('422 for a change of which body the fact is about', () =>
      refused({ ...correction(), changes: { bodyId: 'nhs-west-cheshire-ccg' } }, 422, 'identity-fields-immutable'));
    it('422 for a field the fact does not have', () => refused({ ...correction(), changes: { colour: 'blue' } }, 422, 'unknown-field'));
    it('422 for a correction of a correction', async () => {
      const first = await correct(correction()).expect(201);
      await refused({ ...correction(), correctedEventId: first.body.events[0].id }, 422, 'correct-the-fact');
    });
    it('409 for a correction of a withdrawn fact', async () => {
      await correct({ ...correction(), changes: undefined, withdrawn: true }).expect(201);
      await refused(correction(), 409, 'fact-withdrawn');
    });
  });

  describe('who may correct', () => {
    it('401 without a key', async () => {
      await ledger.expectNothingWritten(() => ledger.http().post('/corrections').send(correction()).expect(401));
    });

    it('403 for an auditor', async () => {
      await ledger.expectNothingWritten(() => correct(correction(), ledger.keys.auditor).expect(403));
    });

    const appoint = async (bodyId: string) =>
      (
        await ledger
          .http()
          .post(`/bodies/${bodyId}/memberships`)
          .set('Authorization', ledger.keys.admin)
          .send({ membershipId: 'm-1', member: { person: 'A. Member' }, role: 'GP member', voting: true, from: '2014-04-01', source })
          .expect(201)
      ).body.events[0].id as string;
    const endDate = (stream: string, correctedEventId: string) => ({
      stream,
      correctedEventId,
      reason: 'the appointment was for three years',
      changes: { to: '2017-04-01' },
      source,
    });

    it("lets the body's officers correct the facts they may record, and refuses officers of another body", async () => {
      const fix = endDate('body-nhs-vale-royal-ccg', await appoint(valeRoyal.bodyId));
      await ledger.expectNothingWritten(async () => {
        const refused = await correct(fix, ledger.keys.officerFor(westCheshire.bodyId)).expect(403);
        expect(refused.body.rule).toBe('body-not-served');
      });
      await correct(fix, ledger.keys.officerFor(valeRoyal.bodyId)).expect(201);
    });

    it('refuses an officer the correction of a fact only an admin may record', async () => {
      await ledger.expectNothingWritten(async () => {
        const refused = await correct(correction(), ledger.keys.officerFor(valeRoyal.bodyId)).expect(403);
        expect(refused.body.rule).toBe('role-not-allowed');
      });
      await correct(correction()).expect(201);
    });

    it("lets a parent body's officers correct a committee's facts", async () => {
      const fix = endDate('body-vr-governing-body', await appoint(governingBody.bodyId));
      await ledger.expectNothingWritten(() => correct(fix, ledger.keys.officerFor(westCheshire.bodyId)).expect(403));
      await correct(fix, ledger.keys.officerFor(valeRoyal.bodyId)).expect(201);
    });

    it('judges a fact outside a body stream by the bodies its data names', async () => {
      const decision = await ledger
        .http()
        .post('/officer-decisions')
        .set('Authorization', ledger.keys.admin)
        .send({
          decisionId: 'vr-od-1',
          officer: { name: 'A. Example', post: 'Chief Finance Officer' },
          bodyId: valeRoyal.bodyId,
          delegationRelied: { instrument: 'Prime financial policies' },
          date: '2016-05-01',
          decision: 'Approve the contract variation',
          reasons: 'Within budget',
          alternativesRejected: [],
          conflicts: [],
          functions: ['community-health-services'],
          areas: ['vale-royal'],
          source,
        })
        .expect(201);
      const fix = {
        stream: 'officer-decision-vr-od-1',
        correctedEventId: decision.body.events[0].id,
        reason: 'reasons abridged',
        changes: { reasons: 'Within budget; no procurement needed' },
        source,
      };
      await ledger.expectNothingWritten(() => correct(fix, ledger.keys.officerFor(westCheshire.bodyId)).expect(403));
      await correct(fix, ledger.keys.officerFor(valeRoyal.bodyId)).expect(201);
    });

    it('keeps the body a fact is about: an officer cannot move it onto another body by correcting it', async () => {
      const fix = { ...endDate('body-nhs-vale-royal-ccg', await appoint(valeRoyal.bodyId)), changes: { bodyId: westCheshire.bodyId } };
      await ledger.expectNothingWritten(async () => {
        const refused = await correct(fix, ledger.keys.officerFor(valeRoyal.bodyId, westCheshire.bodyId)).expect(422);
        expect(refused.body.rule).toBe('identity-fields-immutable');
      });
    });
  });

  it('corrects only the streams the ledger keeps', async () => {
    const store = ledger.app.get(EVENT_STORE) as EventStore;
    const id = randomUUID();
    await store.append('ledger-note-1', [{ id, type: 'NoteRecorded', data: { note: 'imported by hand' } }], 'no-stream');
    const fix = { stream: 'ledger-note-1', correctedEventId: id, reason: 'typo', changes: { note: 'imported by hand (2021)' }, source };
    await ledger.expectNothingWritten(async () => {
      const refused = await correct(fix).expect(404);
      expect(refused.body.rule).toBe('unknown-reference');
    });
  });

  it('applies a corrected valid date to later commands', async () => {
    await correct({ ...correction(), correctedEventId: establishment, changes: { effective: '2013-04-02' } }).expect(201);
    await ledger.expectNothingWritten(async () => {
      const answer = await ledger
        .http()
        .post('/bodies/nhs-vale-royal-ccg/renamings')
        .set('Authorization', ledger.keys.admin)
        .send({ name: 'X', effective: '2013-04-01', source })
        .expect(422);
      expect(answer.body.rule).toBe('before-establishment');
    });
  });
});
