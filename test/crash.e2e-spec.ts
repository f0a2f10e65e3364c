import Database from 'better-sqlite3';
import { SQLITE_FILE_NAME } from '@ledger/event-store';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeys } from '../apps/ledger/src/access/api-keys';
import { importCommandId } from '../apps/ledger/src/import/command-import';
import { LocalDatabase } from '../apps/ledger/src/local-database/local-database';
import { eventIdFor } from '../apps/ledger/src/recording/event-ids';
import { compiledLedger, LedgerProcess, runLedgerCli, startLedgerProcess, stopLedgerProcess as kill } from './ledger-process';

/**
 * The real server process, SIGKILLed again and again under concurrent writes that retry with their
 * Idempotency-Key (issue 14): every acknowledged write is recorded exactly once, every retry is answered
 * with its original result, and the read models equal a rebuild. Then a first-start seed killed midway
 * resumes on restart. Sized for CI: KILLS kills, each after a few commands per client are acknowledged.
 */
const ROOT = join(__dirname, '..');
const KILLS = 10;
const CLIENTS = 6;
const source = { title: 'crash test', illustrative: true };

jest.setTimeout(180_000);
beforeAll(() => compiledLedger());
afterAll(() => rmSync(compiledLedger(), { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Events as stored, read from the file with the server stopped (read-write, so SQLite recovers the WAL a kill left). */
function storedEvents(dataDir: string): { id: string; stream: string; type: string; commandId: string }[] {
  const file = join(dataDir, SQLITE_FILE_NAME);
  if (!existsSync(file)) return [];
  const db = new Database(file, { fileMustExist: true });
  try {
    return (
      db.prepare('SELECT id, stream, type, metadata FROM events ORDER BY position').all() as {
        id: string;
        stream: string;
        type: string;
        metadata: string;
      }[]
    ).map(({ metadata, ...event }) => ({ ...event, commandId: String(JSON.parse(metadata).commandId) }));
  } finally {
    db.close();
  }
}

interface Command {
  key: string;
  path: string;
  body: object;
}

interface Answer {
  status: number;
  body: unknown;
}

describe('SIGKILLs of the real server under concurrent writes with retries', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loses no acknowledged write, duplicates none, answers every retry as the first time, and its read models equal a rebuild', async () => {
    const local = new LocalDatabase(dataDir);
    const admin = new ApiKeys(local).create('admin', [], { label: 'crash test' });
    local.close();
    let current: LedgerProcess | undefined;
    let stopping = false;
    const acknowledged = new Map<string, Answer>();
    const unexpected: string[] = [];
    let retriesOfAcknowledged = 0;
    let retriesAfterKill = 0;

    const send = async ({ key, path, body }: Command): Promise<Answer | undefined> => {
      const ledger = current;
      if (!ledger) return undefined;
      try {
        const response = await fetch(`${ledger.url}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${admin.token}`, 'idempotency-key': key, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: await response.json() };
      } catch {
        return undefined; // killed before it answered
      }
    };

    /** A client records bodies and renames them, one command at a time, retrying each until it is answered. */
    const client = async (c: number) => {
      let lastAcknowledged: Command | undefined;
      for (let i = 0; !stopping; i++) {
        const bodyId = `crash-${c}-${i}`;
        const commands: Command[] = [
          {
            key: `${bodyId}-establish`,
            path: '/bodies',
            body: { bodyId, kind: 'ccg', name: `Crash ${c} ${i}`, areas: ['wirral'], effective: '2013-04-01', source },
          },
          // Deciding this twice would be refused (rename-to-same-name): only recognising the retry answers 201.
          {
            key: `${bodyId}-rename`,
            path: `/bodies/${bodyId}/renamings`,
            body: { name: `Renamed ${c} ${i}`, effective: '2015-04-01', source },
          },
        ];
        for (const command of commands) {
          let retried = false;
          for (;;) {
            const answer = await send(command);
            if (answer === undefined) {
              retried = true;
              await sleep(20);
              // The process died (or is starting again): after it is back, first re-ask the last acknowledged command.
              if (lastAcknowledged && current) {
                const again = await send(lastAcknowledged);
                if (again) {
                  retriesOfAcknowledged++;
                  const original = acknowledged.get(lastAcknowledged.key)!;
                  if (again.status !== 201 || JSON.stringify(again.body) !== JSON.stringify(original.body)) {
                    unexpected.push(`retry of acknowledged ${lastAcknowledged.key}: ${again.status} ${JSON.stringify(again.body)}`);
                  }
                }
              }
              continue;
            }
            if (answer.status !== 201)
              unexpected.push(`${command.key}${retried ? ' (retry)' : ''}: ${answer.status} ${JSON.stringify(answer.body)}`);
            if (retried) retriesAfterKill++;
            acknowledged.set(command.key, answer);
            lastAcknowledged = command;
            break;
          }
        }
      }
    };

    /** Resolves once `count` more commands are acknowledged than now (within a minute: a bound, not a pace). */
    const acknowledgedMore = async (count: number) => {
      const wanted = acknowledged.size + count;
      const deadline = Date.now() + 60_000;
      while (acknowledged.size < wanted && Date.now() < deadline) await sleep(10);
    };

    current = await startLedgerProcess(dataDir);
    const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));
    for (let kills = 0; kills < KILLS; kills++) {
      // However fast the machine: a kill after some writing since the start, at a point that varies.
      await acknowledgedMore(CLIENTS + Math.floor(Math.random() * CLIENTS));
      const victim = current;
      current = undefined;
      await kill(victim);
      current = await startLedgerProcess(dataDir);
    }
    await acknowledgedMore(CLIENTS);
    stopping = true;
    await Promise.all(clients);

    expect(unexpected).toEqual([]);
    expect(retriesAfterKill).toBeGreaterThan(0);
    expect(retriesOfAcknowledged).toBeGreaterThan(0);
    const keys = [...acknowledged.keys()];
    expect(keys.length).toBeGreaterThan(KILLS * CLIENTS);

    // The read models as the killed-and-restarted service keeps them, once caught up with the head.
    const answersOf = async (ledger: LedgerProcess) => {
      const head = (await (await fetch(`${ledger.url}/ledger/head`)).json()) as { position: number };
      const get = async (path: string) => {
        for (;;) {
          const answer = (await (await fetch(`${ledger.url}${path}`)).json()) as {
            asKnownAt?: { position: number };
            bodies?: { name: string }[];
          };
          if (answer.asKnownAt?.position === undefined || answer.asKnownAt.position >= head.position) return answer;
          await sleep(50);
        }
      };
      return {
        head,
        bodies: await get('/bodies?at=2016-01-01'),
        firstBody: await get('/bodies/crash-0-0'),
        timeline: await get('/authority/timeline?function=community-health-services&area=wirral'),
        decisions: await get('/decisions'),
      };
    };
    const live = await answersOf(current);
    await kill(current, 'SIGTERM');

    // Every acknowledged command is in the store exactly once, and nothing else is.
    const events = storedEvents(dataDir);
    const byCommand = new Map<string, typeof events>();
    for (const event of events) byCommand.set(event.commandId, [...(byCommand.get(event.commandId) ?? []), event]);
    expect([...byCommand.keys()].sort()).toEqual(keys.map((key) => `${admin.keyId}:${key}`).sort());
    for (const [key, answer] of acknowledged) {
      const stored = byCommand.get(`${admin.keyId}:${key}`)!;
      expect(stored.map(({ id, type }) => ({ id, type }))).toEqual((answer.body as { events: unknown[] }).events);
      expect(stored[0].id).toBe(eventIdFor(`${admin.keyId}:${key}`, 0));
    }
    expect(live.bodies.bodies).toHaveLength(acknowledged.size / 2);
    expect(live.bodies.bodies!.every((body) => body.name.startsWith('Renamed'))).toBe(true);

    // The same questions after every projection is dropped and replayed, in a fresh process.
    const rebuild = await runLedgerCli(['rebuild'], { LEDGER_DATA_DIR: dataDir });
    expect(rebuild.stdout).toContain(`rebuilt every projection from ${events.length} events`);
    const fresh = await startLedgerProcess(dataDir);
    try {
      expect(await answersOf(fresh)).toEqual(live);
    } finally {
      await kill(fresh, 'SIGTERM');
    }
  });
});

