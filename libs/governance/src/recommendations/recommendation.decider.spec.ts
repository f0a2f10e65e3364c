import { deciderSpec } from '../../test/decider-spec';
import { EstablishedBody } from '../bodies/body.state';
import { BodyKind } from '../shared/vocabulary';
import { RecommendationCommand } from './recommendation.commands';
import { recommendationDecider } from './recommendation.decider';
import { RecommendationEvent } from './recommendation.events';

const source = { title: 'Wirral report 9 Nov 2020', reference: '§3.3.2.4' };
const spec = deciderSpec(recommendationDecider);

function body(bodyId: string, kind: BodyKind, established = '2013-04-01', dissolved: string | null = null): EstablishedBody {
  const names = [{ name: bodyId, effective: established, citedEvents: [] }];
  return {
    recorded: true,
    bodyId,
    kind,
    name: bodyId,
    areas: ['wirral'],
    established,
    dissolved,
    memberships: {},
    statutoryFunctions: [],
    names,
    lifeEvents: [],
  };
}

const executiveGroup = body('wirral-jhcc-executive-group', 'advisory-group', '2020-06-01');
const committee = body('wirral-ash-committee', 'committee', '2020-06-01');
const governingBody = body('wirral-ccg-governing-body', 'committee', '2013-04-01', '2022-07-01');
const bodies = new Map([executiveGroup, committee, governingBody].map((b) => [b.bodyId, b]));
const context = { bodies };

const make = {
  recommendationId: 'bcf-2020-21',
  fromBodyId: executiveGroup.bodyId,
  toBodyIds: [committee.bodyId, governingBody.bodyId],
  title: 'Better Care Fund 2020/21',
  proposal: 'Approve the section 75 pooled fund for 2020/21',
  functions: ['better-care-fund' as const],
  areas: ['wirral' as const],
  date: '2020-09-01',
  source,
};
const made: RecommendationEvent = { type: 'RecommendationMade', data: make };

const respond = (bodyId: string, response: 'approved' | 'rejected' | 'referred-back', date = '2020-10-01') => ({
  recommendationId: make.recommendationId,
  bodyId,
  response,
  date,
  source,
});
const responded = (bodyId: string, response: 'approved' | 'rejected' | 'referred-back', date?: string): RecommendationEvent => ({
  type: 'BodyRespondedToRecommendation',
  data: respond(bodyId, response, date),
});
const revise = {
  recommendationId: make.recommendationId,
  proposal: 'Approve the pooled fund with a revised risk share',
  date: '2020-11-01',
  source,
};
const revised: RecommendationEvent = { type: 'RecommendationRevised', data: revise };

const makeCommand = (data: Partial<typeof make>): RecommendationCommand => ({ type: 'MakeRecommendation', data: { ...make, ...data } });

