import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandImport } from '../apps/ledger/src/import/command-import';
import { LedgerTestApp, startLedger } from './ledger-test-app';
import { declaredRoutes } from './route-declarations';

/**
 * No input gives a 5xx. Every route the application serves, generated from what declares it (the write
 * routes from COMMAND_DECLARATIONS, the others from their controllers' metadata, and the fields of each
 * from its DTO's class-validator metadata: see route-declarations.ts), so a new route is covered without
 * a change here, is sent wrong types, missing and extra fields, huge strings, deep nesting, impossible
 * dates, unicode and prototype names, in its path, its query and its body. Every refusal is in the one
 * error shape, and a refused write leaves the ledger head where it was.
 *
 * The ledger holds the seeded real history, and valid values are drawn from it by field name, so that
 * many requests get past validation and reach the deciders and read models.
 */
const seed = readFileSync(join(__dirname, '../apps/ledger/seed/history.jsonl'), 'utf8');

type Json = fc.JsonValue;
interface Schema {
  $ref?: string;
  type?: string;
  enum?: Json[];
  example?: Json;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  nullable?: boolean;
  additionalProperties?: boolean | Schema;
}
interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  parameters: Parameter[];
  body?: Schema;
}

/** Values the seed file gives each field name, e.g. every `bodyId` and `itemId` it records. */
function seedValues(): Map<string, Json[]> {
  const byName = new Map<string, Map<string, Json>>();
  const pending: Json[] = seed
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line).data);
  while (pending.length > 0) {
    const value = pending.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      pending.push(...value);
      continue;
    }
    for (const [name, member] of Object.entries(value)) {
      if (member === undefined) continue;
      let values = byName.get(name);
      if (!values) byName.set(name, (values = new Map()));
      if (values.size < 40) values.set(JSON.stringify(member), member);
      pending.push(member);
    }
  }
  return new Map([...byName].map(([name, values]) => [name, [...values.values()]]));
}

const nested = (depth: number, leaf: Json = 1): Json => {
  let value: Json = leaf;
  for (let level = 0; level < depth; level++) value = level % 2 ? [value] : { a: value };
  return value;
};
/** An object with an own, enumerable `__proto__` member, as JSON.parse would make from `{"__proto__": …}`. */
const withProtoKey = (value: Json): Json => {
  const object: Record<string, Json> = {};
  Object.defineProperty(object, '__proto__', { value, enumerable: true, configurable: true, writable: true });
  return object;
};

const PROTOTYPE_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  '__defineGetter__',
];
const ODD_DATES = [
  '2020-02-30',
  '2020-13-01',
  '2021-02-29',
  '1900-02-29',
  '0000-00-00',
  '2020-2-3',
  '2020-01-01T00:00:00Z',
  '99999-01-01',
  '',
];
const ODD_TIMESTAMPS = ['2020-02-30T00:00:00Z', '2020-01-01T24:00:00Z', '2020-01-01T00:00:00', '1969-12-31T23:59:59.9999Z', '-1', '1e3'];

/** Values no field should ever choke on. */
const hostile: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    true,
    0,
    -1,
    1.5,
    1e308,
    -0,
    '',
    ' ',
    [],
    {},
    [null],
    'x'.repeat(90_000),
    'é'.repeat(30_000),
    '\u0000',
    '\ud800',
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓ 中文 עברית',
    '<script>alert(1)</script>',
    "'; DROP TABLE events; --",
    nested(20),
    nested(31),
    { __proto__: { polluted: true } } as unknown as Json,
    withProtoKey({ polluted: true }),
    { constructor: { prototype: { polluted: true } } },
    ...PROTOTYPE_NAMES,
    ...ODD_DATES,
    ...ODD_TIMESTAMPS,
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant(null)), { maxLength: 4 }),
  fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...PROTOTYPE_NAMES)), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
);

