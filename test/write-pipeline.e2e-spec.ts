import { ConfigType } from '@nestjs/config';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { ledgerConfig } from '../apps/ledger/src/config/ledger.config';
import { LedgerTestApp, startLedger } from './ledger-test-app';

/**
 * The defects of the write side that issue #9 lists, each tried as the user who found it: every refusal
 * names its rule and writes nothing (the ledger head does not move).
 */
const source = { title: 'Cheshire CCG committee minutes', illustrative: true };
const ccg = {
  bodyId: 'nhs-cheshire-ccg',
  kind: 'ccg',
  name: 'NHS Cheshire CCG',
  odsCode: '27D',
  areas: ['vale-royal'],
  effective: '2020-04-01',
  source,
};
const committee = {
  bodyId: 'cheshire-place-committee',
  kind: 'committee',
  name: 'Cheshire West Place Committee',
  parentBodyId: 'nhs-cheshire-ccg',
  areas: ['vale-royal'],
  effective: '2020-04-01',
  source,
};
const members = ['chair', 'gp', 'nurse'];
const meeting = { meetingId: 'cwp-2021-06', date: '2021-06-10', bodies: [{ bodyId: committee.bodyId, quorum: 2 }], source };
const item = {
  itemId: 'chs',
  title: 'Community health services contract',
  text: 'Award the contract',
  functions: ['community-health-services'],
  areas: ['vale-royal'],
  source,
};

