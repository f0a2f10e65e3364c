import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { meetingAggregate, withCorrectionsApplied } from '@ledger/governance';
import fc from 'fast-check';
import { CommandCatalogue } from '../apps/ledger/src/command-catalogue';
import { pathIdsOf } from '../apps/ledger/src/recording/command-declaration';
import { validatedCommandData } from '../apps/ledger/src/recording/command-validation';
import { DecisionContextReader } from '../apps/ledger/src/recording/decision-context';
import { LedgerTestApp, startLedger } from './ledger-test-app';

const source = { title: 'Place committee minutes', illustrative: true };
const members = ['chair', 'gp', 'nurse', 'lay'];

/** Values a correction may try on any field: right and wrong kinds, in and out of range. */
const VALUES = [
  'for',
  'against',
  'abstain',
  'banana',
  'carried',
  'defeated',
  'noted',
  '2019-01-01',
  '2021-06-10',
  '2099-01-01',
  '',
  'x',
  null,
  5,
  true,
  [],
  {},
];

type Step =
  | { kind: 'vote'; member: string; option: string }
  | { kind: 'decide'; outcome: string }
  | { kind: 'correct'; pick: number; field: number; value: unknown }
  | { kind: 'withdraw'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('vote' as const),
    member: fc.constantFrom(...members),
    option: fc.constantFrom('for', 'against', 'abstain'),
  }),
  fc.record({ kind: fc.constant('decide' as const), outcome: fc.constantFrom('carried', 'defeated', 'agreed-without-vote', 'deferred') }),
  fc.record({ kind: fc.constant('correct' as const), pick: fc.nat(), field: fc.nat(), value: fc.constantFrom(...VALUES) }),
  fc.record({ kind: fc.constant('withdraw' as const), pick: fc.nat() }),
);

/**
 * Random commands and corrections through the pipeline. After every accepted correction, the meeting's
 * history as corrected is judged again from its first fact, independently of how the pipeline judged it:
 * every fact must be a valid command (its DTO) that its decider accepts at that point.
 */
describe('corrections keep every rule the deciders enforce (property)', () => {
  let ledger: LedgerTestApp;
  beforeAll(async () => {
    ledger = await startLedger();
    const admin = ledger.keys.admin;
    const post = (path: string, body: object) => ledger.http().post(path).set('Authorization', admin).send(body).expect(201);
    await post('/bodies', { bodyId: 'ccg', kind: 'ccg', name: 'A CCG', areas: ['vale-royal'], effective: '2020-04-01', source });
    await post('/bodies', {
      bodyId: 'place',
      kind: 'committee',
      name: 'Place',
      parentBodyId: 'ccg',
      areas: ['vale-royal'],
      effective: '2020-04-01',
      source,
    });
    for (const id of members) {
      await post('/bodies/place/memberships', {
        membershipId: id,
        member: { person: id },
        role: 'member',
        voting: true,
        from: '2020-04-01',
        source,
      });
    }
  });
  afterAll(() => ledger.close());

  /** The whole corrected history of the meeting, judged from scratch. */
  async function assertHistoryHolds(stream: string): Promise<void> {
    const store = ledger.app.get(EVENT_STORE) as EventStore;
    const catalogue = ledger.app.get(CommandCatalogue);
    const facts = withCorrectionsApplied(await store.readStream(stream));
    const reader = new DecisionContextReader(store, stream);
    let state = meetingAggregate.decider.initialState();
    for (const fact of facts) {
      const command = meetingAggregate.commandRecording(fact as never);
      const declaration = catalogue.declarationOf(command.type)!;
      await validatedCommandData(declaration, command.data as unknown as Record<string, unknown>, pathIdsOf(declaration.route));
      const context = await reader.load(meetingAggregate.reads(command, state));
      meetingAggregate.decider.decide(command, meetingAggregate.withContext(state, context, command));
      state = meetingAggregate.decider.evolve(state, fact as never);
    }
  }

  it('accepts only corrections that leave a history every rule accepts', async () => {
    let run = 0;
    let corrections = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 12 }), async (steps) => {
        run += 1;
        const admin = ledger.keys.admin;
        const post = (path: string, body: object) => ledger.http().post(path).set('Authorization', admin).send(body);
        const store = ledger.app.get(EVENT_STORE) as EventStore;
        // A fresh meeting stream per run: the property is about one stream's history.
        const id = `m${run}`;
        const stream = `meeting-${id}`;
        await post('/meetings', { meetingId: id, date: '2021-06-10', bodies: [{ bodyId: 'place', quorum: 2 }], source }).expect(201);
        await post(`/meetings/${id}/items`, { itemId: 'i', title: 'Item', text: 'Text', functions: [], areas: [], source }).expect(201);
        await post(`/meetings/${id}/attendance`, { present: members.slice(0, 3), source }).expect(201);
        for (const next of steps) {
          const before = (await ledger.head()).position;
          let status: number;
          if (next.kind === 'vote')
            status = (await post(`/meetings/${id}/items/i/votes`, { membershipId: next.member, vote: next.option, source })).status;
          else if (next.kind === 'decide')
            status = (await post(`/meetings/${id}/items/i/decisions`, { outcome: next.outcome, resolution: 'R', source })).status;
          else {
            const events = (await store.readStream(stream)).filter((event) => event.type !== 'FactCorrected');
            const target = events[next.pick % events.length];
            const change =
              next.kind === 'withdraw'
                ? { withdrawn: true }
                : (() => {
                    const fields = Object.keys(target.data as object).filter((field) => !field.endsWith('Id'));
                    return { changes: { [fields[next.field % fields.length]]: next.value } };
                  })();
            status = (await post('/corrections', { stream, correctedEventId: target.id, reason: 'property', source, ...change })).status;
          }
          expect(status).toBeLessThan(500);
          if (status !== 201) expect((await ledger.head()).position).toBe(before);
          if ((next.kind === 'correct' || next.kind === 'withdraw') && status === 201) {
            corrections += 1;
            await assertHistoryHolds(stream);
          }
        }
      }),
      { numRuns: 25 },
    );
    // The generator must reach accepted corrections, or the property says nothing.
    expect(corrections).toBeGreaterThan(5);
  });
});
