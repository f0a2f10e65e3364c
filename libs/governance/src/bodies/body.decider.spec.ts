import { deciderSpec } from '../../test/decider-spec';
import { BodyEvent } from './body.events';
import { bodyDecider, evolveBody } from './body.decider';
import { foldEvents } from '../decider';
import { BodyState, EstablishedBody } from './body.state';

const source = { title: 'Wirral report 9 Nov 2020', reference: '§3.2.2' };
const spec = deciderSpec(bodyDecider);

const established: BodyEvent = {
  type: 'BodyEstablished',
  data: {
    bodyId: 'nhs-vale-royal-ccg',
    kind: 'ccg',
    name: 'NHS Vale Royal CCG',
    odsCode: '02D',
    areas: ['vale-royal'],
    effective: '2013-04-01',
    source,
  },
};

function known(...events: BodyEvent[]): Map<string, EstablishedBody> {
  const body = events.reduce(evolveBody, { recorded: false }) as EstablishedBody;
  return new Map([[body.bodyId, body]]);
}

const cheshireEast: BodyEvent = {
  type: 'BodyEstablished',
  data: {
    bodyId: 'cheshire-east-council',
    kind: 'local-authority',
    name: 'Cheshire East Council',
    areas: ['eastern-cheshire', 'south-cheshire'],
    effective: '2009-04-01',
    source,
  },
};

describe('body decider', () => {
  describe('EstablishBody', () => {
    it('establishes a body', () => spec.given([]).when({ type: 'EstablishBody', data: established.data }).then([established]));

    it('refuses to establish the same body twice (409)', () =>
      spec.given([established]).when({ type: 'EstablishBody', data: established.data }).thenThrows('already-recorded', 409));

    it('needs a parent for a committee', () =>
      spec
        .given([])
        .when({ type: 'EstablishBody', data: { ...established.data, bodyId: 'gb', kind: 'committee', name: 'Governing Body' } })
        .thenThrows('committee-needs-parent', 422));

    it('refuses an unknown parent (404)', () =>
      spec
        .given([])
        .when({ type: 'EstablishBody', data: { ...established.data, bodyId: 'gb', kind: 'committee', parentBodyId: 'nowhere' } })
        .thenThrows('unknown-reference', 404));

    it('establishes a committee of a known parent', () => {
      const data = {
        ...established.data,
        bodyId: 'vr-gb',
        kind: 'committee' as const,
        name: 'Governing Body',
        parentBodyId: 'nhs-vale-royal-ccg',
      };
      spec
        .given([], { bodies: known(established) })
        .when({ type: 'EstablishBody', data })
        .then([{ type: 'BodyEstablished', data }]);
    });

    it('refuses a malformed effective date', () =>
      spec
        .given([])
        .when({ type: 'EstablishBody', data: { ...established.data, effective: '2013-02-30' } })
        .thenThrows('civil-date'));
  });

  describe('RenameBody', () => {
    const rename = { bodyId: 'nhs-vale-royal-ccg', name: 'NHS Vale Royal Clinical Commissioning Group', effective: '2014-01-01', source };
    it('renames (which is not a succession)', () =>
      spec
        .given([established])
        .when({ type: 'RenameBody', data: rename })
        .then([{ type: 'BodyRenamed', data: rename }]));
    it('refuses an unknown body (404)', () =>
      spec.given([]).when({ type: 'RenameBody', data: rename }).thenThrows('unknown-reference', 404));
    it('refuses a rename before establishment', () =>
      spec
        .given([established])
        .when({ type: 'RenameBody', data: { ...rename, effective: '2012-01-01' } })
        .thenThrows('before-establishment'));
    it('refuses the same name', () =>
      spec
        .given([established])
        .when({ type: 'RenameBody', data: { ...rename, name: 'NHS Vale Royal CCG' } })
        .thenThrows('rename-to-same-name'));
    it('refuses a rename after dissolution', () =>
      spec
        .given([established, { type: 'BodyDissolved', data: { bodyId: 'nhs-vale-royal-ccg', effective: '2020-04-01', source } }])
        .when({ type: 'RenameBody', data: { ...rename, effective: '2020-05-01' } })
        .thenThrows('body-dissolved'));
  });

  describe('DissolveBody', () => {
    const dissolve = { bodyId: 'nhs-vale-royal-ccg', effective: '2020-04-01', source };
    it('dissolves', () =>
      spec
        .given([established])
        .when({ type: 'DissolveBody', data: dissolve })
        .then([{ type: 'BodyDissolved', data: dissolve }]));
    it('refuses to dissolve twice (409)', () =>
      spec
        .given([established, { type: 'BodyDissolved', data: dissolve }])
        .when({ type: 'DissolveBody', data: dissolve })
        .thenThrows('already-dissolved', 409));
    it('refuses a dissolution on or before establishment (to <= from)', () =>
      spec
        .given([established])
        .when({ type: 'DissolveBody', data: { ...dissolve, effective: '2013-04-01' } })
        .thenThrows('interval-order'));
  });

  describe('AssignStatutoryFunctions', () => {
    const assign = {
      bodyId: 'nhs-vale-royal-ccg',
      functions: ['community-health-services' as const],
      areas: ['vale-royal' as const],
      from: '2013-04-01',
      act: 'National Health Service Act 2006 (as amended by the Health and Social Care Act 2012)',
      source,
    };
    it('records the holding with an open end', () =>
      spec
        .given([established])
        .when({ type: 'AssignStatutoryFunctions', data: assign })
        .then([{ type: 'StatutoryFunctionsAssigned', data: { ...assign, to: null } }]));
    it('refuses to <= from', () =>
      spec
        .given([established])
        .when({ type: 'AssignStatutoryFunctions', data: { ...assign, to: '2013-04-01' } })
        .thenThrows('interval-order'));
  });

  describe('memberships', () => {
    const appoint = {
      bodyId: 'nhs-vale-royal-ccg',
      membershipId: 'm-1',
      member: { seat: 'Cheshire East Council representative' },
      role: 'member',
      voting: false,
      onBehalfOfBodyId: 'cheshire-east-council',
      from: '2017-09-01',
      source,
    };
    const appointed: BodyEvent = { type: 'MemberAppointed', data: { ...appoint, to: null } };

    it('appoints a non-voting member on behalf of a known body', () =>
      spec
        .given([established], { bodies: known(cheshireEast) })
        .when({ type: 'AppointMember', data: appoint })
        .then([appointed]));
    it('refuses an unknown on-behalf-of body (404)', () =>
      spec.given([established]).when({ type: 'AppointMember', data: appoint }).thenThrows('unknown-reference', 404));
    it('refuses the same membership id twice (409)', () =>
      spec
        .given([established, appointed], { bodies: known(cheshireEast) })
        .when({ type: 'AppointMember', data: appoint })
        .thenThrows('already-recorded', 409));
    it('refuses an overlapping membership of the same member (409)', () =>
      spec
        .given([established, appointed], { bodies: known(cheshireEast) })
        .when({ type: 'AppointMember', data: { ...appoint, membershipId: 'm-2', from: '2018-01-01' } })
        .thenThrows('membership-overlaps', 409));
    it('refuses to <= from', () =>
      spec
        .given([established], { bodies: known(cheshireEast) })
        .when({ type: 'AppointMember', data: { ...appoint, to: '2017-01-01' } })
        .thenThrows('interval-order'));
    it('ends a membership', () => {
      const end = { bodyId: 'nhs-vale-royal-ccg', membershipId: 'm-1', to: '2020-04-01', source };
      spec
        .given([established, appointed])
        .when({ type: 'EndMembership', data: end })
        .then([{ type: 'MembershipEnded', data: end }]);
    });
    it('refuses to end an unknown membership (404)', () =>
      spec
        .given([established])
        .when({ type: 'EndMembership', data: { bodyId: 'nhs-vale-royal-ccg', membershipId: 'zz', to: '2020-04-01', source } })
        .thenThrows('unknown-reference', 404));
    it('refuses to end a membership twice (409)', () => {
      const end = { bodyId: 'nhs-vale-royal-ccg', membershipId: 'm-1', to: '2020-04-01', source };
      spec
        .given([established, appointed, { type: 'MembershipEnded', data: end }])
        .when({ type: 'EndMembership', data: end })
        .thenThrows('membership-already-ended', 409);
    });
  });
});