describe('one write pipeline: every command and every correction judged by the same rules', () => {
  let ledger: LedgerTestApp;
  let officer: string;
  const post = (path: string, body: object, key = ledger.keys.admin) => ledger.http().post(path).set('Authorization', key).send(body);
  const events = (stream: string) => (ledger.app.get(EVENT_STORE) as EventStore).readStream(stream);
  const correct = (body: object, key = ledger.keys.admin) => post('/corrections', { reason: 'misrecorded', source, ...body }, key);
  /** A refusal: its status, its rule, and nothing written. */
  const refused = async (attempt: () => ReturnType<typeof post>, status: number, rule: string) =>
    ledger.expectNothingWritten(async () => {
      const answer = await attempt();
      expect({ status: answer.status, rule: answer.body.rule }).toEqual({ status, rule });
    });

  beforeEach(async () => {
    ledger = await startLedger();
    officer = ledger.keys.officerFor(committee.bodyId);
    await post('/bodies', ccg).expect(201);
    await post('/bodies', committee).expect(201);
    for (const id of members) {
      await post(`/bodies/${committee.bodyId}/memberships`, {
        membershipId: id,
        member: { person: id },
        role: 'member',
        voting: true,
        from: '2020-04-01',
        source,
      }).expect(201);
    }
    await post('/meetings', meeting, officer).expect(201);
    await post(`/meetings/${meeting.meetingId}/items`, item, officer).expect(201);
    await post(`/meetings/${meeting.meetingId}/attendance`, { present: members, source }, officer).expect(201);
  });
  afterEach(() => ledger.close());

  const vote = (membershipId: string, choice: string) =>
    post(`/meetings/${meeting.meetingId}/items/chs/votes`, { membershipId, vote: choice, source }, officer);
  const eventOf = async (stream: string, type: string) => (await events(stream)).find((event) => event.type === type)!;

  describe('a correction meets the rules the original command met', () => {
    it('refuses a vote corrected to a value no vote can take', async () => {
      await vote('chair', 'for').expect(201);
      const cast = await eventOf('meeting-cwp-2021-06', 'VoteCast');
      await refused(
        () => correct({ stream: cast.stream, correctedEventId: cast.id, changes: { vote: 'banana' } }, officer),
        400,
        'invalid-field',
      );
    });

    it('refuses an outcome corrected to a value no decision can take', async () => {
      await post(
        `/meetings/${meeting.meetingId}/items/chs/decisions`,
        { outcome: 'agreed-without-vote', resolution: 'Award', source },
        officer,
      ).expect(201);
      const decided = await eventOf('meeting-cwp-2021-06', 'DecisionRecorded');
      await refused(
        () => correct({ stream: decided.stream, correctedEventId: decided.id, changes: { outcome: 'won' } }, officer),
        400,
        'invalid-field',
      );
    });

    it('refuses an outcome that contradicts the votes, recorded or corrected', async () => {
      await vote('chair', 'for').expect(201);
      await vote('gp', 'for').expect(201);
      await vote('nurse', 'against').expect(201);
      const decide = (outcome: string) =>
        post(`/meetings/${meeting.meetingId}/items/chs/decisions`, { outcome, resolution: 'Award', source }, officer);
      await refused(() => decide('defeated'), 422, 'outcome-contradicts-votes');
      await decide('carried').expect(201);
      const decided = await eventOf('meeting-cwp-2021-06', 'DecisionRecorded');
      await refused(
        () => correct({ stream: decided.stream, correctedEventId: decided.id, changes: { outcome: 'defeated' } }, officer),
        422,
        'outcome-contradicts-votes',
      );
      await refused(
        () =>
          correct(
            { stream: decided.stream, correctedEventId: decided.id, changes: { counts: { for: 0, against: 3, abstain: 0 } } },
            officer,
          ),
        422,
        'derived-field',
      );
    });

    it('refuses moving a meeting to before its committee existed', async () => {
      const convened = await eventOf('meeting-cwp-2021-06', 'MeetingConvened');
      await refused(
        () => correct({ stream: convened.stream, correctedEventId: convened.id, changes: { date: '2019-06-10' } }, officer),
        422,
        'body-not-in-existence',
      );
    });

    it('refuses moving a held meeting to a date after the day its attendance was recorded', async () => {
      const convened = await eventOf('meeting-cwp-2021-06', 'MeetingConvened');
      // Its attendance, judged again on the day it was recorded, would then precede the meeting.
      await refused(
        () => correct({ stream: convened.stream, correctedEventId: convened.id, changes: { date: '2099-06-10' } }, officer),
        422,
        'meeting-not-yet-held',
      );
      // A meeting still to come is scheduled (issue 19), no longer refused as meeting-in-future.
      await post('/meetings', { ...meeting, meetingId: 'cwp-2099', date: '2099-01-01' }, officer).expect(201);
    });

    it('refuses a corrected source without a title', async () => {
      const convened = await eventOf('meeting-cwp-2021-06', 'MeetingConvened');
      await refused(
        () => correct({ stream: convened.stream, correctedEventId: convened.id, changes: { source: { title: '' } } }, officer),
        400,
        'invalid-field',
      );
    });

    it('re-judges the facts after the corrected one: attendance cannot be withdrawn from under the votes it allowed', async () => {
      await vote('chair', 'for').expect(201);
      const attendance = await eventOf('meeting-cwp-2021-06', 'AttendanceRecorded');
      await refused(
        () => correct({ stream: attendance.stream, correctedEventId: attendance.id, withdrawn: true }, officer),
        422,
        'not-present',
      );
    });

    it('refuses values of the wrong kind or size on a body, and a membership ending before it began', async () => {
      const established = await eventOf('body-nhs-cheshire-ccg', 'BodyEstablished');
      const at = { stream: established.stream, correctedEventId: established.id };
      await refused(() => correct({ ...at, changes: { kind: 'bogus-kind' } }), 400, 'invalid-field');
      await refused(() => correct({ ...at, changes: { areas: [{}] } }), 400, 'invalid-field');
      await refused(() => correct({ ...at, changes: { name: 'x'.repeat(90_000) } }), 400, 'invalid-field');
      const appointed = await eventOf('body-cheshire-place-committee', 'MemberAppointed');
      const membership = { stream: appointed.stream, correctedEventId: appointed.id };
      await refused(() => correct({ ...membership, changes: { member: { person: 5 } } }), 400, 'invalid-field');
      await refused(() => correct({ ...membership, changes: { to: '2019-01-01' } }), 422, 'interval-order');
    });
  });

  describe('the command routes refuse what no declaration takes', () => {
    it('refuses a body that is not an object, and an id the route gives sent in the body too', async () => {
      const array = () => ledger.http().post('/bodies').set('Authorization', ledger.keys.admin).send([ccg]);
      await refused(array, 400, 'invalid-field');
      const rename = { bodyId: 'nhs-west-cheshire-ccg', name: 'Renamed', effective: '2021-01-01', source };
      await ledger.expectNothingWritten(async () => {
        const answer = await post('/bodies/nhs-cheshire-ccg/renamings', rename);
        expect({ status: answer.status, rule: answer.body.rule, field: answer.body.field }).toEqual({
          status: 400,
          rule: 'invalid-field',
          field: 'bodyId',
        });
      });
    });

    it('refuses a key that may never record before looking at its body', async () => {
      await refused(() => post('/meetings', { not: 'a meeting' }, ledger.keys.auditor), 403, 'role-not-allowed');
    });
  });

  describe('a correction needs the authority the fact needed', () => {
    it("refuses an officer's correction of an admin-only fact, so a CCG cannot be made an ICB", async () => {
      const established = await eventOf('body-nhs-cheshire-ccg', 'BodyEstablished');
      const asIcb = { stream: established.stream, correctedEventId: established.id, changes: { kind: 'icb', name: 'NHS Cheshire ICB' } };
      await refused(() => correct(asIcb, ledger.keys.officerFor('nhs-cheshire-ccg')), 403, 'role-not-allowed');
      const icbs = await ledger.http().get('/bodies?kind=icb&at=2021-06-01').expect(200);
      expect(JSON.stringify(icbs.body)).not.toContain('nhs-cheshire-ccg');
    });
  });

  describe('a decision rests on the streams it read', () => {
    const bodyStream = 'body-cheshire-place-committee';
    const meetingStream = 'meeting-cwp-2021-06';
    const membershipEvent = async (membershipId: string) =>
      (await events(bodyStream)).find((event) => (event.data as { membershipId?: string }).membershipId === membershipId)!;
    /**
     * Every append to the meeting's stream, counted; before the first `times` of them, `meanwhile` writes to
     * the committee's stream, as another writer would between the decision's read and its append.
     */
    const interleave = (times: number, meanwhile: (revision: number, attempt: number) => Promise<unknown>) => {
      const store = ledger.app.get(EVENT_STORE) as EventStore;
      const append = store.append.bind(store);
      const attempts = { meeting: 0 };
      jest.spyOn(store, 'append').mockImplementation(async (stream, newEvents, expected, options) => {
        if (stream === meetingStream && attempts.meeting++ < times) {
          await meanwhile((await store.readStream(bodyStream)).length - 1, attempts.meeting);
        }
        return append(stream, newEvents, expected, options);
      });
      return attempts;
    };
    const appointedMeanwhile = (revision: number, attempt: number) =>
      membershipEvent('nurse').then((nurse) =>
        (ledger.app.get(EVENT_STORE) as EventStore).append(
          bodyStream,
          [
            {
              id: `appointed-meanwhile-${attempt}`,
              type: 'MemberAppointed',
              data: { ...(nurse.data as object), membershipId: `co-opted-${attempt}` },
            },
          ],
          revision,
        ),
      );
    afterEach(() => jest.restoreAllMocks());

    describe('with retries off (LEDGER_READ_CONDITION_RETRIES=0)', () => {
      // Before the outer beforeEach starts the ledger, which reads its configuration then.
      beforeAll(() => (process.env.LEDGER_READ_CONDITION_RETRIES = '0'));
      afterAll(() => delete process.env.LEDGER_READ_CONDITION_RETRIES);

      it('refuses a vote when a membership it read changed between reading and appending (409), writing nothing', async () => {
        const store = ledger.app.get(EVENT_STORE) as EventStore;
        const append = store.append.bind(store);
        let interleaved = false;
        jest.spyOn(store, 'append').mockImplementation(async (stream, newEvents, expected, options) => {
          if (!interleaved && stream === 'meeting-cwp-2021-06') {
            interleaved = true;
            const revision = (await store.readStream(bodyStream)).length - 1;
            const appointed = (await store.readStream(bodyStream)).find(
              (event) => event.data && (event.data as { membershipId?: string }).membershipId === 'gp',
            )!;
            await append(
              bodyStream,
              [{ id: 'concurrent-end', type: 'MembershipEnded', data: { ...(appointed.data as object), to: '2021-05-01' } }],
              revision,
            );
          }
          return append(stream, newEvents, expected, options);
        });
        const before = (await events('meeting-cwp-2021-06')).length;
        const answer = await vote('gp', 'for');
        expect({ status: answer.status, rule: answer.body.rule, stream: answer.body.stream }).toEqual({
          status: 409,
          rule: 'expected-revision',
          stream: bodyStream,
        });
        expect(await events('meeting-cwp-2021-06')).toHaveLength(before);
        jest.restoreAllMocks();
      });
    });

    it('decides a vote again when a member was appointed to its body meanwhile, and records it once', async () => {
      const attempts = interleave(1, appointedMeanwhile);
      const answer = await vote('gp', 'for');
      expect(answer.status).toBe(201);
      // Refused once (the committee's stream had moved), decided again on it as it stood, and appended.
      expect(attempts.meeting).toBe(2);
      const votes = (await events(meetingStream)).filter((event) => event.type === 'VoteCast');
      expect(votes.map((event) => (event.data as { membershipId: string }).membershipId)).toEqual(['gp']);
      expect((await events(bodyStream)).map((event) => event.id)).toContain('appointed-meanwhile-1');
    });

    it("decides a vote again when the voter's membership ended meanwhile, and refuses it by the rule, writing nothing", async () => {
      const ended = interleave(1, async (revision) => {
        const gp = await membershipEvent('gp');
        const store = ledger.app.get(EVENT_STORE) as EventStore;
        await store.append(
          bodyStream,
          [{ id: 'ended-meanwhile', type: 'MembershipEnded', data: { ...(gp.data as object), to: '2021-05-01' } }],
          revision,
        );
      });
      const before = await events(meetingStream);
      const answer = await vote('gp', 'for');
      expect({ status: answer.status, rule: answer.body.rule }).toEqual({ status: 422, rule: 'not-a-member' });
      expect(ended.meeting).toBe(1);
      expect(await events(meetingStream)).toEqual(before);
    });

    it('answers 409 expected-revision, writing nothing, once the streams it read have moved at every one of its tries', async () => {
      const retries = ledger.app.get<ConfigType<typeof ledgerConfig>>(ledgerConfig.KEY).readConditionRetries;
      expect(retries).toBeGreaterThan(0);
      const attempts = interleave(Infinity, appointedMeanwhile);
      const before = await events(meetingStream);
      const answer = await vote('gp', 'for');
      expect({ status: answer.status, rule: answer.body.rule, stream: answer.body.stream }).toEqual({
        status: 409,
        rule: 'expected-revision',
        stream: bodyStream,
      });
      expect(attempts.meeting).toBe(1 + retries);
      expect(await events(meetingStream)).toEqual(before);
    });
  });
});