describe('recommendation decider', () => {
  describe('MakeRecommendation', () => {
    it('records a recommendation from an advisory group to two bodies', () =>
      spec.given([], context).when({ type: 'MakeRecommendation', data: make }).then([made]));

    it('refuses the same recommendation twice (409)', () =>
      spec.given([made], context).when({ type: 'MakeRecommendation', data: make }).thenThrows('already-recorded', 409));

    it('refuses a malformed date', () =>
      spec
        .given([], context)
        .when(makeCommand({ date: '2020-02-30' }))
        .thenThrows('civil-date', 422));

    it('refuses an unknown advisory group (404)', () =>
      spec
        .given([], context)
        .when(makeCommand({ fromBodyId: 'nowhere' }))
        .thenThrows('unknown-reference', 404));

    it('refuses a recommendation from a body that is not an advisory group', () =>
      spec
        .given([], context)
        .when(makeCommand({ fromBodyId: governingBody.bodyId, toBodyIds: [committee.bodyId, executiveGroup.bodyId] }))
        .thenThrows('recommender-not-advisory-group', 422));

    it('refuses fewer than two bodies for parallel approval', () =>
      spec
        .given([], context)
        .when(makeCommand({ toBodyIds: [committee.bodyId] }))
        .thenThrows('parallel-approval-needs-two-bodies', 422));

    it('refuses a body named twice', () =>
      spec
        .given([], context)
        .when(makeCommand({ toBodyIds: [committee.bodyId, committee.bodyId] }))
        .thenThrows('approving-bodies-distinct', 422));

    it('refuses the advisory group as one of its own approvers', () =>
      spec
        .given([], context)
        .when(makeCommand({ toBodyIds: [committee.bodyId, executiveGroup.bodyId] }))
        .thenThrows('recommendation-to-itself', 422));

    it('refuses an unknown approving body (404)', () =>
      spec
        .given([], context)
        .when(makeCommand({ toBodyIds: [committee.bodyId, 'nowhere'] }))
        .thenThrows('unknown-reference', 404));

    it('refuses another advisory group as an approver: it has no decision powers', () => {
      const other = body('another-advisory-group', 'advisory-group');
      spec
        .given([], { bodies: new Map([...bodies, [other.bodyId, other]]) })
        .when(makeCommand({ toBodyIds: [committee.bodyId, other.bodyId] }))
        .thenThrows('approver-has-no-decision-powers', 422);
    });

    it('refuses a date on which a named body did not exist', () => {
      spec
        .given([], context)
        .when(makeCommand({ date: '2020-05-01' }))
        .thenThrows('body-not-in-existence', 422);
      spec
        .given([], context)
        .when(makeCommand({ date: '2022-07-01' }))
        .thenThrows('body-not-in-existence', 422);
    });
  });

  describe('RespondToRecommendation', () => {
    it('records a named body approving', () =>
      spec
        .given([made], context)
        .when({
          type: 'RespondToRecommendation',
          data: { ...respond(committee.bodyId, 'approved'), decision: { meetingId: 'ash-2020-10-01', itemId: 'item-5' } },
        })
        .then([
          {
            type: 'BodyRespondedToRecommendation',
            data: { ...respond(committee.bodyId, 'approved'), decision: { meetingId: 'ash-2020-10-01', itemId: 'item-5' } },
          },
        ]));

    it('records a referral back with its reason', () => {
      const data = { ...respond(governingBody.bodyId, 'referred-back'), reason: 'risk share unclear' };
      spec
        .given([made], context)
        .when({ type: 'RespondToRecommendation', data })
        .then([{ type: 'BodyRespondedToRecommendation', data }]);
    });

    it('refuses an unknown recommendation (404)', () =>
      spec
        .given([], context)
        .when({ type: 'RespondToRecommendation', data: respond(committee.bodyId, 'approved') })
        .thenThrows('unknown-reference', 404));

    it('refuses a malformed date', () =>
      spec
        .given([made], context)
        .when({ type: 'RespondToRecommendation', data: respond(committee.bodyId, 'approved', '2020-13-01') })
        .thenThrows('civil-date', 422));

    it('refuses a body the recommendation was not sent to', () =>
      spec
        .given([made], context)
        .when({ type: 'RespondToRecommendation', data: respond(executiveGroup.bodyId, 'approved') })
        .thenThrows('not-asked-to-approve', 422));

    it('refuses a second response from the same body in the same round (409)', () =>
      spec
        .given([made, responded(committee.bodyId, 'approved')], context)
        .when({ type: 'RespondToRecommendation', data: respond(committee.bodyId, 'referred-back', '2020-10-15') })
        .thenThrows('already-responded', 409));

    it('refuses any response once a body has rejected the proposal (409)', () =>
      spec
        .given([made, responded(committee.bodyId, 'rejected')], context)
        .when({ type: 'RespondToRecommendation', data: respond(governingBody.bodyId, 'approved') })
        .thenThrows('recommendation-rejected', 409));

    it('refuses a response dated before the recommendation', () =>
      spec
        .given([made], context)
        .when({ type: 'RespondToRecommendation', data: respond(committee.bodyId, 'approved', '2020-08-31') })
        .thenThrows('response-before-recommendation', 422));

    it('refuses a response dated before the revision it answers', () =>
      spec
        .given([made, responded(committee.bodyId, 'referred-back'), revised], context)
        .when({ type: 'RespondToRecommendation', data: respond(committee.bodyId, 'approved', '2020-10-31') })
        .thenThrows('response-before-recommendation', 422));

    it('refuses a response from a body after it ceased to exist', () =>
      spec
        .given([made], context)
        .when({ type: 'RespondToRecommendation', data: respond(governingBody.bodyId, 'approved', '2022-07-01') })
        .thenThrows('body-not-in-existence', 422));

    it('takes a fresh response from the same body after a revision', () =>
      spec
        .given([made, responded(committee.bodyId, 'approved'), responded(governingBody.bodyId, 'referred-back'), revised], context)
        .when({ type: 'RespondToRecommendation', data: respond(committee.bodyId, 'approved', '2020-11-10') })
        .then([responded(committee.bodyId, 'approved', '2020-11-10')]));

    it('lets the other bodies still answer a round that one body referred back', () =>
      spec
        .given([made, responded(governingBody.bodyId, 'referred-back')], context)
        .when({ type: 'RespondToRecommendation', data: respond(committee.bodyId, 'approved') })
        .then([responded(committee.bodyId, 'approved')]));
  });

  describe('ReviseRecommendation', () => {
    it('revises after a referral back', () =>
      spec
        .given([made, responded(governingBody.bodyId, 'referred-back')], context)
        .when({ type: 'ReviseRecommendation', data: revise })
        .then([revised]));

    it('refuses an unknown recommendation (404)', () =>
      spec.given([], context).when({ type: 'ReviseRecommendation', data: revise }).thenThrows('unknown-reference', 404));

    it('refuses a malformed date', () =>
      spec
        .given([made, responded(governingBody.bodyId, 'referred-back')], context)
        .when({ type: 'ReviseRecommendation', data: { ...revise, date: 'November 2020' } })
        .thenThrows('civil-date', 422));

    it.each([
      ['pending', [made, responded(committee.bodyId, 'approved')]],
      ['approved', [made, responded(committee.bodyId, 'approved'), responded(governingBody.bodyId, 'approved')]],
      ['rejected', [made, responded(committee.bodyId, 'referred-back'), responded(governingBody.bodyId, 'rejected')]],
      ['already revised and pending again', [made, responded(committee.bodyId, 'referred-back'), revised]],
    ])('refuses a revision when the proposal is %s (409)', (_status, events) =>
      spec.given(events, context).when({ type: 'ReviseRecommendation', data: revise }).thenThrows('revision-needs-referral-back', 409),
    );

    it('refuses a revision dated before the referral back', () =>
      spec
        .given([made, responded(governingBody.bodyId, 'referred-back', '2020-10-20')], context)
        .when({ type: 'ReviseRecommendation', data: { ...revise, date: '2020-10-19' } })
        .thenThrows('revision-before-referral-back', 422));
  });
});
