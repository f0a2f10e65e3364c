import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { LedgerTestApp, startLedger } from './ledger-test-app';

const source = { title: 'Wirral report 9 Nov 2020', reference: '§3.2.2' };
const valeRoyal = {
  bodyId: 'nhs-vale-royal-ccg',
  kind: 'ccg',
  name: 'NHS Vale Royal CCG',
  odsCode: '02D',
  areas: ['vale-royal'],
  effective: '2013-04-01',
  source,
};

describe('bodies: recording over HTTP', () => {
  let ledger: LedgerTestApp;
  beforeEach(async () => {
    ledger = await startLedger();
  });
  afterEach(() => ledger.close());

  const establish = (body: object, key = ledger.keys.admin) => ledger.http().post('/bodies').set('Authorization', key).send(body);

  it('establishes a body and answers where the fact went', async () => {
    const response = await establish(valeRoyal).expect(201);
    expect(response.body).toMatchObject({
      stream: 'body-nhs-vale-royal-ccg',
      revision: 0,
      position: 1,
      events: [{ type: 'BodyEstablished' }],
    });
    expect(await ledger.head()).toMatchObject({ position: 1, eventCount: 1 });
  });

  it('stamps the actor (key and person) and command in the event metadata', async () => {
    await establish(valeRoyal).set('Idempotency-Key', 'k-1').expect(201);
    const store = ledger.app.get(EVENT_STORE) as EventStore;
    const [event] = await store.readStream('body-nhs-vale-royal-ccg');
    expect(event.metadata).toMatchObject({
      role: 'admin',
      actor: expect.stringMatching(/^key:[0-9a-f]{12}$/),
      person: 'Ada Admin',
      commandId: expect.stringMatching(/:k-1$/),
    });
  });

  describe('refuses bad input with a clear error and writes nothing', () => {
    it.each([
      ['an unknown field', { ...valeRoyal, colour: 'blue' }, /property colour should not exist/],
      ['a missing field', { ...valeRoyal, name: undefined }, /name/],
      ['a wrong type', { ...valeRoyal, areas: 'vale-royal' }, /areas must be an array/],
      ['an unknown kind', { ...valeRoyal, kind: 'quango' }, /kind must be one of/],
      ['an impossible date', { ...valeRoyal, effective: '2013-02-30' }, /effective must be a calendar date/],
      ['a missing source', { ...valeRoyal, source: undefined }, /source/],
      ['a source without title', { ...valeRoyal, source: { url: 'x' } }, /source.title/],
    ])('400 for %s', async (_label, body, message) => {
      await ledger.expectNothingWritten(async () => {
        const response = await establish(body).expect(400);
        expect(JSON.stringify(response.body.message)).toMatch(message);
      });
    });

    it('400 for malformed JSON', async () => {
      await ledger.expectNothingWritten(() =>
        ledger
          .http()
          .post('/bodies')
          .set('Authorization', ledger.keys.admin)
          .set('Content-Type', 'application/json')
          .send('{"bodyId": ')
          .expect(400),
      );
    });

    it('409 for a body established twice, naming the rule', async () => {
      await establish(valeRoyal).expect(201);
      await ledger.expectNothingWritten(async () => {
        const response = await establish(valeRoyal).expect(409);
        expect(response.body).toMatchObject({ rule: 'already-recorded', message: expect.stringContaining('nhs-vale-royal-ccg') });
      });
    });

    it('404 for a rename of an unknown body', async () => {
      await ledger.expectNothingWritten(async () => {
        const response = await ledger
          .http()
          .post('/bodies/nowhere/renamings')
          .set('Authorization', ledger.keys.admin)
          .send({ name: 'X', effective: '2020-01-01', source })
          .expect(404);
        expect(response.body.rule).toBe('unknown-reference');
      });
    });

    it('422 for a dissolution on the day of establishment (to <= from)', async () => {
      await establish(valeRoyal).expect(201);
      await ledger.expectNothingWritten(async () => {
        const response = await ledger
          .http()
          .post('/bodies/nhs-vale-royal-ccg/dissolution')
          .set('Authorization', ledger.keys.admin)
          .send({ effective: '2013-04-01', source })
          .expect(422);
        expect(response.body.rule).toBe('interval-order');
      });
    });
  });

  describe('who may write', () => {
    it('401 without a key, 401 with a bad key', async () => {
      await ledger.expectNothingWritten(async () => {
        await ledger.http().post('/bodies').send(valeRoyal).expect(401);
        await establish(valeRoyal, 'Bearer ldg_nope_nope').expect(401);
      });
    });

    it('403 for an auditor, and for an officer establishing a body', async () => {
      await ledger.expectNothingWritten(async () => {
        await establish(valeRoyal, ledger.keys.auditor).expect(403);
        await establish(valeRoyal, ledger.keys.officerFor('nhs-vale-royal-ccg')).expect(403);
      });
    });

    it('lets an officer record memberships for their body and its committees, not for another body', async () => {
      await establish(valeRoyal).expect(201);
      await establish({
        ...valeRoyal,
        bodyId: 'vr-governing-body',
        kind: 'committee',
        name: 'Governing Body',
        odsCode: undefined,
        parentBodyId: 'nhs-vale-royal-ccg',
      }).expect(201);
      await establish({
        ...valeRoyal,
        bodyId: 'nhs-west-cheshire-ccg',
        name: 'NHS West Cheshire CCG',
        odsCode: '02F',
        areas: ['west-cheshire'],
      }).expect(201);
      const officer = ledger.keys.officerFor('nhs-vale-royal-ccg');
      const appoint = (bodyId: string) =>
        ledger
          .http()
          .post(`/bodies/${bodyId}/memberships`)
          .set('Authorization', officer)
          .send({ membershipId: `chair-${bodyId}`, member: { seat: 'Chair' }, role: 'chair', voting: true, from: '2013-04-01', source });
      await appoint('vr-governing-body').expect(201);
      await ledger.expectNothingWritten(() => appoint('nhs-west-cheshire-ccg').expect(403));
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a retry with the first response and writes nothing new', async () => {
      const first = await establish(valeRoyal).set('Idempotency-Key', 'abc').expect(201);
      await ledger.expectNothingWritten(async () => {
        const again = await establish(valeRoyal).set('Idempotency-Key', 'abc').expect(201);
        expect(again.body).toEqual(first.body);
      });
    });

    it('answers 422 for the same key with a different body', async () => {
      await establish(valeRoyal).set('Idempotency-Key', 'abc').expect(201);
      await ledger.expectNothingWritten(async () => {
        const response = await establish({ ...valeRoyal, name: 'Other' })
          .set('Idempotency-Key', 'abc')
          .expect(422);
        expect(response.body.message).toMatch(/Idempotency-Key/);
      });
    });
  });

  it('answers a concurrent write to the same stream with 409 and the current revision, writing nothing', async () => {
    const store = ledger.app.get(EVENT_STORE) as EventStore;
    // Established by another process: this one has no decision of its own on the stream to build on.
    await store.append(
      'body-nhs-vale-royal-ccg',
      [{ id: 'another-writer-establish', type: 'BodyEstablished', data: valeRoyal }],
      'no-stream',
    );
    const before = await store.readStream('body-nhs-vale-royal-ccg');
    // Another writer (another process: this one lets one command at a time at a stream) renames between this request's load and its append.
    const realRead = store.readStream.bind(store);
    jest.spyOn(store, 'readStream').mockImplementationOnce(async (stream, fromRevision) => {
      const stale = await realRead(stream, fromRevision);
      const renamed = { bodyId: 'nhs-vale-royal-ccg', name: 'First', effective: '2014-01-01', source };
      await store.append(stream, [{ id: 'another-writer-rename', type: 'BodyRenamed', data: renamed }], before.length - 1);
      return stale;
    });
    const response = await ledger
      .http()
      .post('/bodies/nhs-vale-royal-ccg/renamings')
      .set('Authorization', ledger.keys.admin)
      .send({ name: 'Second', effective: '2014-01-01', source })
      .expect(409);
    expect(response.body).toMatchObject({ rule: 'expected-revision', stream: 'body-nhs-vale-royal-ccg', currentRevision: 1 });
    const after = await store.readStream('body-nhs-vale-royal-ccg');
    expect(after).toHaveLength(before.length + 1);
    expect(after[after.length - 1].data).toMatchObject({ name: 'First' });
  });
});
