import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { evolveRecommendation, fold, jointStatus, MadeRecommendation, RecommendationEvent, RecommendationState } from '@ledger/governance';
import { CommandImport } from '../apps/ledger/src/import/command-import';
import { LedgerTestApp, startLedger } from './ledger-test-app';

const source = { title: 'Wirral report 9 Nov 2020', reference: '§3.3.2.4' };
const illustrative = { ...source, illustrative: true };

const council = {
  bodyId: 'wirral-council',
  kind: 'local-authority',
  name: 'Wirral Council',
  areas: ['wirral'],
  effective: '1974-04-01',
  source,
};
const ccg = {
  bodyId: 'nhs-wirral-ccg',
  kind: 'ccg',
  name: 'NHS Wirral CCG',
  odsCode: '12F',
  areas: ['wirral'],
  effective: '2013-04-01',
  source,
};
const committee = {
  bodyId: 'wirral-ash-committee',
  kind: 'committee',
  name: 'Adult Social Care and Health Committee',
  parentBodyId: 'wirral-council',
  areas: ['wirral'],
  effective: '2020-05-01',
  source,
};
const governingBody = {
  bodyId: 'wirral-ccg-governing-body',
  kind: 'committee',
  name: 'NHS Wirral CCG Governing Body',
  parentBodyId: 'nhs-wirral-ccg',
  areas: ['wirral'],
  effective: '2013-04-01',
  source,
};
// Filed under the council only so that a parent body's officers can be exercised; the group served both.
const executiveGroup = {
  bodyId: 'wirral-jhcc-executive-group',
  kind: 'advisory-group',
  name: 'Joint Health and Care Commissioning Executive Group',
  parentBodyId: 'wirral-council',
  areas: ['wirral'],
  effective: '2020-05-01',
  source: illustrative,
};

const recommendation = {
  recommendationId: 'wirral-bcf-2020-21',
  fromBodyId: executiveGroup.bodyId,
  toBodyIds: [committee.bodyId, governingBody.bodyId],
  title: 'Better Care Fund 2020/21',
  proposal: 'Approve the section 75 pooled fund for 2020/21',
  functions: ['better-care-fund'],
  areas: ['wirral'],
  date: '2020-09-01',
  source: illustrative,
};
const response = (bodyId: string, answer: string, date = '2020-10-06') => ({ bodyId, response: answer, date, source: illustrative });
const revision = { proposal: 'Approve the pooled fund with the risk share set out', date: '2020-11-02', source: illustrative };

