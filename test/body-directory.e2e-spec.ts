import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandImport } from '../apps/ledger/src/import/command-import';
import { LedgerTestApp, startLedger } from './ledger-test-app';

/** The ledger API additions the public site needed: every body with its ODS code, a body by code, a body's decisions with its committees'. */
describe('finding bodies and their decisions', () => {
  let ledger: LedgerTestApp;
  const get = (path: string) => ledger.http().get(path);

  beforeAll(async () => {
    ledger = await startLedger();
    await ledger.app.get(CommandImport).importText(readFileSync(join(__dirname, '../apps/ledger/seed/history.jsonl'), 'utf8'));
    await ledger.settled();
  });
  afterAll(() => ledger.close());

  it('lists every body ever recorded, dissolved ones too, with ODS codes, when no date is given', async () => {
    const { body } = await get('/bodies').expect(200);
    expect(body.at).toBeNull();
    const byId = new Map(body.bodies.map((b: { id: string }) => [b.id, b]));
    expect(byId.get('nhs-vale-royal-ccg')).toMatchObject({
      odsCode: '02D',
      kind: 'ccg',
      established: '2013-04-01',
      dissolved: '2020-04-01',
    });
    expect(byId.get('nhs-cheshire-and-merseyside-icb')).toMatchObject({ odsCode: 'QYG', dissolved: null });
    // On a date, only the bodies of that date.
    const on = (await get('/bodies?at=2021-06-01').expect(200)).body.bodies.map((b: { id: string }) => b.id);
    expect(on).not.toContain('nhs-vale-royal-ccg');
    expect(body.bodies.length).toBeGreaterThan(on.length);
  });

  it('finds a body by its ODS code, in any case', async () => {
    expect((await get('/bodies?odsCode=27d').expect(200)).body.bodies.map((b: { id: string }) => b.id)).toEqual(['nhs-cheshire-ccg']);
    expect((await get('/bodies?odsCode=ZZZ').expect(200)).body.bodies).toEqual([]);
    const { body } = await get('/bodies/ods/qyg').expect(200);
    expect(body).toMatchObject({ id: 'nhs-cheshire-and-merseyside-icb', odsCode: 'QYG' });
    const missing = await get('/bodies/ods/ZZZ').expect(404);
    expect(missing.body).toMatchObject({ statusCode: 404, message: expect.stringContaining('ZZZ') });
  });

  it("includes the decisions of a body's committees when asked", async () => {
    const own = (await get('/decisions?body=nhs-eastern-cheshire-ccg').expect(200)).body;
    const withCommittees = (await get('/decisions?body=nhs-eastern-cheshire-ccg&committees=true').expect(200)).body;
    const deciders = withCommittees.decisions.map((d: { decidingBody: { id: string } }) => d.decidingBody.id);
    expect(own.decisions).toEqual([]);
    expect(deciders.length).toBeGreaterThan(0);
    for (const id of deciders) expect(id).toMatch(/^nhs-eastern-cheshire-ccg/);
    expect(withCommittees.filter).toMatchObject({ committees: true, bodies: expect.arrayContaining(['nhs-eastern-cheshire-ccg']) });
    // Pages still work: one at a time, the same decisions in order.
    const first = (await get('/decisions?body=nhs-eastern-cheshire-ccg&committees=true&limit=1').expect(200)).body;
    expect(first.decisions.map((d: { decisionId: string }) => d.decisionId)).toEqual([withCommittees.decisions[0].decisionId]);
  });

  it('refuses a committees flag that is not true or false, naming the field', async () => {
    const refused = await get('/decisions?body=nhs-eastern-cheshire-ccg&committees=maybe').expect(400);
    expect(refused.body).toMatchObject({ statusCode: 400, field: 'committees' });
  });
});