describe('folding a body stream', () => {
  const appointed = (membershipId: string): BodyEvent => ({
    type: 'MemberAppointed',
    data: {
      bodyId: 'nhs-vale-royal-ccg',
      membershipId,
      member: { seat: membershipId },
      role: 'member',
      voting: true,
      from: '2013-04-01',
      to: null,
      source,
    },
  });
  const memberships = (state: BodyState) => Object.keys((state as EstablishedBody).memberships).sort();

  it('never changes a state it returned: evolving it again, or resuming a fold from it, leaves it as it was', () => {
    const folded = foldEvents<BodyState, BodyEvent>([established, appointed('a'), appointed('b')], evolveBody, { recorded: false });
    const evolved = evolveBody(folded, appointed('c'));
    const resumed = foldEvents<BodyState, BodyEvent>([appointed('d'), appointed('e')], evolveBody, folded);
    const branched = evolveBody(folded, appointed('f'));
    expect([memberships(folded), memberships(evolved), memberships(resumed), memberships(branched)]).toEqual([
      ['a', 'b'],
      ['a', 'b', 'c'],
      ['a', 'b', 'd', 'e'],
      ['a', 'b', 'f'],
    ]);
  });

  it('folds as evolving one event at a time does', () => {
    const events = [established, ...['a', 'b', 'c'].map(appointed)];
    expect(foldEvents<BodyState, BodyEvent>(events, evolveBody, { recorded: false })).toEqual(
      events.reduce<BodyState>((state, event) => evolveBody(state, event), { recorded: false }),
    );
  });

  it('passes over the end of a membership no longer there (a correction withdrew its appointment)', () => {
    const ended: BodyEvent = {
      type: 'MembershipEnded',
      data: { bodyId: 'nhs-vale-royal-ccg', membershipId: 'gone', to: '2020-01-01', source },
    };
    const state = foldEvents<BodyState, BodyEvent>([established, appointed('a'), ended], evolveBody, { recorded: false });
    expect(memberships(state)).toEqual(['a']);
  });
});
