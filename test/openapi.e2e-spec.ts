import { COMMAND_DECLARATIONS } from '../apps/ledger/src/command-catalogue';
import { LedgerTestApp, startLedger } from './ledger-test-app';

/** The OpenAPI document comes from the command declarations: every command, and nothing restated by hand. */
describe('the OpenAPI document', () => {
  let ledger: LedgerTestApp;
  let document: {
    paths: Record<
      string,
      Record<string, { operationId?: string; summary?: string; security?: unknown[]; responses: Record<string, unknown> }>
    >;
    components: { securitySchemes: Record<string, { type: string; scheme?: string; bearerFormat?: string; description?: string }> };
  };
  beforeAll(async () => {
    ledger = await startLedger();
    document = (await ledger.http().get('/api-docs-json').expect(200)).body;
  });
  afterAll(() => ledger.close());

  it('has one operation per declared command, at its route, with a summary, its 201 schema and its refusals', () => {
    for (const declaration of COMMAND_DECLARATIONS) {
      const path = `/${declaration.route.replace(/:([A-Za-z]+)/g, '{$1}')}`;
      const operation = document.paths[path]?.post;
      expect({ path, operationId: operation?.operationId }).toEqual({ path, operationId: declaration.command });
      expect(operation.summary).toBe(declaration.summary);
      expect(Object.keys(operation.responses).sort()).toEqual(['201', '400', '401', '403', '404', '409', '422']);
      expect(operation.security).toEqual([{ bearer: [] }]);
    }
  });

  it('gives each meeting read a summary, its answer schema and its 400/404 answers', () => {
    for (const path of ['/meetings', '/bodies/{bodyId}/meetings', '/meetings/{meetingId}']) {
      const operation = document.paths[path]?.get as { summary?: string; responses: Record<string, { content?: unknown }> };
      expect({ path, summary: typeof operation?.summary }).toEqual({ path, summary: 'string' });
      expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '404']);
      expect(JSON.stringify(operation.responses['200'].content)).toContain('"status"');
    }
  });

  it("describes the ledger's ldg_ keys, not JWT, and leaves public reads without a key", () => {
    const scheme = document.components.securitySchemes.bearer;
    expect(scheme).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(scheme.bearerFormat).toMatch(/^ldg_/);
    expect(JSON.stringify(scheme)).not.toMatch(/JWT/i);
    for (const [path, operations] of Object.entries(document.paths)) {
      // A read either takes no key, or takes one optionally (`{}` first: no key is as good).
      const security = operations.get?.security;
      // The raw event log too: every content text in it is sealed.
      if (security) expect({ path, optional: security[0] }).toEqual({ path, optional: {} });
    }
  });
});
