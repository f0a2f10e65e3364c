import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, EventStore, RecordedEvent } from '@ledger/event-store';
import fc from 'fast-check';
import { AuthorityQueries } from '../apps/ledger/src/authority/authority.queries';
import { BodyRegisterQueries } from '../apps/ledger/src/bodies/body-register.queries';
import { DecisionRegisterQueries } from '../apps/ledger/src/decisions/decision-register.queries';
import { CommandImport, ImportLineRefused } from '../apps/ledger/src/import/command-import';
import { PublicProjection } from '../apps/ledger/src/public-projection/public-projection';
import { PUBLIC_DATABASE_FILE } from '@ledger/public-contract';
import { ProjectionRunner } from '../apps/ledger/src/read-models/projection-runner';
import { LedgerTestApp, startLedger } from './ledger-test-app';

/**
 * Property: for random command sequences (the ledger refuses the invalid ones), the projections built
 * incrementally (the public rows too) equal those rebuilt from scratch, every answer as known at an earlier position equals
 * the answer of a ledger that holds only the events up to that position, and a ledger answering
 * without its read cache (LEDGER_READ_CACHE=off) gives the same answers at the head and at that position.
 */
const AREAS = ['vale-royal', 'west-cheshire', 'eastern-cheshire'];
const FUNCTIONS = ['community-health-services', 'continuing-healthcare'];
const BODIES = ['b0', 'b1', 'b2', 'b3'];
/** An arrangement the bodies hold seats in: each body's answer and public row list it. */
const JOINT_COMMITTEE = 'jc';
const source = { title: 'property test', illustrative: true };
const date = (months: number) => new Date(Date.UTC(2013, 3 + months, 1)).toISOString().slice(0, 10);

const command = fc.oneof(
  fc
    .record({ body: fc.constantFrom(...BODIES), area: fc.constantFrom(...AREAS), month: fc.integer({ min: 0, max: 40 }) })
    .map(({ body, area, month }) => ({
      command: 'EstablishBody',
      data: { bodyId: body, kind: 'ccg', name: `CCG ${body}`, areas: [area], effective: date(month) },
    })),
  fc
    .record({
      body: fc.constantFrom(...BODIES),
      fn: fc.constantFrom(...FUNCTIONS),
      area: fc.constantFrom(...AREAS),
      month: fc.integer({ min: 0, max: 60 }),
    })
    .map(({ body, fn, area, month }) => ({
      command: 'AssignStatutoryFunctions',
      data: { bodyId: body, functions: [fn], areas: [area], from: date(month), act: 'Health and Social Care Act 2012' },
    })),
  fc
    .record({ body: fc.constantFrom(...BODIES), month: fc.integer({ min: 1, max: 80 }), n: fc.integer({ min: 0, max: 9 }) })
    .map(({ body, month, n }) => ({
      command: 'RenameBody',
      data: { bodyId: body, name: `CCG ${body} (${n})`, effective: date(month) },
    })),
  fc
    .record({ body: fc.constantFrom(...BODIES), month: fc.integer({ min: 1, max: 80 }) })
    .map(({ body, month }) => ({ command: 'DissolveBody', data: { bodyId: body, effective: date(month) } })),
  fc
    .record({
      id: fc.integer({ min: 0, max: 3 }),
      from: fc.constantFrom(...BODIES),
      to: fc.constantFrom(...BODIES),
      fn: fc.constantFrom(...FUNCTIONS),
      area: fc.constantFrom(...AREAS),
      month: fc.integer({ min: 0, max: 60 }),
    })
    .map(({ id, from, to, fn, area, month }) => ({
      command: 'GrantDelegation',
      data: {
        delegationId: `d${id}`,
        delegatorBodyId: from,
        delegateBodyId: to,
        functions: [fn],
        areas: [area],
        from: date(month),
        instrument: { kind: 'scheme-of-reservation-and-delegation', reference: 'SoRD' },
        subDelegationAllowed: false,
      },
    })),
  // A seat in the joint committee (an arrangement) on behalf of a body, and its end.
  fc
    .record({ m: fc.integer({ min: 0, max: 3 }), body: fc.constantFrom(...BODIES), month: fc.integer({ min: 0, max: 60 }) })
    .map(({ m, body, month }) => ({
      command: 'AppointMember',
      data: {
        bodyId: JOINT_COMMITTEE,
        membershipId: `seat-${m}`,
        member: { seat: `${body} representative` },
        role: 'voting member',
        voting: true,
        onBehalfOfBodyId: body,
        from: date(month),
      },
    })),
  fc
    .record({ m: fc.integer({ min: 0, max: 3 }), month: fc.integer({ min: 1, max: 80 }) })
    .map(({ m, month }) => ({ command: 'EndMembership', data: { bodyId: JOINT_COMMITTEE, membershipId: `seat-${m}`, to: date(month) } })),
  fc
    .record({ id: fc.integer({ min: 0, max: 3 }), month: fc.integer({ min: 1, max: 80 }) })
    .map(({ id, month }) => ({ command: 'RevokeDelegation', data: { delegationId: `d${id}`, effective: date(month) } })),
  fc.record({ m: fc.integer({ min: 0, max: 3 }), of: fc.integer({ min: 0, max: 3 }) }).map(({ m, of }) => ({
    command: 'ApproveMinutes',
    data: { meetingId: `m${m}`, minutesOfMeetingId: `m${of}`, approval: 'as-correct-record' },
  })),
  fc
    .record({
      preds: fc.subarray(BODIES, { minLength: 1, maxLength: 2 }),
      succ: fc.constantFrom(...BODIES),
      month: fc.integer({ min: 1, max: 80 }),
      n: fc.integer({ min: 0, max: 99 }),
    })
    .map(({ preds, succ, month, n }) => ({
      command: 'RecordMerger',
      data: { reorganisationId: `r${n}`, predecessorBodyIds: preds, successorBodyId: succ, legalDate: date(month) },
    })),
);

