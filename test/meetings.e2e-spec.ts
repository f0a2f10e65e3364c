import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { LedgerTestApp, startLedger } from './ledger-test-app';

const source = { title: 'Northwich Guardian, Sept 2019', illustrative: true };

const ccg = (bodyId: string, name: string, areas: string[]) => ({ bodyId, kind: 'ccg', name, areas, effective: '2013-04-01', source });
const committee = (bodyId: string, parentBodyId: string) => ({
  bodyId,
  kind: 'committee',
  name: `${parentBodyId} governing body`,
  parentBodyId,
  areas: [],
  effective: '2013-04-01',
  source,
});
const BODIES = [
  ccg('nhs-eastern-cheshire-ccg', 'NHS Eastern Cheshire CCG', ['eastern-cheshire']),
  ccg('nhs-vale-royal-ccg', 'NHS Vale Royal CCG', ['vale-royal']),
  committee('ec-governing-body', 'nhs-eastern-cheshire-ccg'),
  committee('vr-governing-body', 'nhs-vale-royal-ccg'),
  {
    bodyId: 'cheshire-east-council',
    kind: 'local-authority',
    name: 'Cheshire East Council',
    areas: ['eastern-cheshire', 'south-cheshire'],
    effective: '2009-04-01',
    source,
  },
  {
    bodyId: 'cheshire-jcc',
    kind: 'joint-committee',
    name: 'Cheshire Joint Commissioning Committee',
    areas: ['eastern-cheshire', 'vale-royal'],
    effective: '2017-09-01',
    source,
  },
  {
    bodyId: 'wirral-executive-group',
    kind: 'advisory-group',
    name: 'Joint Health and Care Commissioning Executive Group',
    areas: ['wirral'],
    effective: '2020-04-01',
    source,
  },
];
/** [bodyId, membershipId, voting, onBehalfOfBodyId?] */
const MEMBERS: [string, string, boolean, string?][] = [
  ['ec-governing-body', 'ec-chair', true],
  ['ec-governing-body', 'ec-gp', true],
  ['vr-governing-body', 'vr-chair', true],
  ['vr-governing-body', 'vr-gp', true],
  ['cheshire-jcc', 'jcc-ec-ccg', true, 'nhs-eastern-cheshire-ccg'],
  ['cheshire-jcc', 'jcc-vr-ccg', true, 'nhs-vale-royal-ccg'],
  ['cheshire-jcc', 'jcc-cheshire-east-council', false, 'cheshire-east-council'],
  ['wirral-executive-group', 'weg-chair', true],
];

const IN_COMMON = '/meetings/cheshire-gbs-2019-09';
const JOINT = '/meetings/cheshire-jcc-2017-09';
const inCommonMeeting = {
  meetingId: 'cheshire-gbs-2019-09',
  date: '2019-09-24',
  bodies: [
    { bodyId: 'ec-governing-body', quorum: 2 },
    { bodyId: 'vr-governing-body', quorum: 2 },
  ],
  inCommon: true,
  location: 'Middlewich',
  source,
};
const jointMeeting = { meetingId: 'cheshire-jcc-2017-09', date: '2017-09-28', bodies: [{ bodyId: 'cheshire-jcc', quorum: 2 }], source };
const mergerItem = {
  itemId: 'merger',
  title: 'Merger of the Cheshire CCGs',
  text: 'Results of the practice ballot',
  functions: [],
  areas: ['eastern-cheshire', 'vale-royal'],
  source,
};
const chsItem = {
  itemId: 'chs',
  title: 'Community health services',
  text: 'Recommission',
  functions: ['community-health-services'],
  areas: ['eastern-cheshire'],
  source,
};
const tenderItem = {
  ...chsItem,
  itemId: 'tender',
  confidential: {
    paragraph: 3,
    publicInterestReason: 'tender prices are commercially sensitive',
    publicSummary: 'Award of the community services contract',
  },
};

