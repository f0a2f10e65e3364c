import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandImport } from '../apps/ledger/src/import/command-import';
import { HistorySeed } from '../apps/ledger/src/seed/history-seed';
import { LedgerTestApp, startLedger } from './ledger-test-app';

const source = { title: 'Wirral report 9 Nov 2020' };
const line = (bodyId: string) =>
  JSON.stringify({
    command: 'EstablishBody',
    data: { bodyId, kind: 'ccg', name: bodyId, areas: ['wirral'], effective: '2013-04-01', source },
  });

describe('seeding an empty ledger with the history, once', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ledger-seed-'));
  const seedFile = join(folder, 'history.jsonl');
  let ledger: LedgerTestApp;
  beforeEach(async () => {
    writeFileSync(seedFile, ['a', 'b', 'c', 'd'].map(line).join('\n'));
    process.env.LEDGER_SEED_FILE = seedFile;
    ledger = await startLedger();
  });
  afterEach(() => ledger.close());
  afterAll(() => {
    delete process.env.LEDGER_SEED_FILE;
    rmSync(folder, { recursive: true, force: true });
  });

  it('seeds an empty ledger, and never twice', async () => {
    const seed = ledger.app.get(HistorySeed);
    await expect(seed.seedIfEmpty()).resolves.toMatchObject({ seeded: true, recorded: 4, alreadyRecorded: 0 });
    await ledger.expectNothingWritten(async () => {
      await expect(seed.seedIfEmpty()).resolves.toMatchObject({ seeded: false, reason: expect.stringContaining('already seeded') });
    });
  });

  it('leaves a ledger that already holds other facts alone', async () => {
    await ledger
      .http()
      .post('/bodies')
      .set('Authorization', ledger.keys.admin)
      .send(JSON.parse(line('other')).data)
      .expect(201);
    await ledger.expectNothingWritten(async () => {
      await expect(ledger.app.get(HistorySeed).seedIfEmpty()).resolves.toMatchObject({
        seeded: false,
        reason: 'the ledger already holds 1 events',
      });
    });
  });

  it('resumes a seed cut off midway without recording anything twice', async () => {
    const importer = ledger.app.get(CommandImport);
    const realImport = importer.importLines.bind(importer);
    // The first attempt dies after two lines, as a crash would.
    jest.spyOn(importer, 'importLines').mockImplementationOnce(async (text, options) => {
      const firstTwo = text.split('\n').slice(0, 2).join('\n');
      await realImport(firstTwo, options);
      throw new Error('power cut');
    });
    const seed = ledger.app.get(HistorySeed);
    await expect(seed.seedIfEmpty()).rejects.toThrow('power cut');
    expect((await ledger.head()).eventCount).toBe(2);
    await expect(seed.seedIfEmpty()).resolves.toMatchObject({ seeded: true, recorded: 2, alreadyRecorded: 2 });
    expect((await ledger.head()).eventCount).toBe(4);
  });

  it('reports a missing seed file instead of failing', async () => {
    rmSync(seedFile);
    await expect(ledger.app.get(HistorySeed).seedIfEmpty()).resolves.toMatchObject({
      seeded: false,
      reason: expect.stringContaining('no seed file'),
    });
  });
});
