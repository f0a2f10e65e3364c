import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandImport } from '../apps/ledger/src/import/command-import';
import { startLedger } from './ledger-test-app';

/** The real history the ledger seeds itself with (apps/ledger/seed/history.jsonl). */
export const SEED = readFileSync(join(__dirname, '../apps/ledger/seed/history.jsonl'), 'utf8');

/** The seed file's commands, in order: position p of a freshly seeded ledger is the p-th. */
export const SEEDED: { command: string; data: Record<string, unknown> & { source: SeedSource; dateCertainty?: string } }[] = SEED.split(
  '\n',
)
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line));

export interface SeedSource {
  title: string;
  url?: string;
  reference?: string;
  illustrative?: boolean;
}

/** A fresh ledger seeded with the real history over the import path, its read models caught up. */
export async function startSeededLedger() {
  const ledger = await startLedger();
  const imported = await ledger.app.get(CommandImport).importText(SEED);
  await ledger.settled();
  const get = async (path: string) => (await ledger.http().get(path).expect(200)).body;
  const authority = (fn: string, area: string, at: string) => get(`/authority?function=${fn}&area=${area}&at=${at}`);
  return { ledger, imported, get, authority };
}

/**
 * For a describe block: seeds a fresh ledger before its tests and closes it after them. `get` and
 * `authority` ask that ledger; `seeded()` gives the rest (the ledger, what the import recorded).
 */
export function useSeededLedger() {
  let seeded: Awaited<ReturnType<typeof startSeededLedger>>;
  beforeAll(async () => {
    seeded = await startSeededLedger();
  });
  afterAll(() => seeded.ledger.close());
  return {
    seeded: () => seeded,
    get: (path: string) => seeded.get(path),
    authority: (fn: string, area: string, at: string) => seeded.authority(fn, area, at),
  };
}