describe('meetings: recording over HTTP', () => {
  let ledger: LedgerTestApp;
  let events: (stream: string) => Promise<{ type: string; data: Record<string, unknown> }[]>;

  const post = (path: string, body: object, key = ledger.keys.admin) => ledger.http().post(path).set('Authorization', key).send(body);

  /** Posts and expects success: the setup every scenario builds on. */
  const given = async (...steps: [string, object][]) => {
    for (const [path, body] of steps) await post(path, body).expect(201);
  };

  beforeEach(async () => {
    ledger = await startLedger();
    const store = ledger.app.get(EVENT_STORE) as EventStore;
    events = async (stream) => (await store.readStream(stream)).map(({ type, data }) => ({ type, data: data as Record<string, unknown> }));
    for (const body of BODIES) await post('/bodies', body).expect(201);
    for (const [bodyId, membershipId, voting, onBehalfOfBodyId] of MEMBERS) {
      const from = BODIES.find((body) => body.bodyId === bodyId)!.effective;
      await post(`/bodies/${bodyId}/memberships`, {
        membershipId,
        member: { seat: membershipId },
        role: 'member',
        voting,
        onBehalfOfBodyId,
        from,
        source,
      }).expect(201);
    }
  });
  afterEach(() => ledger.close());

  /** Refused, naming the rule, with nothing written. */
  const refused = (path: string, body: object, status: number, rule: string, key?: string) =>
    ledger.expectNothingWritten(async () => {
      const response = await post(path, body, key).expect(status);
      expect(response.body.rule).toBe(rule);
    });

  describe('committees in common: one decision per committee', () => {
    it('records the meeting, and each committee’s decision from its own votes and quorum', async () => {
      const convened = await post('/meetings', inCommonMeeting).expect(201);
      expect(convened.body).toMatchObject({ stream: 'meeting-cheshire-gbs-2019-09', revision: 0, events: [{ type: 'MeetingConvened' }] });
      await given(
        [`${IN_COMMON}/items`, mergerItem],
        [`${IN_COMMON}/attendance`, { present: ['ec-chair', 'ec-gp', 'vr-chair', 'vr-gp'], source }],
        [`${IN_COMMON}/items/merger/votes`, { membershipId: 'ec-chair', vote: 'for', source }],
        [`${IN_COMMON}/items/merger/votes`, { membershipId: 'ec-gp', vote: 'for', source }],
        [`${IN_COMMON}/items/merger/votes`, { membershipId: 'vr-chair', vote: 'against', source }],
        [`${IN_COMMON}/items/merger/votes`, { membershipId: 'vr-gp', vote: 'abstain', source }],
      );
      const carried = await post(`${IN_COMMON}/items/merger/decisions`, {
        bodyId: 'ec-governing-body',
        outcome: 'carried',
        resolution: 'Apply to merge',
        source,
      }).expect(201);
      expect(carried.body.events).toEqual([{ id: expect.any(String), type: 'DecisionRecorded' }]);
      await post(`${IN_COMMON}/items/merger/decisions`, {
        bodyId: 'vr-governing-body',
        outcome: 'defeated',
        resolution: 'Apply to merge',
        source,
      }).expect(201);

      const decisions = (await events('meeting-cheshire-gbs-2019-09')).filter((event) => event.type === 'DecisionRecorded');
      expect(decisions.map((event) => event.data)).toEqual([
        expect.objectContaining({
          bodyId: 'ec-governing-body',
          outcome: 'carried',
          counts: { for: 2, against: 0, abstain: 0, abstainedNoVoteCast: 0 },
          countsFrom: 'votes',
          quorum: { required: 2, present: 2, quorate: true },
        }),
        expect.objectContaining({
          bodyId: 'vr-governing-body',
          outcome: 'defeated',
          counts: { for: 0, against: 1, abstain: 1, abstainedNoVoteCast: 0 },
          countsFrom: 'votes',
          quorum: { required: 2, present: 2, quorate: true },
        }),
      ]);
      const votes = (await events('meeting-cheshire-gbs-2019-09')).filter((event) => event.type === 'VoteCast');
      expect(votes.map((event) => [event.data.membershipId, event.data.bodyId])).toEqual([
        ['ec-chair', 'ec-governing-body'],
        ['ec-gp', 'ec-governing-body'],
        ['vr-chair', 'vr-governing-body'],
        ['vr-gp', 'vr-governing-body'],
      ]);
    });

    it('records a ballot tally as entered counts where no individual votes exist', async () => {
      await given(['/meetings', inCommonMeeting], [`${IN_COMMON}/items`, mergerItem]);
      await post(`${IN_COMMON}/items/merger/decisions`, {
        bodyId: 'vr-governing-body',
        outcome: 'carried',
        resolution: 'Practices support the merger',
        counts: { for: 7, against: 4, abstain: 0 },
        source,
      }).expect(201);
      const [decision] = (await events('meeting-cheshire-gbs-2019-09')).filter((event) => event.type === 'DecisionRecorded');
      expect(decision.data).toMatchObject({
        counts: { for: 7, against: 4, abstain: 0 },
        countsFrom: 'entered',
        quorum: { required: 2, present: 0, quorate: false },
      });
    });

    it('409 for a second meeting with the same id; 404 for an unknown body; 422 for a body not yet in existence', async () => {
      await given(['/meetings', inCommonMeeting]);
      await refused('/meetings', inCommonMeeting, 409, 'already-recorded');
      await refused('/meetings', { ...jointMeeting, meetingId: 'x', bodies: [{ bodyId: 'nowhere', quorum: 1 }] }, 404, 'unknown-reference');
      await refused('/meetings', { ...jointMeeting, date: '2017-08-01' }, 422, 'body-not-in-existence');
    });

    it('422 for several bodies not marked in common', () =>
      refused('/meetings', { ...inCommonMeeting, inCommon: false }, 422, 'meeting-in-common'));

    it('422 for a decision without bodyId, or for a body not in the meeting', async () => {
      await given(['/meetings', inCommonMeeting], [`${IN_COMMON}/items`, mergerItem]);
      await refused(
        `${IN_COMMON}/items/merger/decisions`,
        { outcome: 'carried', resolution: 'Merge', source },
        422,
        'decision-per-committee',
      );
      await refused(
        `${IN_COMMON}/items/merger/decisions`,
        { bodyId: 'cheshire-jcc', outcome: 'carried', resolution: 'Merge', source },
        422,
        'body-not-in-meeting',
      );
    });

    it('409 for a second decision of the same committee, and for a vote after it', async () => {
      await given(
        ['/meetings', inCommonMeeting],
        [`${IN_COMMON}/items`, mergerItem],
        [`${IN_COMMON}/attendance`, { present: ['ec-chair', 'ec-gp'], source }],
        [`${IN_COMMON}/items/merger/decisions`, { bodyId: 'ec-governing-body', outcome: 'deferred', resolution: 'Deferred', source }],
      );
      await refused(
        `${IN_COMMON}/items/merger/decisions`,
        { bodyId: 'ec-governing-body', outcome: 'carried', resolution: 'Merge', source },
        409,
        'item-decided',
      );
      await refused(`${IN_COMMON}/items/merger/votes`, { membershipId: 'ec-chair', vote: 'for', source }, 409, 'item-decided');
    });

    it('422 for entered counts where the committee voted individually', async () => {
      await given(
        ['/meetings', inCommonMeeting],
        [`${IN_COMMON}/items`, mergerItem],
        [`${IN_COMMON}/attendance`, { present: ['vr-chair'], source }],
        [`${IN_COMMON}/items/merger/votes`, { membershipId: 'vr-chair', vote: 'for', source }],
      );
      await refused(
        `${IN_COMMON}/items/merger/decisions`,
        { bodyId: 'vr-governing-body', outcome: 'carried', resolution: 'Merge', counts: { for: 7, against: 4, abstain: 0 }, source },
        422,
        'counts-derived-from-votes',
      );
    });
  });

  describe('a joint committee', () => {
    beforeEach(() =>
      given(
        ['/meetings', jointMeeting],
        [`${JOINT}/items`, chsItem],
        [`${JOINT}/attendance`, { present: ['jcc-ec-ccg', 'jcc-vr-ccg', 'jcc-cheshire-east-council'], source }],
      ),
    );

    it('records attendance with the body of each membership', async () => {
      const [, , attendance] = await events('meeting-cheshire-jcc-2017-09');
      expect(attendance).toEqual({
        type: 'AttendanceRecorded',
        data: expect.objectContaining({
          present: ['jcc-ec-ccg', 'jcc-vr-ccg', 'jcc-cheshire-east-council'].map((membershipId) => ({
            membershipId,
            bodyId: 'cheshire-jcc',
          })),
        }),
      });
    });

    it('records a declaration, a motion, votes and a decision whose quorum excludes the conflicted member', async () => {
      await post(`${JOINT}/items/chs/declarations`, {
        membershipId: 'jcc-ec-ccg',
        interest: 'GP partner in a bidding federation',
        action: 'withdrew',
        source,
      }).expect(201);
      await post(`${JOINT}/items/chs/motions`, {
        motionId: 'recommission',
        wording: 'That the committee recommissions',
        mover: 'jcc-vr-ccg',
        seconder: 'jcc-cheshire-east-council',
        source,
      }).expect(201);
      await post(`${JOINT}/items/chs/votes`, { membershipId: 'jcc-vr-ccg', vote: 'for', motionId: 'recommission', source }).expect(201);
      await post(`${JOINT}/items/chs/decisions`, {
        outcome: 'carried',
        resolution: 'Recommission',
        motionId: 'recommission',
        source,
      }).expect(201);
      const recorded = await events('meeting-cheshire-jcc-2017-09');
      expect(recorded.map((event) => event.type)).toEqual([
        'MeetingConvened',
        'AgendaItemAdded',
        'AttendanceRecorded',
        'InterestDeclared',
        'MotionProposed',
        'VoteCast',
        'DecisionRecorded',
      ]);
      expect(recorded[6].data).toMatchObject({
        bodyId: 'cheshire-jcc',
        motionId: 'recommission',
        counts: { for: 1, against: 0, abstain: 0 },
        quorum: { required: 2, present: 1, quorate: false },
      });
    });

    it('422 for a vote of the non-voting local-authority member', () =>
      refused(`${JOINT}/items/chs/votes`, { membershipId: 'jcc-cheshire-east-council', vote: 'for', source }, 422, 'non-voting-member'));

    it('404 for a vote by someone who is no member of the committee', () =>
      refused(`${JOINT}/items/chs/votes`, { membershipId: 'ec-chair', vote: 'for', source }, 404, 'unknown-reference'));

    it('422 for a vote by a member who withdrew; 409 for a second vote', async () => {
      await given(
        [`${JOINT}/items/chs/declarations`, { membershipId: 'jcc-ec-ccg', interest: 'GP partner', action: 'remained-no-vote', source }],
        [`${JOINT}/items/chs/votes`, { membershipId: 'jcc-vr-ccg', vote: 'for', source }],
      );
      await refused(`${JOINT}/items/chs/votes`, { membershipId: 'jcc-ec-ccg', vote: 'for', source }, 422, 'conflicted-member');
      await refused(`${JOINT}/items/chs/votes`, { membershipId: 'jcc-vr-ccg', vote: 'against', source }, 409, 'already-voted');
    });

    it('409 for an interest barring a vote declared after the vote', async () => {
      await given([`${JOINT}/items/chs/votes`, { membershipId: 'jcc-vr-ccg', vote: 'for', source }]);
      await refused(
        `${JOINT}/items/chs/declarations`,
        { membershipId: 'jcc-vr-ccg', interest: 'x', action: 'withdrew', source },
        409,
        'declared-after-vote',
      );
    });

    it('422 for a motion seconded by its mover; 404 for a vote on an unknown motion; 409 for a motion twice', async () => {
      const motion = { motionId: 'm1', wording: 'That…', mover: 'jcc-vr-ccg', seconder: 'jcc-ec-ccg', source };
      await refused(`${JOINT}/items/chs/motions`, { ...motion, seconder: 'jcc-vr-ccg' }, 422, 'seconder-is-mover');
      await refused(
        `${JOINT}/items/chs/votes`,
        { membershipId: 'jcc-vr-ccg', vote: 'for', motionId: 'm1', source },
        404,
        'unknown-reference',
      );
      await given([`${JOINT}/items/chs/motions`, motion]);
      await refused(`${JOINT}/items/chs/motions`, motion, 409, 'already-recorded');
    });

    it('409 for an item added twice, 409 for attendance contradicting the record, 404 for an unknown item or meeting', async () => {
      await refused(`${JOINT}/items`, chsItem, 409, 'already-recorded');
      await refused(`${JOINT}/attendance`, { present: [], apologies: ['jcc-ec-ccg'], source }, 409, 'attendance-contradicts');
      await refused(`${JOINT}/items/nothing/votes`, { membershipId: 'jcc-vr-ccg', vote: 'for', source }, 404, 'unknown-reference');
      await refused('/meetings/nowhere/items', chsItem, 404, 'unknown-reference');
    });

    it('422 for a vote by a member not recorded as present', async () => {
      await given(
        [`/meetings`, { ...jointMeeting, meetingId: 'cheshire-jcc-2017-10', date: '2017-10-26' }],
        ['/meetings/cheshire-jcc-2017-10/items', chsItem],
      );
      await refused(
        '/meetings/cheshire-jcc-2017-10/items/chs/votes',
        { membershipId: 'jcc-vr-ccg', vote: 'for', source },
        422,
        'not-present',
      );
    });

    it('404 for attendance of an unknown membership', () =>
      refused(`${JOINT}/attendance`, { present: ['nobody'], source }, 404, 'unknown-reference'));
  });

  describe('an advisory group', () => {
    const meeting = { meetingId: 'weg-2020-10', date: '2020-10-01', bodies: [{ bodyId: 'wirral-executive-group', quorum: 1 }], source };
    const bcf = {
      itemId: 'bcf',
      title: 'Better Care Fund plan',
      text: 'Plan for 2020/21',
      functions: ['better-care-fund'],
      areas: ['wirral'],
      source,
    };

    it('422 for a binding decision; it may refer back', async () => {
      await given(['/meetings', meeting], ['/meetings/weg-2020-10/items', bcf]);
      await refused(
        '/meetings/weg-2020-10/items/bcf/decisions',
        { outcome: 'carried', resolution: 'Approve', source },
        422,
        'advisory-group-recommends',
      );
      await post('/meetings/weg-2020-10/items/bcf/decisions', { outcome: 'referred-back', resolution: 'More work', source }).expect(201);
    });
  });

  describe('confidential items, minutes and call-ins', () => {
    beforeEach(() => given(['/meetings', jointMeeting], [`${JOINT}/items`, tenderItem], [`${JOINT}/items`, chsItem]));

    it('lifts confidentiality once; 409 twice; 422 for an item never confidential or a date before the meeting', async () => {
      await refused(
        `${JOINT}/items/tender/confidentiality-lifted`,
        { effective: '2017-01-01', reason: 'signed', source },
        422,
        'before-meeting',
      );
      await refused(
        `${JOINT}/items/chs/confidentiality-lifted`,
        { effective: '2018-04-01', reason: 'signed', source },
        422,
        'item-not-confidential',
      );
      await post(`${JOINT}/items/tender/confidentiality-lifted`, { effective: '2018-04-01', reason: 'contract signed', source }).expect(
        201,
      );
      await refused(
        `${JOINT}/items/tender/confidentiality-lifted`,
        { effective: '2018-05-01', reason: 'again', source },
        409,
        'confidentiality-already-lifted',
      );
      const [, tender] = await events('meeting-cheshire-jcc-2017-09');
      expect(tender.data.confidential).toEqual(tenderItem.confidential);
    });

    it('400 for a Schedule 12A paragraph outside 1–7', () =>
      ledger.expectNothingWritten(async () => {
        const response = await post(`${JOINT}/items`, {
          ...tenderItem,
          itemId: 'other',
          confidential: { ...tenderItem.confidential, paragraph: 8 },
        }).expect(400);
        expect(JSON.stringify(response.body.message)).toMatch(/paragraph must be one of/);
      }));

    it('approves the minutes of an earlier meeting at a later one; 422 for a meeting not earlier; 404 for an unknown one; 409 twice', async () => {
      await given(['/meetings', { ...jointMeeting, meetingId: 'cheshire-jcc-2017-10', date: '2017-10-26' }]);
      const approval = {
        minutesOfMeetingId: 'cheshire-jcc-2017-09',
        approval: 'subject-to-amendments',
        amendments: ['Healthwatch attended as a standing member'],
        source,
      };
      await refused(
        `${JOINT}/minutes-approvals`,
        { ...approval, minutesOfMeetingId: 'cheshire-jcc-2017-10' },
        422,
        'minutes-of-earlier-meeting',
      );
      await refused(
        '/meetings/cheshire-jcc-2017-10/minutes-approvals',
        { ...approval, minutesOfMeetingId: 'nowhere' },
        404,
        'unknown-reference',
      );
      await refused('/meetings/cheshire-jcc-2017-10/minutes-approvals', { ...approval, amendments: [] }, 422, 'minutes-amendments');
      const approved = await post('/meetings/cheshire-jcc-2017-10/minutes-approvals', approval).expect(201);
      expect(approved.body).toMatchObject({ stream: 'meeting-cheshire-jcc-2017-10', events: [{ type: 'MinutesApproved' }] });
      await refused('/meetings/cheshire-jcc-2017-10/minutes-approvals', approval, 409, 'already-recorded');
    });

    it('calls in a decision and records the result; 404 for a result without call-in; 409 for a second call-in; 422 for a deferral', async () => {
      await given(
        [`${JOINT}/items/chs/decisions`, { outcome: 'agreed-without-vote', resolution: 'Recommission community health services', source }],
        [`${JOINT}/items/tender/decisions`, { outcome: 'deferred', resolution: 'Deferred', source }],
      );
      await refused(
        `${JOINT}/items/chs/call-in-results`,
        { result: 'confirmed', effective: '2017-11-01', source },
        404,
        'unknown-reference',
      );
      await refused(`${JOINT}/items/tender/call-ins`, { effective: '2017-10-02', reason: 'x', source }, 422, 'nothing-to-call-in');
      // The council member sits without a vote: no council decision, so nothing to call in, until the council votes.
      await refused(`${JOINT}/items/chs/call-ins`, { effective: '2017-10-02', reason: 'x', source }, 422, 'call-in-not-applicable');
      await given([
        '/bodies/cheshire-jcc/memberships',
        {
          membershipId: 'jcc-cheshire-east-cabinet',
          member: { seat: 'Cabinet member' },
          role: 'member',
          voting: true,
          onBehalfOfBodyId: 'cheshire-east-council',
          from: '2017-09-01',
          source,
        },
      ]);
      await post(`${JOINT}/items/chs/call-ins`, { effective: '2017-10-02', reason: 'Called in by five members', source }).expect(201);
      await refused(`${JOINT}/items/chs/call-ins`, { effective: '2017-10-03', reason: 'again', source }, 409, 'already-called-in');
      await refused(`${JOINT}/items/chs/call-in-results`, { result: 'confirmed', effective: '2017-10-01', source }, 422, 'before-call-in');
      await post(`${JOINT}/items/chs/call-in-results`, { result: 'referred-to-full-council', effective: '2017-11-01', source }).expect(201);
      await refused(
        `${JOINT}/items/chs/call-in-results`,
        { result: 'confirmed', effective: '2017-12-01', source },
        409,
        'already-recorded',
      );
      const recorded = await events('meeting-cheshire-jcc-2017-09');
      expect(recorded.slice(-2).map((event) => [event.type, event.data.bodyId])).toEqual([
        ['DecisionCalledIn', 'cheshire-jcc'],
        ['CallInResultRecorded', 'cheshire-jcc'],
      ]);
    });
  });

  describe('refuses bad input with a clear error and writes nothing', () => {
    it.each([
      ['an unknown field', '/meetings', { ...jointMeeting, colour: 'blue' }, /property colour should not exist/],
      ['a missing field', '/meetings', { ...jointMeeting, date: undefined }, /date must be a calendar date/],
      ['a wrong type', '/meetings', { ...jointMeeting, bodies: 'cheshire-jcc' }, /bodies must be an array/],
      [
        'a quorum of zero',
        '/meetings',
        { ...jointMeeting, bodies: [{ bodyId: 'cheshire-jcc', quorum: 0 }] },
        /quorum must not be less than 1/,
      ],
      ['no body', '/meetings', { ...jointMeeting, bodies: [] }, /bodies should not be empty/],
      ['an unknown function', `${JOINT}/items`, { ...chsItem, functions: ['parking'] }, /functions must be one of/],
      ['a missing title', `${JOINT}/items`, { ...chsItem, title: undefined }, /title/],
      [
        'an unknown field in confidential',
        `${JOINT}/items`,
        { ...tenderItem, confidential: { ...tenderItem.confidential, secret: 'x' } },
        /property confidential.secret should not exist/,
      ],
      ['attendance not an array', `${JOINT}/attendance`, { present: 'jcc-ec-ccg', source }, /present must be an array/],
      [
        'an unknown interest action',
        `${JOINT}/items/chs/declarations`,
        { membershipId: 'jcc-ec-ccg', interest: 'x', action: 'ignored', source },
        /action must be one of/,
      ],
      ['a motion without seconder', `${JOINT}/items/chs/motions`, { motionId: 'm', wording: 'x', mover: 'jcc-ec-ccg', source }, /seconder/],
      ['an unknown vote', `${JOINT}/items/chs/votes`, { membershipId: 'jcc-ec-ccg', vote: 'yes', source }, /vote must be one of/],
      [
        'negative counts',
        `${JOINT}/items/chs/decisions`,
        { outcome: 'carried', resolution: 'x', counts: { for: -1, against: 0, abstain: 0 }, source },
        /counts.for must not be less than 0/,
      ],
      ['an unknown outcome', `${JOINT}/items/chs/decisions`, { outcome: 'vetoed', resolution: 'x', source }, /outcome must be one of/],
      [
        'an impossible date',
        `${JOINT}/items/chs/confidentiality-lifted`,
        { effective: '2018-02-30', reason: 'x', source },
        /effective must be a calendar date/,
      ],
      [
        'an unknown approval',
        `${JOINT}/minutes-approvals`,
        { minutesOfMeetingId: 'x', approval: 'nodded-through', source },
        /approval must be one of/,
      ],
      ['a call-in without reason', `${JOINT}/items/chs/call-ins`, { effective: '2018-01-01', source }, /reason/],
      [
        'an unknown call-in result',
        `${JOINT}/items/chs/call-in-results`,
        { result: 'vetoed', effective: '2018-01-01', source },
        /result must be one of/,
      ],
      ['a missing source', `${JOINT}/items/chs/votes`, { membershipId: 'jcc-ec-ccg', vote: 'for' }, /source/],
    ])('400 for %s', async (_label, path, body, message) => {
      await ledger.expectNothingWritten(async () => {
        const response = await post(path, body).expect(400);
        expect(JSON.stringify(response.body.message)).toMatch(message);
      });
    });
  });

  describe('who may write', () => {
    it('401 without a key, 403 for an auditor', async () => {
      await ledger.expectNothingWritten(async () => {
        await ledger.http().post('/meetings').send(jointMeeting).expect(401);
        await post('/meetings', jointMeeting, ledger.keys.auditor).expect(403);
      });
    });

    it('lets an officer of a parent body record for its governing body, not for another body', async () => {
      const officer = ledger.keys.officerFor('nhs-vale-royal-ccg');
      const meeting = { meetingId: 'vr-gb-2019-07', date: '2019-07-01', bodies: [{ bodyId: 'vr-governing-body', quorum: 2 }], source };
      await post('/meetings', meeting, officer).expect(201);
      await post('/meetings/vr-gb-2019-07/items', mergerItem, officer).expect(201);
      await ledger.expectNothingWritten(() => post('/meetings', jointMeeting, officer).expect(403));
    });

    it('403 for an officer serving only one of the committees in common, and on an item of a meeting of another body', async () => {
      await given(['/meetings', inCommonMeeting], ['/meetings', jointMeeting]);
      const officer = ledger.keys.officerFor('nhs-vale-royal-ccg');
      await ledger.expectNothingWritten(async () => {
        await post('/meetings', { ...inCommonMeeting, meetingId: 'other' }, officer).expect(403);
        await post(`${IN_COMMON}/items`, mergerItem, officer).expect(403);
        await post(`${JOINT}/items`, chsItem, officer).expect(403);
      });
      await post(`${IN_COMMON}/items`, mergerItem, ledger.keys.officerFor('nhs-vale-royal-ccg', 'nhs-eastern-cheshire-ccg')).expect(201);
    });
  });
});