/** A meeting held, with an item and (mostly) its decision: three commands, so that decisions are common. */
const meeting = fc
  .record({
    m: fc.integer({ min: 0, max: 3 }),
    body: fc.constantFrom(...BODIES),
    month: fc.integer({ min: 0, max: 60 }),
    fn: fc.constantFrom(...FUNCTIONS),
    area: fc.constantFrom(...AREAS),
    outcome: fc.constantFrom('agreed-without-vote', 'deferred'),
  })
  .map(({ m, body, month, fn, area, outcome }) => [
    { command: 'ConveneMeeting', data: { meetingId: `m${m}`, date: date(month), bodies: [{ bodyId: body, quorum: 1 }] } },
    { command: 'AddAgendaItem', data: { meetingId: `m${m}`, itemId: 'i1', title: 'item', text: 'text', functions: [fn], areas: [area] } },
    { command: 'RecordDecision', data: { meetingId: `m${m}`, itemId: 'i1', outcome, resolution: 'resolved' } },
  ]);

describe('projections (property): incremental = rebuilt, and as-known-at = truncated ledger', () => {
  const answers = async (app: LedgerTestApp, asKnownAt?: number) => {
    const queries = app.app.get(AuthorityQueries);
    const basis = asKnownAt === undefined ? undefined : String(asKnownAt);
    const timelines = [];
    for (const fn of FUNCTIONS) {
      for (const area of AREAS) {
        const { intervals } = await queries.timeline(fn, area, basis);
        timelines.push({ fn, area, intervals });
      }
    }
    // Decisions as the register lists them (found through the meeting calendar, folded from their streams).
    const { decisions } = await app.app.get(DecisionRegisterQueries).decisions({ asKnownAt: basis }, undefined);
    // Each body's record, lineage and authority, and the list of bodies (an unknown body is an answer too).
    const bodyQueries = app.app.get(BodyRegisterQueries);
    const bodies: unknown[] = [(await bodyQueries.bodiesAt(undefined, undefined, undefined, basis)).bodies];
    for (const bodyId of BODIES) {
      // The answer without its basis (its transaction time is the copy's own); an unknown body is answered by its error.
      const known = async (ask: () => Promise<{ asKnownAt: unknown }>) =>
        ask().then(
          ({ asKnownAt, ...answer }) => answer,
          (error: Error) => error.constructor.name,
        );
      bodies.push(await known(() => bodyQueries.body(bodyId, basis)), await known(() => queries.ofBody(bodyId, basis)));
    }
    return { timelines, decisions, bodies };
  };

  const masterKeyFile = join(mkdtempSync(join(tmpdir(), 'ledger-master-')), 'ledger-master.key');

  /** The wrapped content keys of one ledger, given to another under the same master key (as a copy of its data folder would be). */
  const copyContentKeys = (from: string, to: string) => {
    const source = new Database(join(from, 'ledger-keys.sqlite'), { readonly: true });
    const target = new Database(join(to, 'ledger-keys.sqlite'));
    const insert = target.prepare('INSERT OR IGNORE INTO data_keys (ref, wrapped) VALUES (?, ?)');
    for (const { ref, wrapped } of source.prepare('SELECT ref, wrapped FROM data_keys').all() as { ref: string; wrapped: Buffer }[]) {
      insert.run(ref, wrapped);
    }
    source.close();
    target.close();
  };

  /** How many timelines and decisions, over all runs, held anything: the property must not pass on empty ledgers alone. */
  let held = 0;
  let decided = 0;
  let arranged = 0;

  it('holds for random command sequences', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(
            fc.oneof(
              command.map((one) => [one]),
              meeting,
            ),
            { minLength: 3, maxLength: 12 },
          )
          .map((groups) => groups.flat()),
        fc.integer({ min: 0, max: 1000 }),
        async (commands, cut) => {
          // Every run starts from two empty ledgers: the full one, and the copy truncated at a position.
          // One after the other: each start reads its data folder from the environment.
          // One master key for both: the copy is the same ledger, so it gets the content keys with the events.
          process.env.LEDGER_MASTER_KEY_FILE = masterKeyFile;
          const ledger = await startLedger();
          const truncated = await startLedger();
          // A third copy answers without the read cache: the plain folds the cached answers must equal.
          process.env.LEDGER_READ_CACHE = 'off';
          const plain = await startLedger();
          delete process.env.LEDGER_READ_CACHE;
          delete process.env.LEDGER_MASTER_KEY_FILE;
          try {
            await checkRun(ledger, truncated, plain, commands, cut);
          } finally {
            await ledger.close();
            await truncated.close();
            await plain.close();
          }
        },
      ),
      { numRuns: 12 },
    );
    expect(held).toBeGreaterThan(0);
    expect(decided).toBeGreaterThan(0);
    expect(arranged).toBeGreaterThan(0);
    // Three ledgers a run: a bound, not a measure.
  }, 240_000);

  /** Every row of the public projection once it has caught up with the head, each table's in one order. */
  const publicRows = async (ledger: LedgerTestApp) => {
    await ledger.app.get(PublicProjection).caughtUpTo((await ledger.head()).position);
    const db = new Database(join(ledger.dataDir, PUBLIC_DATABASE_FILE), { readonly: true });
    // The FTS5 index holds exactly the words of its rows (throws otherwise): the triggers missed no delete.
    const checked = new Database(join(ledger.dataDir, PUBLIC_DATABASE_FILE), { fileMustExist: true, timeout: 5_000 });
    checked.exec("INSERT INTO public_search (public_search, rank) VALUES ('integrity-check', 1)");
    checked.close();
    // The search index is compared by its rows, not by its FTS5 segments and row ids, which depend on the order of writes.
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name != 'public_meta' AND (name NOT LIKE 'public_search%' OR name = 'public_search_rows')",
      )
      .pluck()
      .all() as string[];
    const rows = Object.fromEntries(
      tables.map((table) => [
        table,
        db
          .prepare(
            table === 'public_search_rows'
              ? 'SELECT kind, key, owner, date, href, boost, title, text, places, functions FROM public_search_rows'
              : `SELECT * FROM ${table}`,
          )
          .all()
          .map((row) => JSON.stringify(row))
          .sort(),
      ]),
    );
    db.close();
    return rows;
  };

  /** `target` holding `events` of `ledger` (and its content keys), caught up. */
  const copyOf = async (ledger: LedgerTestApp, target: LedgerTestApp, events: RecordedEvent[]) => {
    const store = target.app.get(EVENT_STORE) as EventStore;
    for (const event of events) {
      await store.append(event.stream, [{ id: event.id, type: event.type, data: event.data, metadata: event.metadata }], 'any');
    }
    copyContentKeys(ledger.dataDir, target.dataDir);
    await target.settled();
  };

  async function checkRun(
    ledger: LedgerTestApp,
    truncated: LedgerTestApp,
    plain: LedgerTestApp,
    commands: { command: string; data: object }[],
    cut: number,
  ): Promise<void> {
    const importer = ledger.app.get(CommandImport);
    // Every body exists from the start, so most random commands have something to act on.
    const established = [
      ...BODIES.map((bodyId, index) => ({
        command: 'EstablishBody',
        data: { bodyId, kind: 'ccg', name: `CCG ${bodyId}`, areas: [AREAS[index % AREAS.length]], effective: date(0) },
      })),
      {
        command: 'EstablishBody',
        data: { bodyId: JOINT_COMMITTEE, kind: 'joint-committee', name: 'Joint committee', areas: [...AREAS], effective: date(0) },
      },
    ];
    for (const { command: name, data } of [...established, ...commands]) {
      await importer.importText(JSON.stringify({ command: name, data: { ...data, source } })).catch((error) => {
        if (!(error instanceof ImportLineRefused)) throw error;
      });
    }
    await ledger.settled();
    const incremental = await answers(ledger);
    held += incremental.timelines.filter(({ intervals }) => intervals && intervals.length > 0).length;
    decided += incremental.decisions.length;
    arranged += incremental.bodies.filter((body) => ((body as { arrangements?: unknown[] }).arrangements ?? []).length > 0).length;
    // The public rows, written after each change by the rules of what each kind is written from, are those written anew.
    const published = await publicRows(ledger);
    await ledger.app.get(ProjectionRunner).rebuild();
    expect(await answers(ledger)).toEqual(incremental);
    expect(await publicRows(ledger)).toEqual(published);

    const events = await (ledger.app.get(EVENT_STORE) as EventStore).readAll();
    const position = events.length === 0 ? 0 : events[cut % events.length].globalPosition;
    await copyOf(
      ledger,
      truncated,
      events.filter((e) => e.globalPosition <= position),
    );
    expect(await answers(truncated)).toEqual(await answers(ledger, position));

    await copyOf(ledger, plain, events);
    expect(await answers(plain)).toEqual(incremental);
    expect(await answers(plain, position)).toEqual(await answers(ledger, position));
  }
});