describe('recommendations: parallel approval over HTTP', () => {
  let ledger: LedgerTestApp;
  let groupOfficer: string;
  let councilOfficer: string;
  let ccgOfficer: string;

  beforeEach(async () => {
    ledger = await startLedger();
    for (const body of [council, ccg, committee, governingBody, executiveGroup]) {
      await ledger.http().post('/bodies').set('Authorization', ledger.keys.admin).send(body).expect(201);
    }
    groupOfficer = ledger.keys.officerFor(executiveGroup.bodyId);
    councilOfficer = ledger.keys.officerFor(council.bodyId);
    ccgOfficer = ledger.keys.officerFor(ccg.bodyId);
  });
  afterEach(() => ledger.close());

  const make = (body: object, key = groupOfficer) => ledger.http().post('/recommendations').set('Authorization', key).send(body);
  const respond = (body: object, key: string, id = recommendation.recommendationId) =>
    ledger.http().post(`/recommendations/${id}/responses`).set('Authorization', key).send(body);
  const revise = (body: object, key = groupOfficer, id = recommendation.recommendationId) =>
    ledger.http().post(`/recommendations/${id}/revisions`).set('Authorization', key).send(body);
  const status = async () => {
    const events = await (ledger.app.get(EVENT_STORE) as EventStore).readStream(`recommendation-${recommendation.recommendationId}`);
    const state = fold(
      { evolve: evolveRecommendation, initialState: (): RecommendationState => ({ recorded: false }) },
      events as unknown as RecommendationEvent[],
    );
    return jointStatus(state as MadeRecommendation);
  };

  it('goes from recommendation through referral back and revision to approval by every named body', async () => {
    const made = await make(recommendation).expect(201);
    expect(made.body).toMatchObject({ stream: 'recommendation-wirral-bcf-2020-21', revision: 0, events: [{ type: 'RecommendationMade' }] });

    await respond(
      { ...response(committee.bodyId, 'approved'), decision: { meetingId: 'wirral-ash-2020-10-06', itemId: 'item-7' } },
      councilOfficer,
    ).expect(201);
    expect(await status()).toBe('pending');
    await respond(
      { ...response(governingBody.bodyId, 'referred-back', '2020-10-13'), reason: 'set out the risk share' },
      ccgOfficer,
    ).expect(201);
    expect(await status()).toBe('referred-back');

    await revise(revision).expect(201);
    expect(await status()).toBe('pending');
    await respond(response(governingBody.bodyId, 'approved', '2020-11-10'), ccgOfficer).expect(201);
    // The committee's approval in the first round does not count for the revised proposal.
    expect(await status()).toBe('pending');
    await respond(response(committee.bodyId, 'approved', '2020-11-17'), councilOfficer).expect(201);
    expect(await status()).toBe('approved');
  });

  it('imports the same commands from a JSON-lines file, the recommendation id of a response or revision in its data', async () => {
    const line = (command: string, data: object) => JSON.stringify({ command, data });
    const id = { recommendationId: recommendation.recommendationId };
    const text = [
      line('MakeRecommendation', recommendation),
      line('RespondToRecommendation', { ...id, ...response(governingBody.bodyId, 'referred-back') }),
      line('ReviseRecommendation', { ...id, ...revision }),
      line('RespondToRecommendation', { ...id, ...response(governingBody.bodyId, 'approved', '2020-11-10') }),
      line('RespondToRecommendation', { ...id, ...response(committee.bodyId, 'approved', '2020-11-17') }),
    ].join('\n');
    await expect(ledger.app.get(CommandImport).importText(text)).resolves.toEqual({ recorded: 5, skipped: 0 });
    expect(await status()).toBe('approved');
  });

  it("lets the officers of the advisory group's parent body make the recommendation", async () => {
    await make(recommendation, councilOfficer).expect(201);
  });

  describe('refuses bad input with a clear error and writes nothing', () => {
    it.each([
      ['an unknown field', { ...recommendation, colour: 'blue' }, /property colour should not exist/],
      ['a missing field', { ...recommendation, proposal: undefined }, /proposal/],
      ['a wrong type', { ...recommendation, toBodyIds: 'wirral-ash-committee' }, /toBodyIds must be an array/],
      [
        'a body id that is not an identifier',
        { ...recommendation, toBodyIds: ['Wirral ASH', governingBody.bodyId] },
        /lower-case identifier/,
      ],
      ['an unknown function', { ...recommendation, functions: ['roads'] }, /functions/],
      ['an impossible date', { ...recommendation, date: '2020-09-31' }, /date must be a calendar date/],
      ['a missing source', { ...recommendation, source: undefined }, /source/],
    ])('400 for a recommendation with %s', async (_label, body, message) => {
      await ledger.expectNothingWritten(async () => {
        const answer = await make(body, ledger.keys.admin).expect(400);
        expect(JSON.stringify(answer.body.message)).toMatch(message);
      });
    });

    it.each([
      ['an unknown response', { ...response(committee.bodyId, 'noted') }, /response must be one of/],
      [
        'an unknown field in the decision reference',
        { ...response(committee.bodyId, 'approved'), decision: { meetingId: 'm', itemId: 'i', minute: 3 } },
        /minute should not exist/,
      ],
      ['a decision reference without its item', { ...response(committee.bodyId, 'approved'), decision: { meetingId: 'm' } }, /itemId/],
      ['a missing date', { ...response(committee.bodyId, 'approved'), date: undefined }, /date/],
    ])('400 for a response with %s', async (_label, body, message) => {
      await make(recommendation).expect(201);
      await ledger.expectNothingWritten(async () => {
        const answer = await respond(body, ledger.keys.admin).expect(400);
        expect(JSON.stringify(answer.body.message)).toMatch(message);
      });
    });

    it('400 for a revision with an empty proposal', async () => {
      await ledger.expectNothingWritten(async () => {
        const answer = await revise({ ...revision, proposal: '' }, ledger.keys.admin).expect(400);
        expect(JSON.stringify(answer.body.message)).toMatch(/proposal should not be empty/);
      });
    });
  });

  describe('refuses what the domain rules forbid, naming the rule, and writes nothing', () => {
    const refusedRecommendation = async (body: object, status: number, rule: string) => {
      await ledger.expectNothingWritten(async () => {
        const answer = await make(body, ledger.keys.admin).expect(status);
        expect(answer.body.rule).toBe(rule);
      });
    };

    it('409 for the same recommendation twice', async () => {
      await make(recommendation).expect(201);
      await refusedRecommendation(recommendation, 409, 'already-recorded');
    });
    it('422 for a recommendation from a body that is not an advisory group', () =>
      refusedRecommendation({ ...recommendation, fromBodyId: ccg.bodyId }, 422, 'recommender-not-advisory-group'));
    it('422 for a single body asked to approve', () =>
      refusedRecommendation({ ...recommendation, toBodyIds: [committee.bodyId] }, 422, 'parallel-approval-needs-two-bodies'));
    it('422 for a body named twice', () =>
      refusedRecommendation({ ...recommendation, toBodyIds: [committee.bodyId, committee.bodyId] }, 422, 'approving-bodies-distinct'));
    it('422 for the advisory group asked to approve its own recommendation', () =>
      refusedRecommendation({ ...recommendation, toBodyIds: [committee.bodyId, executiveGroup.bodyId] }, 422, 'recommendation-to-itself'));
    it('404 for an unknown body asked to approve', () =>
      refusedRecommendation({ ...recommendation, toBodyIds: [committee.bodyId, 'nowhere'] }, 404, 'unknown-reference'));
    it('404 for an unknown advisory group', () =>
      refusedRecommendation({ ...recommendation, fromBodyId: 'nowhere' }, 404, 'unknown-reference'));
    it('422 for another advisory group asked to approve', async () => {
      await ledger
        .http()
        .post('/bodies')
        .set('Authorization', ledger.keys.admin)
        .send({ ...executiveGroup, bodyId: 'other-advisory-group' })
        .expect(201);
      await refusedRecommendation(
        { ...recommendation, toBodyIds: [committee.bodyId, 'other-advisory-group'] },
        422,
        'approver-has-no-decision-powers',
      );
    });
    it('422 for a date before the committee existed', () =>
      refusedRecommendation({ ...recommendation, date: '2020-04-30' }, 422, 'body-not-in-existence'));

    describe('responses', () => {
      const refusedResponse = async (body: object, status: number, rule: string, id?: string) => {
        await ledger.expectNothingWritten(async () => {
          const answer = await respond(body, ledger.keys.admin, id).expect(status);
          expect(answer.body.rule).toBe(rule);
        });
      };
      beforeEach(() => make(recommendation).expect(201));

      it('404 for an unknown recommendation', () =>
        refusedResponse(response(committee.bodyId, 'approved'), 404, 'unknown-reference', 'nowhere'));
      it('422 for a body the recommendation did not go to', () =>
        refusedResponse(response(council.bodyId, 'approved'), 422, 'not-asked-to-approve'));
      it('422 for a response dated before the recommendation', () =>
        refusedResponse(response(committee.bodyId, 'approved', '2020-08-31'), 422, 'response-before-recommendation'));
      it('409 for a second response from the same body in the same round', async () => {
        await respond(response(committee.bodyId, 'approved'), councilOfficer).expect(201);
        await refusedResponse(response(committee.bodyId, 'rejected', '2020-10-20'), 409, 'already-responded');
      });
      it('409 for any response once the proposal is rejected', async () => {
        await respond(response(committee.bodyId, 'rejected'), councilOfficer).expect(201);
        await refusedResponse(response(governingBody.bodyId, 'approved'), 409, 'recommendation-rejected');
      });
    });

    describe('revisions', () => {
      const refusedRevision = async (body: object, status: number, rule: string, id?: string) => {
        await ledger.expectNothingWritten(async () => {
          const answer = await revise(body, ledger.keys.admin, id).expect(status);
          expect(answer.body.rule).toBe(rule);
        });
      };

      it('404 for an unknown recommendation', () => refusedRevision(revision, 404, 'unknown-reference', 'nowhere'));
      it('409 for a revision that no body referred back', async () => {
        await make(recommendation).expect(201);
        await respond(response(committee.bodyId, 'approved'), councilOfficer).expect(201);
        await refusedRevision(revision, 409, 'revision-needs-referral-back');
      });
      it('409 for a revision of a rejected proposal', async () => {
        await make(recommendation).expect(201);
        await respond(response(committee.bodyId, 'referred-back'), councilOfficer).expect(201);
        await respond(response(governingBody.bodyId, 'rejected'), ccgOfficer).expect(201);
        await refusedRevision(revision, 409, 'revision-needs-referral-back');
      });
      it('422 for a revision dated before the referral back', async () => {
        await make(recommendation).expect(201);
        await respond(response(committee.bodyId, 'referred-back', '2020-10-06'), councilOfficer).expect(201);
        await refusedRevision({ ...revision, date: '2020-10-05' }, 422, 'revision-before-referral-back');
      });
    });
  });

  describe('who may write', () => {
    it('401 without a key, for each route', async () => {
      await make(recommendation).expect(201);
      await ledger.expectNothingWritten(async () => {
        await ledger
          .http()
          .post('/recommendations')
          .send({ ...recommendation, recommendationId: 'other' })
          .expect(401);
        await ledger.http().post('/recommendations/wirral-bcf-2020-21/responses').send(response(committee.bodyId, 'approved')).expect(401);
        await ledger.http().post('/recommendations/wirral-bcf-2020-21/revisions').send(revision).expect(401);
      });
    });

    it('403 for an auditor, for each route', async () => {
      await make(recommendation).expect(201);
      await ledger.expectNothingWritten(async () => {
        await make({ ...recommendation, recommendationId: 'other' }, ledger.keys.auditor).expect(403);
        await respond(response(committee.bodyId, 'approved'), ledger.keys.auditor).expect(403);
        await revise(revision, ledger.keys.auditor).expect(403);
      });
    });

    it('403 for an officer of a body that is not the advisory group nor above it', async () => {
      await ledger.expectNothingWritten(() => make(recommendation, ccgOfficer).expect(403));
    });

    it('403 for an officer responding for another body: one body never answers for the other', async () => {
      await make(recommendation).expect(201);
      await ledger.expectNothingWritten(async () => {
        await respond(response(governingBody.bodyId, 'approved'), councilOfficer).expect(403);
        await respond(response(committee.bodyId, 'approved'), ccgOfficer).expect(403);
        await respond(response(committee.bodyId, 'approved'), groupOfficer).expect(403);
      });
    });

    it("403 for a revision by an officer of one of the approving bodies rather than the group's", async () => {
      await make(recommendation).expect(201);
      await respond(response(governingBody.bodyId, 'referred-back'), ccgOfficer).expect(201);
      await ledger.expectNothingWritten(() => revise(revision, ccgOfficer).expect(403));
    });
  });
});