describe('hostile input on every documented route', () => {
  let ledger: LedgerTestApp;
  let operations: Operation[];
  const known = seedValues();

  beforeAll(async () => {
    ledger = await startLedger();
    await ledger.app.get(CommandImport).importText(seed);
    operations = declaredRoutes(ledger.app).map(({ method, path, parameters, body }) => ({
      method,
      path,
      parameters: parameters as Parameter[],
      body: body as Schema | undefined,
    }));
  });
  /** FUZZ_STATS=1 prints how the answers were spread over statuses and rules (FUZZ_SEED=n varies the run). */
  const stats = new Map<string, number>();
  afterAll(async () => {
    if (process.env.FUZZ_STATS)
      console.log(
        [...stats]
          .sort()
          .map(([answer, count]) => `${answer}: ${count}`)
          .join('\n'),
      );
    await ledger.close();
  });

  it('finds every route the application serves and documents, from the declarations', async () => {
    expect(operations.filter((operation) => operation.method === 'post').length).toBeGreaterThanOrEqual(25);
    expect(operations.filter((operation) => operation.method === 'get').length).toBeGreaterThanOrEqual(8);
    const document = (await ledger.http().get('/api-docs-json').expect(200)).body as { paths: Record<string, object> };
    const documented = Object.entries(document.paths).flatMap(([path, byMethod]) =>
      Object.keys(byMethod).map((method) => `${method} ${path}`),
    );
    const declared = operations.map(({ method, path }) => `${method} ${path}`);
    expect(new Set(declared)).toEqual(new Set(documented));
    // Every documented query parameter is declared (a field of the route's query DTO, or a named @Query), and the other way round.
    for (const operation of operations) {
      const fromDocument = (
        (document.paths[operation.path] as Record<string, { parameters?: Parameter[] }>)[operation.method]?.parameters ?? []
      )
        .filter((parameter) => parameter.in === 'query')
        .map(({ name }) => name);
      const fromDeclaration = operation.parameters.filter((parameter) => parameter.in === 'query').map(({ name }) => name);
      expect({ route: `${operation.method} ${operation.path}`, query: new Set(fromDeclaration) }).toEqual({
        route: `${operation.method} ${operation.path}`,
        query: new Set(fromDocument),
      });
    }
  });

  it('every route taking asKnownAt refuses a timestamp that does not exist (30 February), as `at` refuses a date that does not', async () => {
    const withBasis = operations.filter(({ parameters }) =>
      parameters.some(({ in: where, name }) => where === 'query' && name === 'asKnownAt'),
    );
    expect(withBasis.length).toBeGreaterThanOrEqual(8);
    const valid: Record<string, string> = { at: '2021-06-01', function: 'community-health-services', area: 'vale-royal' };
    for (const operation of withBasis) {
      const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
        encodeURIComponent(String((known.get(name) ?? ['nhs-vale-royal-ccg'])[0])),
      );
      const required = operation.parameters.filter((parameter) => parameter.in === 'query' && parameter.required);
      const query = required.map(({ name }) => `${name}=${encodeURIComponent(valid[name] ?? 'x')}`);
      for (const asKnownAt of ['2020-02-30T00:00:00Z', '2021-02-29T12:00:00+01:00', '2020-04-31T00:00:00.5Z']) {
        await ledger.expectNothingWritten(async () => {
          const answer = await ledger.http().get(`${path}?${[...query, `asKnownAt=${encodeURIComponent(asKnownAt)}`].join('&')}`);
          expect({ route: operation.path, asKnownAt, status: answer.status, rule: answer.body.rule, field: answer.body.field }).toEqual({
            route: operation.path,
            asKnownAt,
            status: 400,
            rule: 'invalid-field',
            field: 'asKnownAt',
          });
        });
      }
      // The same day that exists is read (or is a 404 for an id the seed does not hold), never refused as a timestamp.
      const answer = await ledger.http().get(`${path}?${[...query, 'asKnownAt=2020-02-29T00:00:00Z'].join('&')}`);
      expect({ route: operation.path, field: answer.body.field }).toEqual({ route: operation.path, field: undefined });
    }
  });

  // Declared schemas are inline (a nested DTO is its fields): nothing to look up.
  const resolve = (schema: Schema): Schema => schema;

  /** A plausible value for a field: from the seed by its name, else from its schema. */
  const plausible = (name: string, schema: Schema, depth: number): fc.Arbitrary<Json> => {
    const resolved = resolve(schema);
    const fromSeed = known.get(name);
    const bySchema = ((): fc.Arbitrary<Json> => {
      if (resolved.enum) return fc.constantFrom(...resolved.enum);
      if (resolved.properties) return objectOf(resolved, depth + 1);
      if (resolved.type === 'array') return fc.array(plausible(name, resolved.items ?? {}, depth + 1), { maxLength: 3 });
      if (resolved.type === 'integer' || resolved.type === 'number') return fc.integer({ min: -2, max: 12 });
      if (resolved.type === 'boolean') return fc.boolean();
      if (resolved.type === 'object') return fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
      return resolved.example !== undefined ? fc.constant(resolved.example) : fc.string({ maxLength: 20 });
    })();
    const choices = [{ arbitrary: bySchema, weight: 1 }];
    if (fromSeed) choices.push({ arbitrary: fc.constantFrom(...fromSeed), weight: 3 });
    // An id that Object.prototype also has, where the rest of the command may well be valid.
    if (/Id$/.test(name)) choices.push({ arbitrary: fc.constantFrom<Json>(...PROTOTYPE_NAMES), weight: 1 });
    return fc.oneof(...choices);
  };

  /** An object of the schema's fields, each plausible, hostile or left out, sometimes with extra fields. */
  const objectOf = (schema: Schema, depth = 0): fc.Arbitrary<Json> => {
    const resolved = resolve(schema);
    const fields = Object.entries(resolved.properties ?? {});
    if (depth > 3 || fields.length === 0) return hostile;
    const members = fields.map(([name, field]) =>
      fc.oneof(
        { arbitrary: plausible(name, field, depth).map((value) => [name, value] as const), weight: 40 },
        { arbitrary: hostile.map((value) => [name, value] as const), weight: 1 },
        { arbitrary: fc.constant(undefined), weight: 1 },
      ),
    );
    const extras = fc.array(fc.tuple(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom(...PROTOTYPE_NAMES)), hostile), {
      maxLength: 2,
    });
    return fc
      .tuple(fc.tuple(...members), fc.oneof({ arbitrary: fc.constant([]), weight: 12 }, { arbitrary: extras, weight: 1 }))
      .map(([present, extra]) => {
        const object: Record<string, Json> = {};
        const set = (name: string, value: Json) =>
          Object.defineProperty(object, name, { value, enumerable: true, configurable: true, writable: true });
        for (const member of present) if (member) set(member[0], member[1]);
        for (const [name, value] of extra) set(name, value);
        return object;
      });
  };

  /** A path parameter: a known id, or anything at all (encoded, or raw and malformed). */
  const pathValue = (name: string): fc.Arbitrary<string> =>
    fc.oneof(
      {
        arbitrary: fc.constantFrom(...((known.get(name) ?? []).filter((value) => typeof value === 'string') as string[]), 'nowhere'),
        weight: 16,
      },
      { arbitrary: fc.constantFrom(...PROTOTYPE_NAMES), weight: 3 },
      {
        arbitrary: fc
          .oneof(
            fc.constantFrom(...ODD_DATES.filter(Boolean), 'x'.repeat(2000), 'é', '..', '.', '%', ' '),
            fc.string({ minLength: 1, maxLength: 30 }),
            fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
          )
          .map(encodeURIComponent),
        weight: 2,
      },
      { arbitrary: fc.constantFrom('%E0%A4%A', '%', '%zz', '%00', '%2F', '%2e%2e'), weight: 1 },
    );

  /** A query value: the seed's, an odd date or timestamp, a prototype name, anything, or several. */
  const queryValue = (name: string, parameter: Parameter): fc.Arbitrary<string | string[]> => {
    const resolved = resolve(parameter.schema ?? {});
    const plausibleValues = [
      ...((known.get(name) ?? []).filter((value) => typeof value === 'string') as string[]),
      ...((resolved.enum ?? []) as string[]),
      '2021-06-01',
      '2015-01-01',
      'vale-royal',
      'cheshire-east',
      'community-health-services',
      'nhs-vale-royal-ccg',
      '10',
      '0',
    ];
    const one = fc.oneof(
      { arbitrary: fc.constantFrom(...plausibleValues), weight: 4 },
      { arbitrary: fc.constantFrom(...PROTOTYPE_NAMES, ...ODD_DATES, ...ODD_TIMESTAMPS, 'x'.repeat(3000), '-5', '1e400'), weight: 2 },
      { arbitrary: fc.string({ maxLength: 30 }), weight: 1 },
    );
    return fc.oneof({ arbitrary: one, weight: 6 }, { arbitrary: fc.array(one, { minLength: 2, maxLength: 3 }), weight: 1 });
  };

  const queryOf = (operation: Operation): fc.Arbitrary<string> => {
    const parameters = operation.parameters.filter((parameter) => parameter.in === 'query');
    const members = parameters.map((parameter) =>
      fc.option(
        queryValue(parameter.name, parameter).map((value) => [parameter.name, value] as const),
        { freq: parameter.required ? 8 : 2 },
      ),
    );
    const extra = fc.option(fc.tuple(fc.constantFrom(...PROTOTYPE_NAMES, 'colour', 'area[a]'), fc.string({ maxLength: 5 })), { freq: 4 });
    return fc.tuple(fc.tuple(...members), extra).map(([present, more]) => {
      const pairs: string[] = [];
      for (const member of [...present, more]) {
        if (!member) continue;
        const [name, value] = member;
        for (const one of Array.isArray(value) ? value : [value]) pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(one)}`);
      }
      return pairs.length ? `?${pairs.join('&')}` : '';
    });
  };

  type Key = 'admin' | 'auditor' | 'officer' | 'none' | 'invalid';
  const keyOf = fc.oneof(
    { arbitrary: fc.constant<Key>('admin'), weight: 12 },
    { arbitrary: fc.constant<Key>('officer'), weight: 3 },
    { arbitrary: fc.constantFrom<Key>('auditor', 'none', 'invalid'), weight: 2 },
  );
  const authorization = (key: Key): string | undefined =>
    key === 'admin'
      ? ledger.keys.admin
      : key === 'auditor'
        ? ledger.keys.auditor
        : key === 'officer'
          ? ledger.keys.officerFor('nhs-vale-royal-ccg', 'nhs-cheshire-and-merseyside-icb')
          : key === 'invalid'
            ? 'Bearer ldg_0000_nope'
            : undefined;

  /** A raw body: JSON of the schema's shape, or not JSON at all, or nested far too deep. */
  const bodyOf = (operation: Operation): fc.Arbitrary<string> =>
    fc.oneof(
      { arbitrary: (operation.body ? objectOf(operation.body) : hostile).map((value) => JSON.stringify(value) ?? 'null'), weight: 30 },
      { arbitrary: hostile.map((value) => JSON.stringify(value) ?? 'null'), weight: 1 },
      {
        arbitrary: fc.constantFrom('', '{', '{"a":}', 'null', '[]', '"x"', '1', JSON.stringify(nested(1500)), JSON.stringify(nested(33))),
        weight: 1,
      },
    );

  interface Attempt {
    operation: Operation;
    url: string;
    key: Key;
    body: string;
    idempotencyKey: string | null;
  }

  const attemptOf = (method: Operation['method'] | 'any') =>
    fc
      .integer({ min: 0, max: 10_000 })
      .chain((index) => {
        const candidates = operations.filter((operation) => method === 'any' || operation.method === method);
        const operation = candidates[index % candidates.length];
        const pathParameters = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
        return fc.record({
          operation: fc.constant(operation),
          path: fc
            .tuple(...pathParameters.map(pathValue))
            .map((values) => pathParameters.reduce((path, name, at) => path.replace(`{${name}}`, values[at]), operation.path)),
          query: queryOf(operation),
          key: keyOf,
          body: bodyOf(operation),
          idempotencyKey: fc.option(
            fc.oneof({ arbitrary: fc.uuid(), weight: 8 }, { arbitrary: fc.constantFrom('k-1', 'x'.repeat(300)), weight: 1 }),
            {
              freq: 3,
            },
          ),
        });
      })
      .map(({ operation, path, query, key, body, idempotencyKey }): Attempt => ({
        operation,
        url: `${path}${query}`,
        key,
        body,
        idempotencyKey,
      }));

  const send = async ({ operation, url, key, body, idempotencyKey }: Attempt) => {
    let call = ledger.http()[operation.method](url);
    const header = authorization(key);
    if (header) call = call.set('Authorization', header);
    if (idempotencyKey) call = call.set('Idempotency-Key', idempotencyKey);
    if (operation.method !== 'get') call = call.set('Content-Type', 'application/json').send(body);
    return call;
  };

  /** Not a 5xx; a refusal is in the one shape; a refused request wrote nothing. */
  const check = async (attempt: Attempt) => {
    const before = await ledger.head();
    const answer: { status: number; body: Record<string, unknown> } = await send(attempt);
    const after = await ledger.head();
    const said = `${attempt.operation.method.toUpperCase()} ${attempt.url.slice(0, 300)} (${attempt.key}) ${attempt.body.slice(0, 300)} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`;
    const outcome = `${attempt.operation.method} ${answer.status} ${answer.body.rule ?? ''}`;
    stats.set(outcome, (stats.get(outcome) ?? 0) + 1);
    if (answer.status >= 500) throw new Error(`5xx: ${said}`);
    if (answer.status >= 400) {
      const { statusCode, error, rule, message } = answer.body;
      if (statusCode !== answer.status || typeof error !== 'string' || typeof rule !== 'string' || !rule || typeof message !== 'string') {
        throw new Error(`not the one error shape: ${said}`);
      }
      if (after.position !== before.position) throw new Error(`a refused request moved the head: ${said}`);
    }
    if (attempt.operation.method === 'get' && after.position !== before.position) throw new Error(`a read moved the head: ${said}`);
  };

  it('writes: no 5xx, refusals in the one shape, nothing written when refused', async () => {
    await fc.assert(fc.asyncProperty(attemptOf('post'), check), {
      numRuns: 700,
      seed: Number(process.env.FUZZ_SEED ?? 9),
      endOnFailure: true,
    });
  });

  it('reads: no 5xx, refusals in the one shape, nothing written', async () => {
    await fc.assert(fc.asyncProperty(attemptOf('get'), check), {
      numRuns: 500,
      seed: Number(process.env.FUZZ_SEED ?? 9),
      endOnFailure: true,
    });
  });

  it('every write route: a body nested 1 500 deep is json-too-deep with a key and key-required without, never a stack overflow', async () => {
    const deep = JSON.stringify({ source: nested(1500) });
    for (const operation of operations.filter(({ method }) => method !== 'get')) {
      const url = operation.path.replace(/\{\w+\}/g, 'nhs-vale-royal-ccg');
      for (const [key, status, rule] of [
        ['admin', 400, 'json-too-deep'],
        ['none', 401, 'key-required'],
        ['invalid', 401, 'key-invalid'],
      ] as const) {
        await ledger.expectNothingWritten(async () => {
          const answer = await send({ operation, url, key, body: deep, idempotencyKey: 'deep' });
          expect({ route: `${operation.method} ${operation.path}`, status: answer.status, rule: answer.body.rule }).toEqual({
            route: `${operation.method} ${operation.path}`,
            status,
            rule,
          });
        });
      }
    }
  });

  it('every route with an id in its path: a name Object.prototype has, as that id, is 404 unknown-reference', async () => {
    const withIds = operations.filter(({ path }) => /\{\w+Id\}/.test(path));
    expect(withIds.length).toBeGreaterThanOrEqual(15);
    for (const operation of withIds) {
      const names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const at of names.keys()) {
        for (const reserved of PROTOTYPE_NAMES.filter((member) => member in Object.prototype)) {
          // The other ids are recorded ones where the seed has them.
          const url = names.reduce((path, other, index) => {
            const id = index === at ? reserved : String((known.get(other) ?? ['nowhere'])[0]);
            return path.replace(`{${other}}`, encodeURIComponent(id));
          }, operation.path);
          await ledger.expectNothingWritten(async () => {
            const answer = await send({ operation, url, key: 'admin', body: '{}', idempotencyKey: null });
            expect({ url, status: answer.status, rule: answer.body.rule }).toEqual({ url, status: 404, rule: 'unknown-reference' });
          });
        }
      }
    }
  });

  it('pollutes no prototype', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
