/**
 * The public projection's rows, table by table, as digests: to show a change to the writer leaves what it
 * writes as it was. Builds the ledger from cold on a copy of a ledger kept in DIGEST_CACHE (seeded once,
 * or generated: DIGEST_LEDGER=seeded or a number of events), then prints each public table's row count
 * and the SHA-256 of its rows in order, and of the search index's entries (term, row, column, offset).
 * DIGEST_DUMP=<file> also writes the rows themselves, to compare two runs line by line.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { META, PUBLIC_DATABASE_FILE } from '@ledger/public-contract';
import { generateLedger } from '../../ledger/bench/generated-ledger';
import { LedgerModule } from '../../ledger/src/ledger.module';
import { PublicProjection } from '../../ledger/src/public-projection/public-projection';
import { ProjectionRunner } from '../../ledger/src/read-models/projection-runner';
import { HistorySeed } from '../../ledger/src/seed/history-seed';

const LEDGER = process.env.DIGEST_LEDGER ?? 'seeded';
const CACHE = process.env.DIGEST_CACHE ?? join(tmpdir(), `public-rows-digest-${LEDGER}`);

async function build(dataDir: string, seed: boolean): Promise<void> {
  Object.assign(process.env, { LEDGER_DATA_DIR: dataDir, LEDGER_STORE: 'sqlite', LEDGER_SEED: seed ? 'on' : 'off' });
  const ledger = await NestFactory.createApplicationContext(LedgerModule, { logger: ['error'] });
  await ledger.init();
  if (seed) await ledger.get(HistorySeed).seedIfEmpty();
  const head = await ledger.get<EventStore>(EVENT_STORE).head();
  await ledger.get(ProjectionRunner).caughtUpTo(head.position);
  await ledger.get(PublicProjection).caughtUpTo(head.position);
  await ledger.close();
}

/** Each table's rows in order, one JSON line each; the build's own time left out. */
function tables(file: string): Map<string, string[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const names = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'public_%' AND name NOT LIKE 'public_search_%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  const rows = new Map<string, string[]>();
  for (const name of [...names.filter((n) => n !== 'public_search'), 'public_search_rows']) {
    const columns = db.prepare(`SELECT * FROM "${name}" LIMIT 0`).columns().length;
    const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
    const all = db.prepare(`SELECT * FROM "${name}" ORDER BY ${order}`).raw().all() as unknown[][];
    rows.set(
      name,
      all.filter((row) => !(name === 'public_meta' && row[0] === META.builtAt)).map((row) => JSON.stringify(row)),
    );
  }
  db.close();
  // The index itself, not only its content table: every word it holds, where.
  const index = new Database(':memory:');
  index.exec(`ATTACH '${file}' AS p; CREATE VIRTUAL TABLE temp.words USING fts5vocab(p, public_search, instance)`);
  rows.set(
    'public_search (index)',
    (index.prepare('SELECT * FROM temp.words ORDER BY 1, 2, 3, 4').raw().all() as unknown[][]).map((r) => JSON.stringify(r)),
  );
  index.close();
  return rows;
}

async function main(): Promise<void> {
  if (!existsSync(CACHE)) {
    if (LEDGER === 'seeded') await build(CACHE, true);
    else generateLedger(CACHE, Number(LEDGER));
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'public-rows-digest-'));
  try {
    // The ledger and its keys only: every read model is built from cold.
    cpSync(CACHE, dataDir, { recursive: true });
    for (const file of readdirSync(dataDir)) if (/^(public|read-models)\.sqlite/.test(file)) rmSync(join(dataDir, file));
    const started = Date.now();
    await build(dataDir, false);
    console.log(`${LEDGER}: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const rows = tables(join(dataDir, PUBLIC_DATABASE_FILE));
    for (const [name, lines] of rows) {
      const digest = createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
      console.log(`  ${name.padEnd(24)} ${String(lines.length).padStart(8)} rows  ${digest}`);
    }
    if (process.env.DIGEST_DUMP)
      writeFileSync(process.env.DIGEST_DUMP, [...rows].map(([name, lines]) => lines.map((l) => `${name}\t${l}`).join('\n')).join('\n'));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
