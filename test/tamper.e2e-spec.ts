import Database from 'better-sqlite3';
import { auditLedgerFile, auditLedgerFileInThread, AuditReport, noteSigner, signCheckpoint } from '@ledger/transparency-log';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../apps/ledger/src/cli/main';
import { trustedPolicy } from '../apps/ledger/src/cli/verify.command';
import { CommandImport } from '../apps/ledger/src/import/command-import';
import { startLedger } from './ledger-test-app';

/**
 * Each attack on a real ledger file, made the way someone with the file would make it (the
 * triggers dropped first), and what `npm run ledger -- verify` says of it.
 */
const seed = readFileSync(join(__dirname, '../apps/ledger/seed/history.jsonl'), 'utf8');
const ROWS = 'id, stream, revision, type, data, metadata, recorded_at';
type Row = { id: string; stream: string; revision: number; type: string; data: string; metadata: string; recorded_at: string };

describe('verify names every kind of tampering with a ledger file', () => {
  const folders: string[] = [];
  let original: string;
  let events: number;

  beforeAll(async () => {
    original = mkdtempSync(join(tmpdir(), 'ledger-tamper-'));
    folders.push(original);
    const ledger = await startLedger(original);
    await ledger.app.get(CommandImport).importText(seed);
    events = (await ledger.head()).eventCount;
    // Closing signs the last events.
    await ledger.close();
  });
  afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

  /** A copy of the ledger with `attack` done to its file. */
  async function tamperedCopy(attack: (db: Database.Database) => unknown): Promise<string> {
    const copy = mkdtempSync(join(tmpdir(), 'ledger-tampered-'));
    folders.push(copy);
    cpSync(original, copy, { recursive: true });
    const db = new Database(join(copy, 'ledger.sqlite'));
    db.exec('DROP TRIGGER events_are_never_edited; DROP TRIGGER events_are_never_deleted;');
    await attack(db);
    db.close();
    return copy;
  }

  /** A copy of the ledger with `attack` done to its file, verified. */
  async function verifyAfter(attack: (db: Database.Database) => unknown): Promise<{ code: number; lines: string[] }> {
    const copy = await tamperedCopy(attack);
    const lines: string[] = [];
    const code = await runCli(['verify', '--data-dir', copy, '--public-key', join(original, 'ledger-public-key.pem')], (line) =>
      lines.push(line),
    );
    return { code, lines };
  }
  const row = (db: Database.Database, position: number) => db.prepare(`SELECT ${ROWS} FROM events WHERE position = ?`).get(position) as Row;
  const put = (db: Database.Database, position: number, r: Row) =>
    db
      .prepare(`UPDATE events SET (${ROWS}) = (?, ?, ?, ?, ?, ?, ?) WHERE position = ?`)
      .run(r.id, r.stream, r.revision, r.type, r.data, r.metadata, r.recorded_at, position);

  it('passes the untouched copy, with one summary line', async () => {
    const { code, lines } = await verifyAfter(() => undefined);
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^verify: ok: ${events} events`))]);
    expect(code).toBe(0);
  });

  it('names one byte of an event changed: edited', async () => {
    const { code, lines } = await verifyAfter((db) => {
      const data = row(db, 20).data;
      const at = data.search(/[a-z]"/);
      db.prepare('UPDATE events SET data = ? WHERE position = 20').run(
        `${data.slice(0, at)}${data[at] === 'x' ? 'y' : 'x'}${data.slice(at + 1)}`,
      );
    });
    expect([code, lines]).toEqual([1, [expect.stringMatching(/^verify: FAILED: edited at position 20: /)]]);
  });

  it('names a row deleted: missing', async () => {
    const { code, lines } = await verifyAfter((db) => db.exec('DELETE FROM events WHERE position = 20'));
    expect([code, lines]).toEqual([1, [expect.stringMatching(/^verify: FAILED: missing at position 20: /)]]);
  });

  it('names two rows swapped: reordered', async () => {
    const { code, lines } = await verifyAfter((db) => {
      const [a, b] = [row(db, 20), row(db, 30)];
      put(db, 20, { ...a, id: 'swap', stream: 'swap', revision: -1 });
      put(db, 30, a);
      put(db, 20, b);
    });
    expect([code, lines]).toEqual([1, [expect.stringMatching(/^verify: FAILED: reordered at position 20: positions 20 and 30/)]]);
  });

  it('names a row inserted: inserted', async () => {
    const { code, lines } = await verifyAfter((db) => {
      const model = row(db, 20);
      db.exec('UPDATE events SET position = -position WHERE position >= 20; UPDATE events SET position = 1 - position WHERE position < 0;');
      db.prepare(
        `INSERT INTO events (position, ${ROWS}) VALUES (20, 'forged', 'body-forged', 0, 'BodyRenamed', '{"name":"X"}', '{}', ?)`,
      ).run(model.recorded_at);
    });
    expect([code, lines]).toEqual([1, [expect.stringMatching(/^verify: FAILED: inserted at position 20: /)]]);
  });

  it('names the tail cut off: truncated', async () => {
    const { code, lines } = await verifyAfter((db) => db.exec('DELETE FROM events WHERE position > 100'));
    expect([code, lines]).toEqual([1, [expect.stringMatching(/^verify: FAILED: truncated at position 101: /)]]);
  });

  it('names a checkpoint re-signed with another key', async () => {
    const { code, lines } = await verifyAfter(async (db) => {
      const [size, root, note] = db
        .prepare('SELECT tree_size, root_hash, note FROM merkle_checkpoints ORDER BY tree_size DESC LIMIT 1')
        .raw(true)
        .get() as [number, Buffer, string];
      const origin = note.slice(0, note.indexOf('\n'));
      const forged = signCheckpoint({ origin, size, rootHash: root }, await noteSigner(origin, generateKeyPairSync('ed25519').privateKey));
      db.prepare('UPDATE merkle_checkpoints SET note = ? WHERE tree_size = ?').run(forged, size);
    });
    expect([code, lines]).toEqual([
      1,
      [expect.stringMatching(new RegExp(`^verify: FAILED: checkpoint at tree size ${events}: [^:]*: no signature by the log's key`))],
    ]);
  });

  it('finds the same in a thread of its own, as a ledger checks a large file at its start', async () => {
    const db = new Database(join(original, 'ledger.sqlite'), { readonly: true });
    const note = db.prepare('SELECT note FROM merkle_checkpoints LIMIT 1').pluck().get() as string;
    db.close();
    const policy = (await trustedPolicy({ 'public-key': [join(original, 'ledger-public-key.pem')] }, () =>
      note.slice(0, note.indexOf('\n')),
    ))!;
    const without = ({ seconds, eventsPerSec, summary, ...report }: AuditReport) => report;
    const untouched = join(await tamperedCopy(() => undefined), 'ledger.sqlite');
    const deleted = join(await tamperedCopy((copy) => copy.exec('DELETE FROM events WHERE position = 20')), 'ledger.sqlite');
    const [whole, short] = await Promise.all(
      [untouched, deleted].map((file) => auditLedgerFileInThread({ file, policyText: policy.text })),
    );
    expect([whole.ok, whole.events]).toEqual([true, events]);
    expect([short.ok, short.findings[0]?.kind, short.findings[0]?.position]).toEqual([false, 'missing', 20]);
    expect(without(whole)).toEqual(without(await auditLedgerFile(untouched, { policy })));
    expect(without(short)).toEqual(without(await auditLedgerFile(deleted, { policy })));
    const missing = await auditLedgerFileInThread({
      file: join(tmpdir(), 'ledger-tamper-none', 'ledger.sqlite'),
      policyText: policy.text,
    }).catch((error: Error) => error.message);
    expect(missing).toMatch(/unable to open|does not exist|directory/);
  });
});
