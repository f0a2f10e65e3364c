import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandImport } from '../apps/ledger/src/import/command-import';
import { LedgerTestApp, startLedger } from './ledger-test-app';

/**
 * Every 4xx answers `{ statusCode, error, rule, message }` (plus fields saying where), whatever layer
 * refused it: the key, the body parser, validation, the domain, the router. A refused write writes nothing.
 */
const seed = readFileSync(join(__dirname, '../apps/ledger/seed/history.jsonl'), 'utf8');
const source = { title: 'Wirral report 9 Nov 2020' };
const newBody = {
  bodyId: 'nhs-test-ccg',
  kind: 'ccg',
  name: 'NHS Test CCG',
  areas: ['vale-royal'],
  effective: '2013-04-01',
  source,
};
const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
};

describe('one error shape', () => {
  let ledger: LedgerTestApp;
  beforeAll(async () => {
    ledger = await startLedger();
    await ledger.app.get(CommandImport).importText(seed);
  });
  afterAll(() => ledger.close());

  type Answer = { status: number; body: Record<string, unknown> };
  /** The answer is in the one shape, with this status and rule (and the fields given). */
  const expectRefusal = (answer: Answer, status: number, rule: string, fields: Record<string, unknown> = {}) => {
    expect({ status: answer.status, rule: answer.body.rule }).toEqual({ status, rule });
    expect(answer.body).toMatchObject({ statusCode: status, rule, ...fields });
    expect(typeof answer.body.error).toBe('string');
    expect(typeof answer.body.message).toBe('string');
  };
  /** A refused write: its shape, and the ledger head did not move. */
  const refusedWrite = async (attempt: () => Promise<Answer>, status: number, rule: string, fields: Record<string, unknown> = {}) => {
    let answer: Answer | undefined;
    await ledger.expectNothingWritten(async () => {
      answer = await attempt();
    });
    expectRefusal(answer!, status, rule, fields);
    return answer!;
  };
  /** A write with the admin key, another key, or none (null). */
  const post = (path: string, key: string | null = ledger.keys.admin) => {
    const call = ledger.http().post(path);
    return key === null ? call : call.set('Authorization', key);
  };

  describe('validation: 400 invalid-field, naming the field', () => {
    it('a wrong type at the top level', async () => {
      const answer = await refusedWrite(() => post('/bodies').send({ ...newBody, name: 5 }), 400, 'invalid-field', { field: 'name' });
      expect(answer.body.message).toMatch(/name/);
    });

    it('a nested field, by its dotted path', async () => {
      const answer = await refusedWrite(() => post('/bodies').send({ ...newBody, source: { url: 'x' } }), 400, 'invalid-field', {
        field: 'source.title',
      });
      expect(answer.body.message).toMatch(/source\.title/);
    });

    it('a field of an item of a list, by its index', async () => {
      const meeting = { meetingId: 'm-1', date: '2019-09-24', bodies: [{ bodyId: 'nhs-vale-royal-ccg', quorum: 0 }], source };
      const answer = await refusedWrite(() => post('/meetings').send(meeting), 400, 'invalid-field', { field: 'bodies.0.quorum' });
      expect(answer.body.message).toMatch(/bodies\.0\.quorum/);
    });

    it('an unknown field', async () => {
      await refusedWrite(() => post('/bodies').send({ ...newBody, colour: 'blue' }), 400, 'invalid-field', { field: 'colour' });
    });

    it('a body that is not an object', async () => {
      await refusedWrite(() => post('/bodies').set('Content-Type', 'application/json').send('[1,2]'), 400, 'invalid-field');
      // A bare JSON value is not a body at all.
      await refusedWrite(() => post('/bodies').set('Content-Type', 'application/json').send('"text"'), 400, 'malformed-json');
    });

    it('a query parameter', async () => {
      expectRefusal(await ledger.http().get('/decisions?limit=ten'), 400, 'invalid-field', { field: 'limit' });
      expectRefusal(await ledger.http().get('/bodies?at=2020-02-30'), 400, 'invalid-field', { field: 'at' });
      expectRefusal(await ledger.http().get('/bodies?at=2020-13-01'), 400, 'invalid-field', { field: 'at' });
      expectRefusal(await ledger.http().get('/bodies?at=2020-01-01&at=2020-01-02'), 400, 'invalid-field', { field: 'at' });
    });

    it('changes: null beside withdrawn: true in a correction', async () => {
      await refusedWrite(
        () =>
          post('/corrections').send({
            stream: 'body-nhs-vale-royal-ccg',
            correctedEventId: 'some-event',
            reason: 'x',
            changes: null,
            withdrawn: true,
            source,
          }),
        400,
        'invalid-field',
        { field: 'changes' },
      );
    });
  });

  describe('asKnownAt: a timestamp must exist', () => {
    it.each([
      '2020-02-30T00:00:00Z',
      '2020-13-01T00:00:00Z',
      '2020-01-01T24:00:00Z',
      '2020-01-01T12:60:00Z',
      '2020-01-01T12:00:60Z',
      '2020-01-01T12:00:00+24:00',
      '1969-12-31T23:59:59.9995Z',
      'yesterday',
      '99999999999999999999',
    ])('400 for asKnownAt=%s', async (asKnownAt) => {
      const query = `function=community-health-services&area=vale-royal&at=2021-01-01&asKnownAt=${encodeURIComponent(asKnownAt)}`;
      const answer = await ledger.http().get(`/authority?${query}`);
      expectRefusal(answer, 400, 'invalid-field', { field: 'asKnownAt' });
      expect(answer.body.message).toMatch(/asKnownAt/);
    });

    it('still reads a timestamp that exists, and a leap day', async () => {
      await ledger.http().get('/bodies?at=2021-01-01&asKnownAt=2020-02-29T23:59:59.123456%2B01:00').expect(200);
    });
  });

  describe('keys: 401 before anything about the body is looked at', () => {
    it('401 key-required for a write without a key, key-invalid for a bad one', async () => {
      await refusedWrite(() => post('/bodies', null).send(newBody), 401, 'key-required');
      await refusedWrite(() => post('/bodies', 'Bearer ldg_nope_nope').send(newBody), 401, 'key-invalid');
      await refusedWrite(() => post('/bodies', 'Basic abc').send(newBody), 401, 'key-invalid');
    });

    it('401, not 400, with a malformed, huge or deep body', async () => {
      const malformed = () => post('/bodies', null).set('Content-Type', 'application/json').send('{"bodyId": ');
      await refusedWrite(malformed, 401, 'key-required');
      await refusedWrite(
        () => post('/bodies', 'Bearer ldg_nope_nope').set('Content-Type', 'application/json').send('{"bodyId": '),
        401,
        'key-invalid',
      );
      await refusedWrite(() => post('/bodies', null).send({ ...newBody, name: 'x'.repeat(300_000) }), 401, 'key-required');
      await refusedWrite(() => post('/bodies', null).send({ ...newBody, source: nested(1500) }), 401, 'key-required');
      await refusedWrite(() => post('/nowhere', null).send({}), 401, 'key-required');
    });

    it('a read needs no key, but a key sent must be valid', async () => {
      await ledger.http().get('/bodies/nhs-vale-royal-ccg').expect(200);
      expectRefusal(await ledger.http().get('/bodies/nhs-vale-royal-ccg').set('Authorization', 'Bearer ldg_nope_nope'), 401, 'key-invalid');
      await ledger.http().get('/bodies/nhs-vale-royal-ccg').set('Authorization', ledger.keys.auditor).expect(200);
    });

    it('keeps /health, /ledger/head and /api-docs public', async () => {
      await ledger.http().get('/health').expect(200);
      await ledger.http().get('/ledger/head').expect(200);
      await ledger.http().get('/api-docs-json').expect(200);
    });
  });

  describe('roles: 403', () => {
    it('role-not-allowed for an auditor, and for an officer doing what only admins do', async () => {
      await refusedWrite(() => post('/bodies', ledger.keys.auditor).send(newBody), 403, 'role-not-allowed');
      await refusedWrite(() => post('/bodies', ledger.keys.officerFor('nhs-vale-royal-ccg')).send(newBody), 403, 'role-not-allowed');
    });

    it('body-not-served for an officer recording for another body', async () => {
      const membership = { membershipId: 'chair-x', member: { seat: 'Chair' }, role: 'chair', voting: true, from: '2013-04-01', source };
      await refusedWrite(
        () => post('/bodies/nhs-west-cheshire-ccg/memberships', ledger.keys.officerFor('nhs-vale-royal-ccg')).send(membership),
        403,
        'body-not-served',
      );
    });
  });

  describe('bodies the ledger cannot read', () => {
    it('400 malformed-json', async () => {
      await refusedWrite(() => post('/bodies').set('Content-Type', 'application/json').send('{"bodyId": '), 400, 'malformed-json');
    });

    it('400 body-too-large', async () => {
      await refusedWrite(() => post('/bodies').send({ ...newBody, name: 'x'.repeat(300_000) }), 400, 'body-too-large');
    });

    it('400 json-too-deep past 32 levels, before validation (no stack overflow)', async () => {
      await refusedWrite(() => post('/bodies').send({ ...newBody, source: nested(1500) }), 400, 'json-too-deep');
      await refusedWrite(() => post('/corrections').send({ changes: nested(40) }), 400, 'json-too-deep');
      // 32 levels are read, and then refused by validation.
      await refusedWrite(() => post('/bodies').send({ ...newBody, source: nested(30) }), 400, 'invalid-field');
    });

    it('415 json-required for a write whose body is not JSON', async () => {
      await refusedWrite(() => post('/bodies').set('Content-Type', 'text/plain').send('bodyId=x'), 415, 'json-required');
      await refusedWrite(() => post('/bodies').type('form').send({ bodyId: 'x' }), 415, 'json-required');
    });

    it('400 malformed-url for a path that cannot be decoded', async () => {
      expectRefusal(await ledger.http().get('/bodies/%E0%A4%A'), 400, 'malformed-url');
    });
  });

  describe('404', () => {
    it('route-not-found for a route that does not exist', async () => {
      expectRefusal(await ledger.http().get('/nowhere'), 404, 'route-not-found');
      await refusedWrite(() => post('/nowhere').send({}), 404, 'route-not-found');
      await refusedWrite(
        () => ledger.http().delete('/bodies/nhs-vale-royal-ccg').set('Authorization', ledger.keys.admin),
        404,
        'route-not-found',
      );
    });

    it('unknown-reference for what the ledger does not know', async () => {
      expectRefusal(await ledger.http().get('/bodies/nowhere'), 404, 'unknown-reference');
      expectRefusal(await ledger.http().get('/bodies/nowhere/authority'), 404, 'unknown-reference');
      expectRefusal(await ledger.http().get('/decisions/officer/nowhere'), 404, 'unknown-reference');
      expectRefusal(await ledger.http().get('/recommendations/nowhere'), 404, 'unknown-reference');
      expectRefusal(await ledger.http().get('/decisions?body=nowhere'), 404, 'unknown-reference');
    });

    const prototypeNames = [
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
      'valueOf',
      'isPrototypeOf',
      '__defineGetter__',
      'prototype',
    ];
    it.each(prototypeNames)('unknown-reference, not 500, for %s as an area, a place, a function or a body', async (name) => {
      const at = (fn: string, area: string) => ledger.http().get('/authority').query({ function: fn, area, at: '2021-01-01' });
      const timeline = (fn: string, area: string) => ledger.http().get('/authority/timeline').query({ function: fn, area });
      expectRefusal(await at('community-health-services', name), 404, 'unknown-reference');
      expectRefusal(await at(name, 'vale-royal'), 404, 'unknown-reference');
      expectRefusal(await at(name, 'cheshire-west-and-chester'), 404, 'unknown-reference');
      expectRefusal(await timeline('community-health-services', name), 404, 'unknown-reference');
      expectRefusal(await timeline(name, 'cheshire-east'), 404, 'unknown-reference');
      expectRefusal(await ledger.http().get(`/bodies/${name}/authority`), 404, 'unknown-reference');
      expectRefusal(await ledger.http().get(`/bodies/${name}`), 404, 'unknown-reference');
      expectRefusal(await ledger.http().get('/decisions').query({ function: name }), 404, 'unknown-reference');
      expectRefusal(await ledger.http().get('/decisions').query({ body: name }), 404, 'unknown-reference');
    });

    it('still answers for a place', async () => {
      const answer = await ledger.http().get('/authority?function=community-health-services&area=cheshire-east&at=2021-01-01').expect(200);
      expect(answer.body.answers.length).toBeGreaterThan(0);
    });
  });

  it('422 idempotency-key-reused for the same key with another body', async () => {
    const key = 'error-shape-reuse';
    await post('/bodies').set('Idempotency-Key', key).send(newBody).expect(201);
    await refusedWrite(
      () =>
        post('/bodies')
          .set('Idempotency-Key', key)
          .send({ ...newBody, name: 'Other' }),
      422,
      'idempotency-key-reused',
    );
  });

  describe('the import CLI refuses with the same rules', () => {
    const importing = async (data: unknown) => {
      let refused: unknown;
      await ledger.expectNothingWritten(async () => {
        refused = await ledger.app
          .get(CommandImport)
          .importText(JSON.stringify({ command: 'EstablishBody', data }))
          .catch((error) => error);
      });
      return refused;
    };

    it('invalid-field, naming the dotted path', async () => {
      const refused = await importing({ ...newBody, source: { url: 'x' } });
      expect(refused).toMatchObject({ line: 1, rule: 'invalid-field', status: 400, detail: expect.stringMatching(/source\.title/) });
    });

    it('json-too-deep, without a stack overflow', async () => {
      expect(await importing({ ...newBody, source: nested(1500) })).toMatchObject({ line: 1, rule: 'json-too-deep', status: 400 });
    });

    it('invalid-field for an id Object.prototype has', async () => {
      expect(await importing({ ...newBody, bodyId: 'constructor' })).toMatchObject({ line: 1, rule: 'invalid-field', status: 400 });
    });
  });

  it('domain refusals keep their rules', async () => {
    await refusedWrite(() => post('/bodies').send({ ...newBody, bodyId: 'nhs-vale-royal-ccg' }), 409, 'already-recorded');
  });
});
