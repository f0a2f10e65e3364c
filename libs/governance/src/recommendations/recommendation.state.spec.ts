import { fold } from '../decider';
import { evolveRecommendation } from './recommendation.decider';
import { RecommendationEvent, RecommendationResponse } from './recommendation.events';
import { jointStatus, MadeRecommendation, RecommendationState } from './recommendation.state';

const source = { title: 'Wirral report 9 Nov 2020', reference: '§3.3.2.4' };
const [committee, governingBody, childrensCommittee] = ['wirral-ash-committee', 'wirral-ccg-governing-body', 'wirral-cype-committee'];

const made: RecommendationEvent = {
  type: 'RecommendationMade',
  data: {
    recommendationId: 'r',
    fromBodyId: 'wirral-jhcc-executive-group',
    toBodyIds: [committee, governingBody, childrensCommittee],
    title: 'Pooled fund',
    proposal: 'first text',
    functions: ['better-care-fund'],
    areas: ['wirral'],
    date: '2020-09-01',
    source,
  },
};
const responded = (bodyId: string, response: RecommendationResponse, date = '2020-10-01'): RecommendationEvent => ({
  type: 'BodyRespondedToRecommendation',
  data: { recommendationId: 'r', bodyId, response, date, source },
});
const revised: RecommendationEvent = {
  type: 'RecommendationRevised',
  data: { recommendationId: 'r', proposal: 'second text', date: '2020-11-01', source },
};

const after = (...events: RecommendationEvent[]) =>
  fold({ evolve: evolveRecommendation, initialState: (): RecommendationState => ({ recorded: false }) }, [
    made,
    ...events,
  ]) as MadeRecommendation;
const statusAfter = (...events: RecommendationEvent[]) => jointStatus(after(...events));

describe('joint status of a recommendation under parallel approval', () => {
  it('is pending until every named body has responded, however many approved', () => {
    expect(statusAfter()).toBe('pending');
    expect(statusAfter(responded(committee, 'approved'))).toBe('pending');
    expect(statusAfter(responded(committee, 'approved'), responded(governingBody, 'approved'))).toBe('pending');
  });

  it('is approved only when every named body approved', () => {
    expect(
      statusAfter(responded(committee, 'approved'), responded(governingBody, 'approved'), responded(childrensCommittee, 'approved')),
    ).toBe('approved');
  });

  it('is rejected as soon as any body rejects, whatever the others said', () => {
    expect(statusAfter(responded(committee, 'rejected'))).toBe('rejected');
    expect(
      statusAfter(responded(committee, 'approved'), responded(governingBody, 'referred-back'), responded(childrensCommittee, 'rejected')),
    ).toBe('rejected');
  });

  it('is referred back when any body refers it back and none rejects', () => {
    expect(statusAfter(responded(governingBody, 'referred-back'))).toBe('referred-back');
    expect(
      statusAfter(responded(committee, 'approved'), responded(governingBody, 'referred-back'), responded(childrensCommittee, 'approved')),
    ).toBe('referred-back');
  });

  it('goes through a referral back, a revision and approval by all, counting only the current round', () => {
    const round1 = [responded(committee, 'approved'), responded(governingBody, 'referred-back'), responded(childrensCommittee, 'approved')];
    expect(statusAfter(...round1)).toBe('referred-back');

    const revisedState = after(...round1, revised);
    expect(revisedState).toMatchObject({ round: 2, roundOpened: '2020-11-01', proposal: 'second text', responses: {} });
    expect(jointStatus(revisedState)).toBe('pending');

    // Approvals given in round 1 do not carry into round 2.
    const twoOfThree = [responded(governingBody, 'approved', '2020-11-20'), responded(childrensCommittee, 'approved', '2020-11-21')];
    expect(statusAfter(...round1, revised, ...twoOfThree)).toBe('pending');
    expect(statusAfter(...round1, revised, ...twoOfThree, responded(committee, 'approved', '2020-11-25'))).toBe('approved');
  });
});
