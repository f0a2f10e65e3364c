/**
 * `npm run bench:bodies`: what a body's history costs a write and a read. A body is given 50 and then
 * 5 000 memberships (written straight into the embedded store: setting up is not what is measured); then,
 * over HTTP in process, appointing one more member and the first `GET /bodies/:id` after that write
 * (which brings the read side up to date with it), then the same read again with nothing written in
 * between (what the answer itself costs: 5 000 memberships are a bigger answer than 50). Printed per
 * size, and as ratios 5 000 / 50: the costs should grow with the answer, not with the body's history.
 * Before the change (same machine): appointing 5.2 ms at 50 and 3 008 ms at 5 000; the first read 2.3 ms
 * and 3 061 ms.
 * Last line: one JSON object.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import Database from 'better-sqlite3';
import { canonicalJson, formatMicros, SQLITE_FILE_NAME } from '@ledger/event-store';
import { SQLITE_EVENT_STORE_SCHEMA } from '@ledger/event-store/sqlite/schema';
import { EmbeddedLedgerTree } from '@ledger/transparency-log';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeys } from '../src/access/api-keys';
import { configureLedgerApp, LEDGER_APP_OPTIONS } from '../src/ledger.app';
import { LedgerModule } from '../src/ledger.module';

const SIZES = (process.env.BENCH_MEMBERSHIPS ?? '50,5000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const source = { title: 'generated for the benchmark', illustrative: true };

/** A committee with `memberships` members, each a seat of its own. */
function writeBody(dataDir: string, bodyId: string, memberships: number): void {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, SQLITE_FILE_NAME));
  db.exec(SQLITE_EVENT_STORE_SCHEMA);
  const insert = db.prepare('INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  let micros = Date.parse('2026-01-01T00:00:00Z') * 1000;
  let revision = 0;
  const stream = `body-${bodyId}`;
  const append = (type: string, data: Record<string, unknown>) =>
    insert.run(
      `${stream}#${revision}`,
      stream,
      revision++,
      type,
      canonicalJson({ ...data, source }),
      '{"actor":"bench"}',
      formatMicros(micros++),
    );
  db.transaction(() => {
    append('BodyEstablished', { bodyId, kind: 'committee', name: 'Benchmark committee', areas: ['halton'], effective: '2020-04-01' });
    for (let m = 0; m < memberships; m++) {
      append('MemberAppointed', {
        bodyId,
        membershipId: `${bodyId}-m${m}`,
        member: { seat: `seat ${m}` },
        role: 'member',
        voting: true,
        from: '2020-04-01',
        to: null,
      });
    }
  })();
  // The ledger's own tree over them, as the ledger would have kept it: at start the ledger checks its tree
  // covers every event and, finding none, refuses writes (tree-missing, 503); it never fills the tree in itself.
  const tree = new EmbeddedLedgerTree();
  tree.attach(db);
  tree.rebuild();
  db.close();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface Costs {
  appointMs: number;
  readMs: number;
  repeatReadMs: number;
}

async function measure(memberships: number): Promise<Costs> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-bodies-'));
  const bodyId = 'bench-committee';
  try {
    writeBody(dataDir, bodyId, memberships);
    process.env.LEDGER_DATA_DIR = dataDir;
    process.env.LEDGER_SEED = 'off';
    const app = configureLedgerApp(await NestFactory.create(LedgerModule, { ...LEDGER_APP_OPTIONS, logger: ['error'] }));
    await app.init();
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const admin = `Bearer ${app.get(ApiKeys).create('admin', []).token}`;
    const appoints: number[] = [];
    const reads: number[] = [];
    const repeats: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      let start = process.hrtime.bigint();
      const written = await fetch(`${base}/bodies/${bodyId}/memberships`, {
        method: 'POST',
        headers: { authorization: admin, 'content-type': 'application/json' },
        body: JSON.stringify({
          membershipId: `${bodyId}-new-${round}`,
          member: { seat: `new seat ${round}` },
          role: 'member',
          voting: true,
          from: '2021-04-01',
          source,
        }),
      });
      if (written.status !== 201) throw new Error(`appointing answered ${written.status}: ${await written.text()}`);
      appoints.push(Number(process.hrtime.bigint() - start) / 1e6);
      const read = async (into: number[]) => {
        start = process.hrtime.bigint();
        const answer = await fetch(`${base}/bodies/${bodyId}`);
        const body = (await answer.json()) as { memberships: unknown[] };
        if (answer.status !== 200 || body.memberships.length !== memberships + round + 1)
          throw new Error(`reading answered ${answer.status}`);
        into.push(Number(process.hrtime.bigint() - start) / 1e6);
      };
      await read(reads);
      await read(repeats);
    }
    await app.close();
    return { appointMs: median(appoints), readMs: median(reads), repeatReadMs: median(repeats) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const results = new Map<number, Costs>();
  for (const size of SIZES) {
    const result = await measure(size);
    results.set(size, result);
    console.log(
      `${size} memberships: appointing one more p50 ${result.appointMs.toFixed(2)} ms, then GET /bodies/:id p50 ${result.readMs.toFixed(2)} ms, ` +
        `the same read again ${result.repeatReadMs.toFixed(2)} ms`,
    );
  }
  const [small, large] = [results.get(SIZES[0])!, results.get(SIZES[SIZES.length - 1])!];
  const figures = {
    memberships: SIZES,
    appointSmallMs: Number(small.appointMs.toFixed(2)),
    appointLargeMs: Number(large.appointMs.toFixed(2)),
    readSmallMs: Number(small.readMs.toFixed(2)),
    readLargeMs: Number(large.readMs.toFixed(2)),
    appointGrowthRatio: Number((large.appointMs / small.appointMs).toFixed(2)),
    readGrowthRatio: Number((large.readMs / small.readMs).toFixed(2)),
    repeatReadSmallMs: Number(small.repeatReadMs.toFixed(2)),
    repeatReadLargeMs: Number(large.repeatReadMs.toFixed(2)),
    /** What the first read after a write costs beyond the same read repeated (the answer itself), at each size. */
    readBeyondAnswerSmallMs: Number(Math.max(0, small.readMs - small.repeatReadMs).toFixed(2)),
    readBeyondAnswerLargeMs: Number(Math.max(0, large.readMs - large.repeatReadMs).toFixed(2)),
    rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
  };
  console.log(
    `ratio ${SIZES[SIZES.length - 1]} / ${SIZES[0]}: appointing ${figures.appointGrowthRatio}, reading ${figures.readGrowthRatio}`,
  );
  console.log(JSON.stringify(figures));
}

void main();