describe('a first-start seed killed midway', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-crash-seed-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const seedLines = readFileSync(join(ROOT, 'apps/ledger/seed/history.jsonl'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//'));

  it('resumes on the next start, recording every line exactly once', async () => {
    const seeding = await startLedgerProcess(dataDir, { LEDGER_SEED: 'on' }, false);
    // Kill it once some of the history is in, before all of it is.
    const deadline = Date.now() + 60_000;
    let partial = 0;
    while (Date.now() < deadline && partial === 0) {
      await sleep(10);
      try {
        const db = new Database(join(dataDir, SQLITE_FILE_NAME), { readonly: true, fileMustExist: true });
        partial = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
        db.close();
      } catch {
        partial = 0; // not created yet
      }
    }
    await kill(seeding);
    const before = new Set(storedEvents(dataDir).map((event) => event.commandId));
    expect(before.size).toBeGreaterThan(0);
    expect(before.size).toBeLessThan(seedLines.length);

    const resumed = await startLedgerProcess(dataDir, { LEDGER_SEED: 'on' });
    await kill(resumed, 'SIGTERM');
    // At least what was in the file when the process died (a commit may land between that read and the kill).
    const resumedAfter = Number(/resumed: (\d+) lines were already recorded/.exec(resumed.output())?.[1]);
    expect(resumedAfter).toBeGreaterThanOrEqual(before.size);
    expect(resumedAfter).toBeLessThan(seedLines.length);
    const events = storedEvents(dataDir);
    const commands = new Set(events.map((event) => event.commandId));
    expect(commands).toEqual(new Set(seedLines.map(importCommandId)));
    // Each line's events once: its first event id is that of its command, and no command appended twice.
    const firstIds = new Set(seedLines.map((line) => eventIdFor(importCommandId(line), 0)));
    expect(events.filter((event) => firstIds.has(event.id))).toHaveLength(seedLines.length);
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
  });
});
