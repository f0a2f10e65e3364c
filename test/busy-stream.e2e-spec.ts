import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, SqliteEventStore, WrongExpectedRevision } from '@ledger/event-store';
import { CommandCatalogue } from '../apps/ledger/src/command-catalogue';
import { RecordCommand } from '../apps/ledger/src/recording/record-command';
import { LedgerTestApp, startLedger } from './ledger-test-app';

/**
 * Many commands at one stream at once (issue 14): each waits its turn, decides on the stream as the
 * append before it will leave it, and shares that append's group commit; when that append is refused,
 * the ones decided on it write nothing and are decided again.
 */
const source = { title: 'Wirral CCG governing body minutes', illustrative: true };
const wirral = { bodyId: 'nhs-wirral-ccg', kind: 'ccg', name: 'NHS Wirral CCG', areas: ['wirral'], effective: '2013-04-01', source };
const actor = { keyId: 'busy-test', role: 'admin' as const, bodies: [] };

describe('one busy stream', () => {
  let ledger: LedgerTestApp;
  let store: SqliteEventStore;
  const appoint = (n: number) =>
    ledger.app.get(CommandBus).execute(
      new RecordCommand(
        ledger.app.get(CommandCatalogue).declarationOf('AppointMember')!,
        {
          bodyId: wirral.bodyId,
          membershipId: `m-${n}`,
          member: { seat: `Seat ${n}` },
          role: 'member',
          voting: true,
          from: '2013-04-01',
          source,
        },
        { actor, commandId: `busy-${n}` },
      ),
    );

  beforeEach(async () => {
    ledger = await startLedger();
    store = ledger.app.get(EVENT_STORE) as SqliteEventStore;
    await ledger.http().post('/bodies').set('Authorization', ledger.keys.admin).send(wirral).expect(201);
  });
  afterEach(() => ledger.close());

  it('records every one of many concurrent commands once, in revision order, in fewer commits than commands', async () => {
    const groupsBefore = store.commits.groups;
    const answers = await Promise.all(Array.from({ length: 40 }, (_, n) => appoint(n)));
    expect(answers.map((answer) => answer.revision).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, n) => n + 1));
    const stream = await store.readStream(`body-${wirral.bodyId}`);
    expect(stream.map((event) => event.streamRevision)).toEqual(Array.from({ length: 41 }, (_, n) => n));
    expect(new Set(stream.slice(1).map((event) => (event.data as { membershipId: string }).membershipId)).size).toBe(40);
    expect(store.commits.groups - groupsBefore).toBeLessThan(40);
    // The same commands again: each answered as recorded, nothing new.
    await ledger.expectNothingWritten(async () => {
      expect(await Promise.all(Array.from({ length: 40 }, (_, n) => appoint(n)))).toEqual(answers);
    });
  });

  it('decides again, on what the store holds, a command decided on a kept tip that another process has since moved on', async () => {
    await appoint(1);
    const other = {
      bodyId: wirral.bodyId,
      membershipId: 'm-other',
      member: { seat: 'Other' },
      role: 'member',
      voting: true,
      from: '2013-04-01',
      to: null,
      source,
    };
    await store.append(`body-${wirral.bodyId}`, [{ id: 'another-process', type: 'MemberAppointed', data: other }], 1);
    // Deciding on the tip kept from m-1 would reuse revision 2: the store refuses that, and the command is decided again.
    await expect(appoint(2)).resolves.toMatchObject({ revision: 3 });
    const stream = await store.readStream(`body-${wirral.bodyId}`);
    expect(stream.map((event) => (event.data as { membershipId?: string }).membershipId)).toEqual([undefined, 'm-1', 'm-other', 'm-2']);
  });

  it('decides again, on what is durable, a command decided on an append that was then refused', async () => {
    const append = store.append.bind(store);
    // The first command's append is refused at commit (a read condition that cannot hold), after the second decided on it.
    const appends = jest
      .spyOn(store, 'append')
      .mockImplementationOnce((stream, events, expected, options) =>
        append(stream, events, expected, { ...options, readConditions: [{ stream: 'body-never-recorded', expected: 'stream-exists' }] }),
      );
    const [first, second, third] = await Promise.allSettled([appoint(1), appoint(2), appoint(3)]);
    expect(first.status).toBe('rejected');
    expect((first as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevision);
    expect((first as PromiseRejectedResult).reason).toMatchObject({ stream: 'body-never-recorded' });
    expect(second.status).toBe('fulfilled');
    expect(third.status).toBe('fulfilled');
    const stream = await store.readStream(`body-${wirral.bodyId}`);
    expect(stream.map((event) => (event.data as { membershipId?: string }).membershipId)).toEqual([undefined, 'm-2', 'm-3']);
    expect(stream.map((event) => event.streamRevision)).toEqual([0, 1, 2]);
    // The later two were decided on the refused append, refused in turn, and decided again.
    expect(appends.mock.calls.length).toBeGreaterThan(3);
  });
});
