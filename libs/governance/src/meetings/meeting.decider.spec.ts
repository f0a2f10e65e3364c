import { deciderSpec } from '../../test/decider-spec';
import { BodyEvent } from '../bodies/body.events';
import { evolveBody } from '../bodies/body.decider';
import { EstablishedBody } from '../bodies/body.state';
import { fold } from '../decider';
import { ReorganisationEvent } from '../reorganisations/reorganisation.events';
import { BodyKind } from '../shared/vocabulary';
import { MeetingCommand } from './meeting.commands';
import { Confidentiality, MeetingEvent, MeetingEventType } from './meeting.events';
import {
  commandRecording,
  evolveMeeting,
  meetingBodiesNamedBy,
  meetingDecider,
  MeetingDecisionState,
  meetingParentLinesNamedBy,
  meetingReadsReorganisations,
  meetingsNamedBy,
  successorsFrom,
} from './meeting.decider';
import { ConvenedMeeting, isSuspended } from './meeting.state';

const source = { title: 'Northwich Guardian, Sept 2019', illustrative: true };
const given = deciderSpec(meetingDecider).given;
const reRecorded = new Set<MeetingEventType>();

/**
 * given/when/then, and for every fact decided: the command recording it (`commandRecording`), decided
 * again over the same state, gives the same fact, as the correction pipeline relies on.
 */
const spec = {
  given(events: MeetingEvent[], context: Partial<MeetingDecisionState> = {}) {
    const state = { ...fold(meetingDecider, events), ...context };
    return {
      when(command: MeetingCommand) {
        const then = given(events, context).when(command);
        return {
          ...then,
          then(expected: MeetingEvent[]) {
            then.then(expected);
            for (const event of expected) {
              expect(meetingDecider.decide(commandRecording(event), state)).toEqual([event]);
              reRecorded.add(event.type);
            }
          },
        };
      },
    };
  },
};

// Once every test of the spec has run, in whatever order: every kind of meeting fact it recorded was decided
// again (run the whole file: with -t, the facts of the tests left out are missing).
afterAll(() =>
  expect([...reRecorded].sort()).toEqual(
    [
      'AgendaItemAdded',
      'AttendanceRecorded',
      'CallInResultRecorded',
      'ConfidentialContentErased',
      'ConfidentialityImposed',
      'ConfidentialityLifted',
      'DecisionCalledIn',
      'DecisionRecorded',
      'InterestDeclared',
      'MeetingConvened',
      'MinutesApproved',
      'MotionProposed',
      'VoteCast',
    ].sort(),
  ),
);

/** A body as its stream would fold: established, with [membershipId, voting, onBehalfOfBodyId?] members from 2013 onwards. */
function body(
  bodyId: string,
  kind: BodyKind,
  members: [string, boolean, string?][],
  dissolved?: string,
  parentBodyId?: string,
): EstablishedBody {
  const events: BodyEvent[] = [
    {
      type: 'BodyEstablished',
      data: { bodyId, kind, name: bodyId, areas: [], effective: '2013-04-01', ...(parentBodyId ? { parentBodyId } : {}), source },
    },
    ...members.map(([membershipId, voting, onBehalfOfBodyId]): BodyEvent => ({
      type: 'MemberAppointed',
      data: {
        bodyId,
        membershipId,
        member: { seat: membershipId },
        role: 'member',
        voting,
        ...(onBehalfOfBodyId ? { onBehalfOfBodyId } : {}),
        from: '2013-04-01',
        to: null,
        source,
      },
    })),
    ...(dissolved ? [{ type: 'BodyDissolved', data: { bodyId, effective: dissolved, source } } as BodyEvent] : []),
  ];
  return events.reduce(evolveBody, { recorded: false }) as EstablishedBody;
}

const known = (...bodies: EstablishedBody[]) => new Map(bodies.map((b) => [b.bodyId, b]));

// Two CCG governing bodies meeting in common (Middlewich, 2019), a joint committee with a non-voting
// council member, an advisory group, and a council board whose decision is called in.
const eastern = body('ec-governing-body', 'committee', [
  ['ec-chair', true],
  ['ec-gp', true],
  ['ec-nurse', true],
]);
const valeRoyal = body('vr-governing-body', 'committee', [
  ['vr-chair', true],
  ['vr-gp', true],
  ['vr-lay', true],
]);
const jointCommittee = body('cheshire-jcc', 'joint-committee', [
  ['jcc-ec-ccg', true],
  ['jcc-vr-ccg', true],
  ['jcc-cheshire-east-council', false],
]);
const advisory = body('wirral-executive-group', 'advisory-group', [
  ['weg-chair', true],
  ['weg-dass', true],
]);

const inCommon = { bodies: known(eastern, valeRoyal) };
const joint = { bodies: known(jointCommittee) };

const convenedInCommon: MeetingEvent = {
  type: 'MeetingConvened',
  data: {
    meetingId: 'cheshire-gbs-2019-09',
    date: '2019-09-24',
    bodies: [
      { bodyId: 'ec-governing-body', quorum: 2 },
      { bodyId: 'vr-governing-body', quorum: 2 },
    ],
    inCommon: true,
    location: 'Middlewich',
    source,
  },
};
const m = 'cheshire-gbs-2019-09';
const mergerItem: MeetingEvent = {
  type: 'AgendaItemAdded',
  data: {
    meetingId: m,
    itemId: 'merger',
    title: 'Merger of the Cheshire CCGs',
    text: 'Apply to NHS England to merge',
    functions: [],
    areas: ['eastern-cheshire', 'vale-royal'],
    source,
  },
};
const allPresent: MeetingEvent = {
  type: 'AttendanceRecorded',
  data: {
    meetingId: m,
    present: ['ec-chair', 'ec-gp', 'ec-nurse', 'vr-chair', 'vr-gp', 'vr-lay'].map((membershipId) => ({
      membershipId,
      bodyId: membershipId.startsWith('ec') ? 'ec-governing-body' : 'vr-governing-body',
    })),
    source,
  },
};
const vote = (membershipId: string, option: 'for' | 'against' | 'abstain' | 'abstained-no-vote-cast'): MeetingEvent => ({
  type: 'VoteCast',
  data: {
    meetingId: m,
    itemId: 'merger',
    membershipId,
    bodyId: membershipId.startsWith('ec') ? 'ec-governing-body' : 'vr-governing-body',
    vote: option,
    source,
  },
});
const inCommonMeeting = [convenedInCommon, mergerItem, allPresent];

const j = 'jcc-2017-09';
const convenedJoint: MeetingEvent = {
  type: 'MeetingConvened',
  data: { meetingId: j, date: '2017-09-28', bodies: [{ bodyId: 'cheshire-jcc', quorum: 2 }], inCommon: false, source },
};
const jointItem: MeetingEvent = {
  type: 'AgendaItemAdded',
  data: {
    meetingId: j,
    itemId: 'chs',
    title: 'Community health services',
    text: 'Recommission community services',
    functions: ['community-health-services'],
    areas: ['eastern-cheshire'],
    source,
  },
};
const jointPresent: MeetingEvent = {
  type: 'AttendanceRecorded',
  data: {
    meetingId: j,
    present: [
      { membershipId: 'jcc-ec-ccg', bodyId: 'cheshire-jcc' },
      { membershipId: 'jcc-vr-ccg', bodyId: 'cheshire-jcc' },
      { membershipId: 'jcc-cheshire-east-council', bodyId: 'cheshire-jcc' },
    ],
    source,
  },
};
const jointMeeting = [convenedJoint, jointItem, jointPresent];

describe('meeting decider', () => {
  describe('ConveneMeeting', () => {
    const convene = { meetingId: j, date: '2017-09-28', bodies: [{ bodyId: 'cheshire-jcc', quorum: 2 }], source };

    it('convenes a meeting of one body (not in common)', () =>
      spec.given([], joint).when({ type: 'ConveneMeeting', data: convene }).then([convenedJoint]));

    it('convenes committees in common', () =>
      spec.given([], inCommon).when({ type: 'ConveneMeeting', data: convenedInCommon.data }).then([convenedInCommon]));

    it('refuses to convene the same meeting twice (409)', () =>
      spec.given([convenedJoint], joint).when({ type: 'ConveneMeeting', data: convene }).thenThrows('already-recorded', 409));

    it('refuses an unknown body (404)', () =>
      spec.given([]).when({ type: 'ConveneMeeting', data: convene }).thenThrows('unknown-reference', 404));

    it('refuses a body that did not exist on the date', () => {
      const dissolved = body('cheshire-jcc', 'joint-committee', [], '2017-09-01');
      spec
        .given([], { bodies: known(dissolved) })
        .when({ type: 'ConveneMeeting', data: convene })
        .thenThrows('body-not-in-existence', 422);
    });

    it('refuses a date before the body was established', () =>
      spec
        .given([], joint)
        .when({ type: 'ConveneMeeting', data: { ...convene, date: '2012-01-01' } })
        .thenThrows('body-not-in-existence', 422));

    it('refuses several bodies not marked as in common', () =>
      spec
        .given([], inCommon)
        .when({ type: 'ConveneMeeting', data: { ...convenedInCommon.data, inCommon: false } })
        .thenThrows('meeting-in-common', 422));

    it('refuses committees in common of a single body', () =>
      spec
        .given([], joint)
        .when({ type: 'ConveneMeeting', data: { ...convene, inCommon: true } })
        .thenThrows('meeting-in-common', 422));

    it('refuses a meeting of no body', () =>
      spec
        .given([])
        .when({ type: 'ConveneMeeting', data: { ...convene, bodies: [] } })
        .thenThrows('meeting-needs-body', 422));

    it('refuses a body listed twice', () =>
      spec
        .given([], joint)
        .when({ type: 'ConveneMeeting', data: { ...convene, bodies: [convene.bodies[0], convene.bodies[0]], inCommon: true } })
        .thenThrows('body-listed-twice', 422));

    it('refuses a quorum below one', () =>
      spec
        .given([], joint)
        .when({ type: 'ConveneMeeting', data: { ...convene, bodies: [{ bodyId: 'cheshire-jcc', quorum: 0 }] } })
        .thenThrows('quorum-positive', 422));

    it('refuses an impossible date', () =>
      spec
        .given([], joint)
        .when({ type: 'ConveneMeeting', data: { ...convene, date: '2017-02-30' } })
        .thenThrows('civil-date', 422));
  });

  describe('AddAgendaItem', () => {
    const confidential = {
      paragraph: 3 as const,
      publicInterestReason: 'commercially sensitive tender prices',
      publicSummary: 'Award of the community services contract',
    };

    it('adds an item', () => spec.given([convenedJoint], joint).when({ type: 'AddAgendaItem', data: jointItem.data }).then([jointItem]));

    it('adds a confidential (Part 2) item with its paragraph and public summary', () => {
      const data = { ...jointItem.data, itemId: 'tender', confidential } as Extract<MeetingEvent, { type: 'AgendaItemAdded' }>['data'];
      spec
        .given([convenedJoint], joint)
        .when({ type: 'AddAgendaItem', data })
        .then([{ type: 'AgendaItemAdded', data }]);
    });

    it('refuses a paragraph outside 1–7 of Schedule 12A (as an unchecked import line could give)', () => {
      const paragraph8 = { ...confidential, paragraph: 8 } as unknown as Confidentiality;
      spec
        .given([convenedJoint], joint)
        .when({
          type: 'AddAgendaItem',
          data: { ...jointItem.data, itemId: 'tender', confidential: paragraph8 } as Extract<
            MeetingEvent,
            { type: 'AgendaItemAdded' }
          >['data'],
        })
        .thenThrows('schedule-12a-paragraph', 422);
    });

    it('refuses the same item twice (409)', () =>
      spec
        .given([convenedJoint, jointItem], joint)
        .when({ type: 'AddAgendaItem', data: jointItem.data })
        .thenThrows('already-recorded', 409));

    it('refuses an item of an unknown meeting (404)', () =>
      spec.given([], joint).when({ type: 'AddAgendaItem', data: jointItem.data }).thenThrows('unknown-reference', 404));
  });

  describe('RecordAttendance', () => {
    it('records who was present, with the body of each membership', () =>
      spec
        .given([convenedJoint, jointItem], joint)
        .when({
          type: 'RecordAttendance',
          data: { meetingId: j, present: ['jcc-ec-ccg', 'jcc-vr-ccg', 'jcc-cheshire-east-council'], source },
        })
        .then([jointPresent]));

    it('records members of each committee at a meeting in common', () =>
      spec
        .given([convenedInCommon], inCommon)
        .when({ type: 'RecordAttendance', data: { meetingId: m, present: ['ec-chair', 'vr-lay'], source } })
        .then([
          {
            type: 'AttendanceRecorded',
            data: {
              meetingId: m,
              present: [
                { membershipId: 'ec-chair', bodyId: 'ec-governing-body' },
                { membershipId: 'vr-lay', bodyId: 'vr-governing-body' },
              ],
              source,
            },
          },
        ]));

    it('refuses an unknown membership (404)', () =>
      spec
        .given([convenedJoint], joint)
        .when({ type: 'RecordAttendance', data: { meetingId: j, present: ['nobody'], source } })
        .thenThrows('unknown-reference', 404));

    it('refuses a membership not current on the meeting date', () => {
      const later = body('cheshire-jcc', 'joint-committee', []);
      const bodies = known({
        ...later,
        memberships: {
          late: {
            membershipId: 'late',
            member: { seat: 'x' },
            role: 'member',
            voting: true,
            from: '2018-01-01',
            to: null,
            citedEvents: [],
          },
        },
      });
      spec
        .given([convenedJoint], { bodies })
        .when({ type: 'RecordAttendance', data: { meetingId: j, present: ['late'], source } })
        .thenThrows('not-a-member', 422);
    });

    it('adds a second attendance record to the first (issue 19): it never replaces it', () => {
      spec
        .given(jointMeeting, joint)
        .when({ type: 'RecordAttendance', data: { meetingId: j, present: ['jcc-ec-ccg'], source } })
        .then([
          { type: 'AttendanceRecorded', data: { meetingId: j, present: [{ membershipId: 'jcc-ec-ccg', bodyId: 'cheshire-jcc' }], source } },
        ]);
    });

    it('refuses a second record that contradicts the first (409 attendance-contradicts: correct the first)', () => {
      spec
        .given(
          [convenedInCommon, { type: 'AttendanceRecorded', data: { meetingId: m, present: [allPresent.data.present[0]], source } }],
          inCommon,
        )
        .when({ type: 'RecordAttendance', data: { meetingId: m, present: [], apologies: ['ec-chair'], source } })
        .thenThrows('attendance-contradicts', 409);
    });

    it('refuses an empty attendance', () =>
      spec
        .given([convenedJoint], joint)
        .when({ type: 'RecordAttendance', data: { meetingId: j, present: [], source } })
        .thenThrows('attendance-empty', 422));

    it('refuses a membership id naming members of two committees in common', () => {
      const both = known(eastern, {
        ...valeRoyal,
        memberships: { ...valeRoyal.memberships, 'ec-chair': { ...eastern.memberships['ec-chair'] } },
      });
      spec
        .given([convenedInCommon], { bodies: both })
        .when({ type: 'RecordAttendance', data: { meetingId: m, present: ['ec-chair'], source } })
        .thenThrows('membership-ambiguous', 422);
    });
  });

  describe('DeclareInterest', () => {
    const declare = {
      meetingId: j,
      itemId: 'chs',
      membershipId: 'jcc-ec-ccg',
      interest: 'GP partner in a bidding federation',
      action: 'withdrew' as const,
      source,
    };

    it('records the declaration and the action taken', () =>
      spec
        .given(jointMeeting, joint)
        .when({ type: 'DeclareInterest', data: declare })
        .then([{ type: 'InterestDeclared', data: { ...declare, bodyId: 'cheshire-jcc' } }]));

    it('refuses an unknown item (404)', () =>
      spec
        .given(jointMeeting, joint)
        .when({ type: 'DeclareInterest', data: { ...declare, itemId: 'nothing' } })
        .thenThrows('unknown-reference', 404));

    it('refuses an unknown member (404)', () =>
      spec
        .given(jointMeeting, joint)
        .when({ type: 'DeclareInterest', data: { ...declare, membershipId: 'nobody' } })
        .thenThrows('unknown-reference', 404));

    it('refuses a declaration barring a vote already cast (409)', () =>
      spec
        .given(
          [
            ...jointMeeting,
            {
              type: 'VoteCast',
              data: { meetingId: j, itemId: 'chs', membershipId: 'jcc-ec-ccg', bodyId: 'cheshire-jcc', vote: 'for', source },
            },
          ],
          joint,
        )
        .when({ type: 'DeclareInterest', data: declare })
        .thenThrows('declared-after-vote', 409));

    it('records a noted interest even after the member voted', () =>
      spec
        .given(
          [
            ...jointMeeting,
            {
              type: 'VoteCast',
              data: { meetingId: j, itemId: 'chs', membershipId: 'jcc-ec-ccg', bodyId: 'cheshire-jcc', vote: 'for', source },
            },
          ],
          joint,
        )
        .when({ type: 'DeclareInterest', data: { ...declare, action: 'noted' } })
        .then([{ type: 'InterestDeclared', data: { ...declare, action: 'noted', bodyId: 'cheshire-jcc' } }]));
  });

  describe('ProposeMotion', () => {
    const propose = {
      meetingId: j,
      itemId: 'chs',
      motionId: 'm1',
      wording: 'That the committee recommissions',
      mover: 'jcc-ec-ccg',
      seconder: 'jcc-vr-ccg',
      source,
    };
    const proposed: MeetingEvent = { type: 'MotionProposed', data: propose };

    it('records a motion moved and seconded by members present', () =>
      spec.given(jointMeeting, joint).when({ type: 'ProposeMotion', data: propose }).then([proposed]));

    it('refuses the same motion twice (409)', () =>
      spec
        .given([...jointMeeting, proposed], joint)
        .when({ type: 'ProposeMotion', data: propose })
        .thenThrows('already-recorded', 409));

    it('refuses a mover seconding their own motion', () =>
      spec
        .given(jointMeeting, joint)
        .when({ type: 'ProposeMotion', data: { ...propose, seconder: 'jcc-ec-ccg' } })
        .thenThrows('seconder-is-mover', 422));

    it('refuses a seconder not recorded as present', () =>
      spec.given([convenedJoint, jointItem], joint).when({ type: 'ProposeMotion', data: propose }).thenThrows('not-present', 422));

    it('refuses an unknown mover (404)', () =>
      spec
        .given(jointMeeting, joint)
        .when({ type: 'ProposeMotion', data: { ...propose, mover: 'nobody' } })
        .thenThrows('unknown-reference', 404));
  });

  describe('CastVote', () => {
    const cast = { meetingId: j, itemId: 'chs', membershipId: 'jcc-ec-ccg', vote: 'for' as const, source };

    it('records a vote of a voting member present, with the body it belongs to', () =>
      spec
        .given(jointMeeting, joint)
        .when({ type: 'CastVote', data: cast })
        .then([{ type: 'VoteCast', data: { ...cast, bodyId: 'cheshire-jcc' } }]));

    it('refuses a vote of the joint committee’s non-voting local-authority member', () =>
      spec
        .given(jointMeeting, joint)
        .when({ type: 'CastVote', data: { ...cast, membershipId: 'jcc-cheshire-east-council' } })
        .thenThrows('non-voting-member', 422));

    it('refuses a vote by a non-member of the meeting’s bodies (404)', () =>
      spec
        .given(jointMeeting, joint)
        .when({ type: 'CastVote', data: { ...cast, membershipId: 'ec-chair' } })
        .thenThrows('unknown-reference', 404));

    it('refuses a vote by a membership not current on the meeting date', () => {
      const ended = {
        ...jointCommittee,
        memberships: { ...jointCommittee.memberships, 'jcc-ec-ccg': { ...jointCommittee.memberships['jcc-ec-ccg'], to: '2017-09-01' } },
      };
      spec
        .given(jointMeeting, { bodies: known(ended) })
        .when({ type: 'CastVote', data: cast })
        .thenThrows('not-a-member', 422);
    });

    it('refuses a vote by a member not recorded as present', () =>
      spec.given([convenedJoint, jointItem], joint).when({ type: 'CastVote', data: cast }).thenThrows('not-present', 422));

    it.each(['withdrew', 'remained-no-vote'] as const)('refuses a vote by a member who %s on the item', (action) =>
      spec
        .given(
          [
            ...jointMeeting,
            {
              type: 'InterestDeclared',
              data: {
                meetingId: j,
                itemId: 'chs',
                membershipId: 'jcc-ec-ccg',
                bodyId: 'cheshire-jcc',
                interest: 'GP partner',
                action,
                source,
              },
            },
          ],
          joint,
        )
        .when({ type: 'CastVote', data: cast })
        .thenThrows('conflicted-member', 422),
    );

    it('lets a member whose interest was only noted vote', () =>
      spec
        .given(
          [
            ...jointMeeting,
            {
              type: 'InterestDeclared',
              data: {
                meetingId: j,
                itemId: 'chs',
                membershipId: 'jcc-ec-ccg',
                bodyId: 'cheshire-jcc',
                interest: 'GP partner',
                action: 'noted',
                source,
              },
            },
          ],
          joint,
        )
        .when({ type: 'CastVote', data: cast })
        .then([{ type: 'VoteCast', data: { ...cast, bodyId: 'cheshire-jcc' } }]));

    it('refuses a second vote by the same member on the item (409)', () =>
      spec
        .given([...jointMeeting, { type: 'VoteCast', data: { ...cast, bodyId: 'cheshire-jcc' } }], joint)
        .when({ type: 'CastVote', data: { ...cast, vote: 'against' } })
        .thenThrows('already-voted', 409));

    it('refuses a vote on an item already decided (409)', () =>
      spec
        .given(
          [
            ...jointMeeting,
            {
              type: 'DecisionRecorded',
              data: {
                meetingId: j,
                itemId: 'chs',
                bodyId: 'cheshire-jcc',
                outcome: 'deferred',
                resolution: 'Deferred',
                quorum: { required: 2, present: 2, quorate: true },
                source,
              },
            },
          ],
          joint,
        )
        .when({ type: 'CastVote', data: cast })
        .thenThrows('item-decided', 409));

    it('refuses a vote on an unknown motion (404)', () =>
      spec
        .given(jointMeeting, joint)
        .when({ type: 'CastVote', data: { ...cast, motionId: 'none' } })
        .thenThrows('unknown-reference', 404));

    it('refuses a vote on an unknown item (404) and in an unknown meeting (404)', () => {
      spec
        .given(jointMeeting, joint)
        .when({ type: 'CastVote', data: { ...cast, itemId: 'none' } })
        .thenThrows('unknown-reference', 404);
      spec.given([], joint).when({ type: 'CastVote', data: cast }).thenThrows('unknown-reference', 404);
    });
  });

  describe('RecordDecision', () => {
    const decideMerger = (bodyId: string | undefined, outcome: 'carried' | 'defeated') => ({
      type: 'RecordDecision' as const,
      data: { meetingId: m, itemId: 'merger', bodyId, outcome, resolution: 'Apply to merge', source },
    });

    it('records one decision per committee in common, each from its own votes and quorum: one carries, the other defeats', () => {
      const votes = [
        vote('ec-chair', 'for'),
        vote('ec-gp', 'for'),
        vote('ec-nurse', 'against'),
        vote('vr-chair', 'against'),
        vote('vr-gp', 'against'),
        vote('vr-lay', 'for'),
      ];
      spec
        .given([...inCommonMeeting, ...votes], inCommon)
        .when(decideMerger('ec-governing-body', 'carried'))
        .then([
          {
            type: 'DecisionRecorded',
            data: {
              ...decideMerger('ec-governing-body', 'carried').data,
              bodyId: 'ec-governing-body',
              counts: { for: 2, against: 1, abstain: 0, abstainedNoVoteCast: 0 },
              countsFrom: 'votes',
              quorum: { required: 2, present: 3, quorate: true },
            },
          },
        ]);
      const ecDecided: MeetingEvent = {
        type: 'DecisionRecorded',
        data: {
          meetingId: m,
          itemId: 'merger',
          bodyId: 'ec-governing-body',
          outcome: 'carried',
          resolution: 'Apply to merge',
          quorum: { required: 2, present: 3, quorate: true },
          source,
        },
      };
      spec
        .given([...inCommonMeeting, ...votes, ecDecided], inCommon)
        .when(decideMerger('vr-governing-body', 'defeated'))
        .then([
          {
            type: 'DecisionRecorded',
            data: {
              ...decideMerger('vr-governing-body', 'defeated').data,
              bodyId: 'vr-governing-body',
              counts: { for: 1, against: 2, abstain: 0, abstainedNoVoteCast: 0 },
              countsFrom: 'votes',
              quorum: { required: 2, present: 3, quorate: true },
            },
          },
        ]);
    });

    it('refuses a decision without bodyId at a meeting in common', () =>
      spec.given(inCommonMeeting, inCommon).when(decideMerger(undefined, 'carried')).thenThrows('decision-per-committee', 422));

    it('refuses a decision for a body not in the meeting', () =>
      spec.given(inCommonMeeting, inCommon).when(decideMerger('cheshire-jcc', 'carried')).thenThrows('body-not-in-meeting', 422));

    it('refuses a second decision of the same committee on the item (409)', () => {
      const ecDecided: MeetingEvent = {
        type: 'DecisionRecorded',
        data: {
          meetingId: m,
          itemId: 'merger',
          bodyId: 'ec-governing-body',
          outcome: 'carried',
          resolution: 'Apply to merge',
          quorum: { required: 2, present: 3, quorate: true },
          source,
        },
      };
      spec
        .given([...inCommonMeeting, ecDecided], inCommon)
        .when(decideMerger('ec-governing-body', 'defeated'))
        .thenThrows('item-decided', 409);
    });

    it('takes the only body when the meeting has one, and excludes conflicted members from the quorum', () => {
      const withdrew: MeetingEvent = {
        type: 'InterestDeclared',
        data: {
          meetingId: j,
          itemId: 'chs',
          membershipId: 'jcc-ec-ccg',
          bodyId: 'cheshire-jcc',
          interest: 'GP partner',
          action: 'withdrew',
          source,
        },
      };
      const decision = { meetingId: j, itemId: 'chs', outcome: 'agreed-without-vote' as const, resolution: 'Recommission', source };
      spec
        .given([...jointMeeting, withdrew], joint)
        .when({ type: 'RecordDecision', data: decision })
        .then([
          { type: 'DecisionRecorded', data: { ...decision, bodyId: 'cheshire-jcc', quorum: { required: 2, present: 1, quorate: false } } },
        ]);
    });

    it('counts only voting members present towards the quorum (the non-voting council member does not)', () => {
      const twoAbsent: MeetingEvent = {
        type: 'AttendanceRecorded',
        data: {
          meetingId: j,
          present: [
            { membershipId: 'jcc-ec-ccg', bodyId: 'cheshire-jcc' },
            { membershipId: 'jcc-cheshire-east-council', bodyId: 'cheshire-jcc' },
          ],
          source,
        },
      };
      const decision = { meetingId: j, itemId: 'chs', outcome: 'deferred' as const, resolution: 'Deferred for want of a quorum', source };
      spec
        .given([convenedJoint, jointItem, twoAbsent], joint)
        .when({ type: 'RecordDecision', data: decision })
        .then([
          { type: 'DecisionRecorded', data: { ...decision, bodyId: 'cheshire-jcc', quorum: { required: 2, present: 1, quorate: false } } },
        ]);
    });

    it('records entered counts of a ballot where no individual votes exist', () => {
      const decision = {
        meetingId: m,
        itemId: 'merger',
        bodyId: 'vr-governing-body',
        outcome: 'carried' as const,
        resolution: 'Practices in favour of merger',
        counts: { for: 7, against: 4, abstain: 0 },
        source,
      };
      spec
        .given(inCommonMeeting, inCommon)
        .when({ type: 'RecordDecision', data: decision })
        .then([
          { type: 'DecisionRecorded', data: { ...decision, countsFrom: 'entered', quorum: { required: 2, present: 3, quorate: true } } },
        ]);
    });

    it('refuses entered counts where individual votes of that body exist', () =>
      spec
        .given([...inCommonMeeting, vote('vr-chair', 'for')], inCommon)
        .when({
          type: 'RecordDecision',
          data: { ...decideMerger('vr-governing-body', 'carried').data, counts: { for: 7, against: 4, abstain: 0 } },
        })
        .thenThrows('counts-derived-from-votes', 422));

    it('accepts entered counts for one committee while the other committee voted individually', () =>
      spec
        .given([...inCommonMeeting, vote('ec-chair', 'for')], inCommon)
        .when({
          type: 'RecordDecision',
          data: { ...decideMerger('vr-governing-body', 'carried').data, counts: { for: 7, against: 4, abstain: 0 } },
        })
        .then([
          {
            type: 'DecisionRecorded',
            data: {
              ...decideMerger('vr-governing-body', 'carried').data,
              counts: { for: 7, against: 4, abstain: 0 },
              countsFrom: 'entered',
              bodyId: 'vr-governing-body',
              quorum: { required: 2, present: 3, quorate: true },
            },
          },
        ]));

    it('derives abstentions and members present who cast no vote', () =>
      spec
        .given([...inCommonMeeting, vote('vr-chair', 'for'), vote('vr-gp', 'abstain'), vote('vr-lay', 'abstained-no-vote-cast')], inCommon)
        .when(decideMerger('vr-governing-body', 'carried'))
        .then([
          {
            type: 'DecisionRecorded',
            data: {
              ...decideMerger('vr-governing-body', 'carried').data,
              bodyId: 'vr-governing-body',
              counts: { for: 1, against: 0, abstain: 1, abstainedNoVoteCast: 1 },
              countsFrom: 'votes',
              quorum: { required: 2, present: 3, quorate: true },
            },
          },
        ]));

    it('refuses agreed-without-vote where votes were cast', () =>
      spec
        .given([...inCommonMeeting, vote('vr-chair', 'for')], inCommon)
        .when({ type: 'RecordDecision', data: { ...decideMerger('vr-governing-body', 'carried').data, outcome: 'agreed-without-vote' } })
        .thenThrows('agreed-without-vote', 422));

    it.each(['carried', 'defeated', 'agreed-without-vote'] as const)(
      'refuses an advisory group recording a binding decision (%s)',
      (outcome) =>
        spec
          .given(
            [
              {
                type: 'MeetingConvened',
                data: {
                  meetingId: 'weg-1',
                  date: '2020-10-01',
                  bodies: [{ bodyId: 'wirral-executive-group', quorum: 2 }],
                  inCommon: false,
                  source,
                },
              },
              {
                type: 'AgendaItemAdded',
                data: {
                  meetingId: 'weg-1',
                  itemId: 'bcf',
                  title: 'Better Care Fund plan',
                  text: '...',
                  functions: ['better-care-fund'],
                  areas: ['wirral'],
                  source,
                },
              },
            ],
            { bodies: known(advisory) },
          )
          .when({ type: 'RecordDecision', data: { meetingId: 'weg-1', itemId: 'bcf', outcome, resolution: 'Approve the plan', source } })
          .thenThrows('advisory-group-recommends', 422),
    );

    it('lets an advisory group refer an item back', () => {
      const data = { meetingId: 'weg-1', itemId: 'bcf', outcome: 'referred-back' as const, resolution: 'More work on the plan', source };
      spec
        .given(
          [
            {
              type: 'MeetingConvened',
              data: {
                meetingId: 'weg-1',
                date: '2020-10-01',
                bodies: [{ bodyId: 'wirral-executive-group', quorum: 2 }],
                inCommon: false,
                source,
              },
            },
            {
              type: 'AgendaItemAdded',
              data: {
                meetingId: 'weg-1',
                itemId: 'bcf',
                title: 'Better Care Fund plan',
                text: '...',
                functions: ['better-care-fund'],
                areas: ['wirral'],
                source,
              },
            },
          ],
          { bodies: known(advisory) },
        )
        .when({ type: 'RecordDecision', data })
        .then([
          {
            type: 'DecisionRecorded',
            data: { ...data, bodyId: 'wirral-executive-group', quorum: { required: 2, present: 0, quorate: false } },
          },
        ]);
    });

    describe('outcome versus votes', () => {
      const decided = (bodyId: string, outcome: 'carried' | 'defeated', counts: object, extra: object = {}): MeetingEvent => ({
        type: 'DecisionRecorded',
        data: {
          ...decideMerger(bodyId, outcome).data,
          bodyId,
          ...extra,
          counts: { abstain: 0, abstainedNoVoteCast: 0, ...counts },
          countsFrom: 'votes',
          quorum: { required: 2, present: 3, quorate: true },
        } as Extract<MeetingEvent, { type: 'DecisionRecorded' }>['data'],
      });
      const tie = [vote('ec-chair', 'for'), vote('ec-gp', 'against'), vote('ec-nurse', 'abstain')];

      it.each([
        ['carried', [vote('ec-chair', 'for'), vote('ec-gp', 'against'), vote('ec-nurse', 'against')]],
        ['defeated', [vote('ec-chair', 'for'), vote('ec-gp', 'for'), vote('ec-nurse', 'against')]],
        ['carried', tie],
      ] as const)('refuses %s where the votes say otherwise', (outcome, votes) =>
        spec
          .given([...inCommonMeeting, ...votes], inCommon)
          .when(decideMerger('ec-governing-body', outcome))
          .thenThrows('outcome-contradicts-votes', 422),
      );

      it('records a tie as defeated without a casting vote', () =>
        spec
          .given([...inCommonMeeting, ...tie], inCommon)
          .when(decideMerger('ec-governing-body', 'defeated'))
          .then([decided('ec-governing-body', 'defeated', { for: 1, against: 1, abstain: 1 })]));

      it('records a tie carried on the chair’s casting vote for, and defeated on one against', () => {
        const castingFor = { membershipId: 'ec-chair', vote: 'for' as const };
        spec
          .given([...inCommonMeeting, ...tie], inCommon)
          .when({ type: 'RecordDecision', data: { ...decideMerger('ec-governing-body', 'carried').data, castingVote: castingFor } })
          .then([decided('ec-governing-body', 'carried', { for: 1, against: 1, abstain: 1 }, { castingVote: castingFor })]);
        const castingAgainst = { membershipId: 'ec-chair', vote: 'against' as const };
        spec
          .given([...inCommonMeeting, ...tie], inCommon)
          .when({ type: 'RecordDecision', data: { ...decideMerger('ec-governing-body', 'defeated').data, castingVote: castingAgainst } })
          .then([decided('ec-governing-body', 'defeated', { for: 1, against: 1, abstain: 1 }, { castingVote: castingAgainst })]);
        spec
          .given([...inCommonMeeting, ...tie], inCommon)
          .when({ type: 'RecordDecision', data: { ...decideMerger('ec-governing-body', 'carried').data, castingVote: castingAgainst } })
          .thenThrows('outcome-contradicts-votes', 422);
      });

      it('refuses a casting vote where the votes were not tied, or nothing was put to a vote', () => {
        spec
          .given([...inCommonMeeting, vote('ec-chair', 'for'), vote('ec-gp', 'for')], inCommon)
          .when({
            type: 'RecordDecision',
            data: { ...decideMerger('ec-governing-body', 'carried').data, castingVote: { membershipId: 'ec-chair', vote: 'for' } },
          })
          .thenThrows('casting-vote-without-tie', 422);
        spec
          .given(inCommonMeeting, inCommon)
          .when({
            type: 'RecordDecision',
            data: { ...decideMerger('ec-governing-body', 'carried').data, castingVote: { membershipId: 'ec-chair', vote: 'for' } },
          })
          .thenThrows('casting-vote-without-tie', 422);
      });

      it('refuses a casting vote of a member who is not a voter of the deciding body present and free to vote', () => {
        const castBy = (membershipId: string) => ({
          type: 'RecordDecision' as const,
          data: { ...decideMerger('ec-governing-body', 'carried').data, castingVote: { membershipId, vote: 'for' as const } },
        });
        spec
          .given([...inCommonMeeting, ...tie], inCommon)
          .when(castBy('vr-chair'))
          .thenThrows('casting-vote-not-a-voter', 422);
        const onlyTwo: MeetingEvent = {
          type: 'AttendanceRecorded',
          data: { meetingId: m, present: allPresent.data.present.filter((attendee) => attendee.membershipId !== 'ec-nurse'), source },
        };
        spec
          .given([convenedInCommon, mergerItem, onlyTwo, vote('ec-chair', 'for'), vote('ec-gp', 'against')], inCommon)
          .when(castBy('ec-nurse'))
          .thenThrows('casting-vote-not-a-voter', 422);
      });

      it('applies the same rule to entered counts of a historic ballot', () => {
        const ballot = (outcome: 'carried' | 'defeated', counts: { for: number; against: number; abstain: number }) => ({
          type: 'RecordDecision' as const,
          data: { ...decideMerger('vr-governing-body', outcome).data, counts },
        });
        spec
          .given(inCommonMeeting, inCommon)
          .when(ballot('carried', { for: 4, against: 7, abstain: 0 }))
          .thenThrows('outcome-contradicts-votes', 422);
        spec
          .given(inCommonMeeting, inCommon)
          .when(ballot('defeated', { for: 7, against: 4, abstain: 0 }))
          .thenThrows('outcome-contradicts-votes', 422);
        spec
          .given(inCommonMeeting, inCommon)
          .when(ballot('carried', { for: 5, against: 5, abstain: 1 }))
          .thenThrows('outcome-contradicts-votes', 422);
        spec
          .given(inCommonMeeting, inCommon)
          .when(ballot('defeated', { for: 4, against: 7, abstain: 0 }))
          .then([
            {
              type: 'DecisionRecorded',
              data: {
                ...ballot('defeated', { for: 4, against: 7, abstain: 0 }).data,
                bodyId: 'vr-governing-body',
                countsFrom: 'entered',
                quorum: { required: 2, present: 3, quorate: true },
              },
            },
          ]);
      });
    });

    it('counts a voter present who cast no vote as abstained-no-vote-cast, once the body voted; a conflicted member is not one', () => {
      const nurseWithdrew: MeetingEvent = {
        type: 'InterestDeclared',
        data: {
          meetingId: m,
          itemId: 'merger',
          membershipId: 'ec-nurse',
          bodyId: 'ec-governing-body',
          interest: 'x',
          action: 'withdrew',
          source,
        },
      };
      spec
        .given([...inCommonMeeting, vote('ec-chair', 'for')], inCommon)
        .when(decideMerger('ec-governing-body', 'carried'))
        .then([
          {
            type: 'DecisionRecorded',
            data: {
              ...decideMerger('ec-governing-body', 'carried').data,
              bodyId: 'ec-governing-body',
              counts: { for: 1, against: 0, abstain: 0, abstainedNoVoteCast: 2 },
              countsFrom: 'votes',
              quorum: { required: 2, present: 3, quorate: true },
            },
          },
        ]);
      spec
        .given([...inCommonMeeting, nurseWithdrew, vote('ec-chair', 'for')], inCommon)
        .when(decideMerger('ec-governing-body', 'carried'))
        .then([
          {
            type: 'DecisionRecorded',
            data: {
              ...decideMerger('ec-governing-body', 'carried').data,
              bodyId: 'ec-governing-body',
              counts: { for: 1, against: 0, abstain: 0, abstainedNoVoteCast: 1 },
              countsFrom: 'votes',
              quorum: { required: 2, present: 2, quorate: true },
            },
          },
        ]);
    });

    it('records the motion decided, and refuses an unknown one (404)', () => {
      const proposed: MeetingEvent = {
        type: 'MotionProposed',
        data: { meetingId: j, itemId: 'chs', motionId: 'm1', wording: 'That…', mover: 'jcc-ec-ccg', seconder: 'jcc-vr-ccg', source },
      };
      const data = { meetingId: j, itemId: 'chs', outcome: 'carried' as const, resolution: 'Recommission', motionId: 'm1', source };
      spec
        .given([...jointMeeting, proposed], joint)
        .when({ type: 'RecordDecision', data })
        .then([
          { type: 'DecisionRecorded', data: { ...data, bodyId: 'cheshire-jcc', quorum: { required: 2, present: 2, quorate: true } } },
        ]);
      spec.given(jointMeeting, joint).when({ type: 'RecordDecision', data }).thenThrows('unknown-reference', 404);
    });
  });

  describe('LiftConfidentiality', () => {
    const part2: MeetingEvent = {
      type: 'AgendaItemAdded',
      data: {
        ...jointItem.data,
        itemId: 'tender',
        confidential: { paragraph: 3, publicInterestReason: 'tender prices', publicSummary: 'Contract award' },
      } as Extract<MeetingEvent, { type: 'AgendaItemAdded' }>['data'],
    };
    const lift = { meetingId: j, itemId: 'tender', effective: '2018-04-01', reason: 'contract signed', source };

    it('lifts confidentiality from a Part 2 item', () =>
      spec
        .given([convenedJoint, part2], joint)
        .when({ type: 'LiftConfidentiality', data: lift })
        .then([{ type: 'ConfidentialityLifted', data: lift }]));

    it('refuses to lift it twice (409)', () =>
      spec
        .given([convenedJoint, part2, { type: 'ConfidentialityLifted', data: lift }], joint)
        .when({ type: 'LiftConfidentiality', data: lift })
        .thenThrows('confidentiality-already-lifted', 409));

    it('refuses an item that was never confidential', () =>
      spec
        .given([convenedJoint, jointItem], joint)
        .when({ type: 'LiftConfidentiality', data: { ...lift, itemId: 'chs' } })
        .thenThrows('item-not-confidential', 422));

    it('refuses a date before the meeting', () =>
      spec
        .given([convenedJoint, part2], joint)
        .when({ type: 'LiftConfidentiality', data: { ...lift, effective: '2017-01-01' } })
        .thenThrows('before-meeting', 422));
  });

  describe('ImposeConfidentiality', () => {
    const part2: MeetingEvent = {
      type: 'AgendaItemAdded',
      data: {
        ...jointItem.data,
        itemId: 'tender',
        confidential: { paragraph: 3, publicInterestReason: 'tender prices', publicSummary: 'Contract award' },
      } as Extract<MeetingEvent, { type: 'AgendaItemAdded' }>['data'],
    };
    const impose = {
      meetingId: j,
      itemId: 'chs',
      paragraph: 1 as const,
      publicInterestReason: 'names staff',
      publicSummary: 'Staffing',
      source,
    };

    it('takes a public item into Part 2', () =>
      spec
        .given([convenedJoint, jointItem], joint)
        .when({ type: 'ImposeConfidentiality', data: impose })
        .then([{ type: 'ConfidentialityImposed', data: impose }]));

    it('takes an item back into Part 2 after a lift, even one from a date still to come', () => {
      const lifted: MeetingEvent = {
        type: 'ConfidentialityLifted',
        data: { meetingId: j, itemId: 'tender', effective: '2030-01-01', reason: 'contract ends', source },
      };
      spec
        .given([convenedJoint, part2, lifted], joint)
        .when({ type: 'ImposeConfidentiality', data: { ...impose, itemId: 'tender' } })
        .then([{ type: 'ConfidentialityImposed', data: { ...impose, itemId: 'tender' } }]);
    });

    it('refuses an item already in Part 2 (409)', () =>
      spec
        .given([convenedJoint, part2], joint)
        .when({ type: 'ImposeConfidentiality', data: { ...impose, itemId: 'tender' } })
        .thenThrows('item-already-confidential', 409));

    it('refuses a paragraph outside Schedule 12A', () =>
      spec
        .given([convenedJoint, jointItem], joint)
        .when({ type: 'ImposeConfidentiality', data: { ...impose, paragraph: 9 as unknown as 1 } })
        .thenThrows('schedule-12a-paragraph', 422));

    it('refuses an unknown item (404)', () =>
      spec.given([convenedJoint], joint).when({ type: 'ImposeConfidentiality', data: impose }).thenThrows('unknown-reference', 404));
  });

  describe('EraseConfidentialContent', () => {
    const erase = { meetingId: j, itemId: 'chs', reason: 'personal data published in error', source };

    it('erases the content recorded so far, as generation 0 of its key', () =>
      spec
        .given([convenedJoint, jointItem], joint)
        .when({ type: 'EraseConfidentialContent', data: erase })
        .then([{ type: 'ConfidentialContentErased', data: { ...erase, generation: 0 } }]));

    const erased: MeetingEvent = { type: 'ConfidentialContentErased', data: { ...erase, generation: 0 } };
    const motion: MeetingEvent = {
      type: 'MotionProposed',
      data: {
        meetingId: j,
        itemId: 'chs',
        motionId: 'm1',
        wording: 'That the committee recommissions',
        mover: 'jcc-ec-ccg',
        seconder: 'jcc-vr-ccg',
        source,
      },
    };

    it('erases again what was recorded after an erasure, as the next generation', () =>
      spec
        .given([...jointMeeting, erased, motion], joint)
        .when({ type: 'EraseConfidentialContent', data: erase })
        .then([{ type: 'ConfidentialContentErased', data: { ...erase, generation: 1 } }]));

    // Content sealed under the live generation may be in another meeting's stream (an amendment about the item).
    it('erases again with nothing recorded here since the last erasure, as the next generation', () =>
      spec
        .given([...jointMeeting, erased], joint)
        .when({ type: 'EraseConfidentialContent', data: erase })
        .then([{ type: 'ConfidentialContentErased', data: { ...erase, generation: 1 } }]));

    it('counts only erasures of this item: one of another item leaves it at generation 0', () =>
      spec
        .given(
          [
            ...jointMeeting,
            { type: 'AgendaItemAdded', data: { ...jointItem.data, itemId: 'other' } } as MeetingEvent,
            { type: 'ConfidentialContentErased', data: { ...erase, itemId: 'other', generation: 0 } },
          ],
          joint,
        )
        .when({ type: 'EraseConfidentialContent', data: erase })
        .then([{ type: 'ConfidentialContentErased', data: { ...erase, generation: 0 } }]));

    it('erases a third time as generation 2', () =>
      spec
        .given([...jointMeeting, erased, { type: 'ConfidentialContentErased', data: { ...erase, generation: 1 } }], joint)
        .when({ type: 'EraseConfidentialContent', data: erase })
        .then([{ type: 'ConfidentialContentErased', data: { ...erase, generation: 2 } }]));

    it('refuses an erasure without a reason', () =>
      spec
        .given([convenedJoint, jointItem], joint)
        .when({ type: 'EraseConfidentialContent', data: { ...erase, reason: '  ' } })
        .thenThrows('erasure-reason', 422));
  });

  describe('ApproveMinutes', () => {
    const nextMeeting: MeetingEvent = {
      type: 'MeetingConvened',
      data: { ...convenedJoint.data, meetingId: 'jcc-2017-10', date: '2017-10-26' },
    };
    const earlier = { meetings: new Map([[j, evolveMeeting({ recorded: false }, convenedJoint) as ConvenedMeeting]]), ...joint };
    const approve = { meetingId: 'jcc-2017-10', minutesOfMeetingId: j, approval: 'as-correct-record' as const, source };

    it('approves the minutes of an earlier meeting as a correct record', () =>
      spec
        .given([nextMeeting], earlier)
        .when({ type: 'ApproveMinutes', data: approve })
        .then([{ type: 'MinutesApproved', data: { ...approve, amendments: [] } }]));

    it('approves them subject to amendments', () => {
      const data = {
        ...approve,
        approval: 'subject-to-amendments' as const,
        amendments: ['Item 3: Healthwatch attended as a standing member'],
      };
      spec
        .given([nextMeeting], earlier)
        .when({ type: 'ApproveMinutes', data })
        .then([{ type: 'MinutesApproved', data }]);
    });

    it('refuses amendments missing, or given with a correct record', () => {
      spec
        .given([nextMeeting], earlier)
        .when({ type: 'ApproveMinutes', data: { ...approve, approval: 'subject-to-amendments' } })
        .thenThrows('minutes-amendments', 422);
      spec
        .given([nextMeeting], earlier)
        .when({ type: 'ApproveMinutes', data: { ...approve, amendments: ['x'] } })
        .thenThrows('minutes-amendments', 422);
    });

    describe('with amendments about an item', () => {
      const withItem = {
        meetings: new Map([[j, evolveMeeting(evolveMeeting({ recorded: false }, convenedJoint), jointItem) as ConvenedMeeting]]),
        ...joint,
      };
      const subject = { ...approve, approval: 'subject-to-amendments' as const };
      const aboutChs = [{ itemId: 'chs', text: 'The resolution names three providers, not two' }];

      it('approves the minutes subject to amendments that are each about an item of the minuted meeting', () =>
        spec
          .given([nextMeeting], withItem)
          .when({ type: 'ApproveMinutes', data: { ...subject, itemAmendments: aboutChs } })
          .then([{ type: 'MinutesApproved', data: { ...subject, amendments: [], itemAmendments: aboutChs } }]));

      it('keeps amendments about the minutes as a whole beside them', () =>
        spec
          .given([nextMeeting], withItem)
          .when({ type: 'ApproveMinutes', data: { ...subject, amendments: ['Apologies: add Ms Smith'], itemAmendments: aboutChs } })
          .then([{ type: 'MinutesApproved', data: { ...subject, amendments: ['Apologies: add Ms Smith'], itemAmendments: aboutChs } }]));

      it('refuses an amendment about an item the minuted meeting does not have, naming it', () => {
        const itemAmendments = [...aboutChs, { itemId: 'not-an-item', text: 'x' }];
        spec
          .given([nextMeeting], withItem)
          .when({ type: 'ApproveMinutes', data: { ...subject, itemAmendments } })
          .thenThrows('amendment-item', 422);
        expect(() =>
          meetingDecider.decide(
            { type: 'ApproveMinutes', data: { ...subject, itemAmendments } },
            { ...fold(meetingDecider, [nextMeeting]), ...withItem },
          ),
        ).toThrow(expect.objectContaining({ field: 'itemAmendments[1]' }));
      });

      it('refuses an amendment about an item of the approving meeting rather than the minuted one', () =>
        spec
          .given([nextMeeting, { ...jointItem, data: { ...jointItem.data, meetingId: 'jcc-2017-10', itemId: 'later-item' } }], withItem)
          .when({ type: 'ApproveMinutes', data: { ...subject, itemAmendments: [{ itemId: 'later-item', text: 'x' }] } })
          .thenThrows('amendment-item', 422));

      it('refuses amendments about an item given with a correct record', () =>
        spec
          .given([nextMeeting], withItem)
          .when({ type: 'ApproveMinutes', data: { ...approve, itemAmendments: aboutChs } })
          .thenThrows('minutes-amendments', 422));

      it('refuses subject to amendments with an empty list of either kind', () =>
        spec
          .given([nextMeeting], withItem)
          .when({ type: 'ApproveMinutes', data: { ...subject, amendments: [], itemAmendments: [] } })
          .thenThrows('minutes-amendments', 422));
    });

    it('refuses the minutes of an unknown meeting (404)', () =>
      spec.given([nextMeeting], joint).when({ type: 'ApproveMinutes', data: approve }).thenThrows('unknown-reference', 404));

    it('refuses the minutes of a meeting not earlier', () => {
      const same = {
        meetings: new Map([
          [
            j,
            evolveMeeting(
              { recorded: false },
              { ...convenedJoint, data: { ...convenedJoint.data, date: '2017-10-26' } },
            ) as ConvenedMeeting,
          ],
        ]),
      };
      spec.given([nextMeeting], same).when({ type: 'ApproveMinutes', data: approve }).thenThrows('minutes-of-earlier-meeting', 422);
    });

    it('refuses approving the same minutes twice at the meeting (409)', () =>
      spec
        .given([nextMeeting, { type: 'MinutesApproved', data: { ...approve, amendments: [] } }], earlier)
        .when({ type: 'ApproveMinutes', data: approve })
        .thenThrows('already-recorded', 409));

    describe('of another body', () => {
      const ofBody = (meetingId: string, bodyId: string, date: string): ConvenedMeeting =>
        evolveMeeting(
          { recorded: false },
          {
            type: 'MeetingConvened',
            data: { meetingId, date, bodies: [{ bodyId, quorum: 2 }], inCommon: false, source },
          },
        ) as ConvenedMeeting;
      const approveAt = { meetingId: 'jcc-2017-10', minutesOfMeetingId: 'ec-2017-06', approval: 'as-correct-record' as const, source };
      const ecMeeting = new Map([['ec-2017-06', ofBody('ec-2017-06', 'ec-governing-body', '2017-06-01')]]);

      it('refuses minutes of a meeting of another body', () =>
        spec
          .given([nextMeeting], { ...joint, meetings: ecMeeting })
          .when({ type: 'ApproveMinutes', data: approveAt })
          .thenThrows('minutes-of-another-body', 422));

      it('lets a successor body approve the minutes of its predecessor, however far down the line', () => {
        const successors = successorsFrom([
          {
            type: 'MergerRecorded',
            data: {
              reorganisationId: 'cheshire-merger',
              predecessorBodyIds: ['ec-governing-body', 'vr-governing-body'],
              successorBodyId: 'cheshire-gb',
              legalDate: '2017-07-01',
              grantedDelegations: 'carry-over',
              source,
            },
          },
          {
            type: 'TransferSchemeRecorded',
            data: {
              reorganisationId: 'ics',
              abolishedBodyIds: ['cheshire-gb'],
              receivingBodyId: 'cheshire-jcc',
              legalDate: '2017-09-01',
              functions: 'all',
              areas: 'all',
              source,
            },
          },
        ] satisfies ReorganisationEvent[]);
        expect(successors.get('ec-governing-body')).toEqual(['cheshire-gb', 'cheshire-jcc']);
        expect(successors.get('cheshire-gb')).toEqual(['cheshire-jcc']);
        spec
          .given([nextMeeting], { ...joint, meetings: ecMeeting, successors })
          .when({ type: 'ApproveMinutes', data: approveAt })
          .then([{ type: 'MinutesApproved', data: { ...approveAt, amendments: [] } }]);
        // Succession runs one way: a predecessor does not approve its successor's minutes.
        spec
          .given([{ ...nextMeeting, data: { ...nextMeeting.data, bodies: [{ bodyId: 'ec-governing-body', quorum: 2 }] } }], {
            ...inCommon,
            meetings: new Map([['ec-2017-06', ofBody('ec-2017-06', 'cheshire-jcc', '2017-06-01')]]),
            successors,
          })
          .when({ type: 'ApproveMinutes', data: approveAt })
          .thenThrows('minutes-of-another-body', 422);
      });

      it('lets committees in common approve the minutes of a meeting of any one of them', () =>
        spec
          .given([{ ...convenedInCommon, data: { ...convenedInCommon.data, meetingId: 'gbs-2019-10', date: '2019-10-24' } }], {
            ...inCommon,
            meetings: new Map([['vr-2019-08', ofBody('vr-2019-08', 'vr-governing-body', '2019-08-01')]]),
          })
          .when({ type: 'ApproveMinutes', data: { ...approveAt, meetingId: 'gbs-2019-10', minutesOfMeetingId: 'vr-2019-08' } })
          .then([
            {
              type: 'MinutesApproved',
              data: { ...approveAt, meetingId: 'gbs-2019-10', minutesOfMeetingId: 'vr-2019-08', amendments: [] },
            },
          ]));
    });
  });

  describe('CallIn and RecordCallInResult', () => {
    // Wirral's Joint Strategic Commissioning Board approved the pooled fund on 2018-10-16; called in.
    // The board is taken here as a committee of Wirral Council, whose decisions call-in reaches.
    const council = body('wirral-council', 'local-authority', []);
    const board = body(
      'wirral-jscb',
      'committee',
      [
        ['jscb-chair', true],
        ['jscb-member', true],
      ],
      undefined,
      'wirral-council',
    );
    const w = 'jscb-2018-10-16';
    const boardMeeting: MeetingEvent[] = [
      {
        type: 'MeetingConvened',
        data: { meetingId: w, date: '2018-10-16', bodies: [{ bodyId: 'wirral-jscb', quorum: 2 }], inCommon: false, source },
      },
      {
        type: 'AgendaItemAdded',
        data: {
          meetingId: w,
          itemId: 'pooled-fund',
          title: 'Section 75 pooled fund',
          text: '...',
          functions: ['adult-social-care'],
          areas: ['wirral'],
          source,
        },
      },
    ];
    const decided = (outcome: 'carried' | 'deferred'): MeetingEvent => ({
      type: 'DecisionRecorded',
      data: {
        meetingId: w,
        itemId: 'pooled-fund',
        bodyId: 'wirral-jscb',
        outcome,
        resolution: 'Approve the pooled fund',
        quorum: { required: 2, present: 2, quorate: true },
        source,
      },
    });
    const context = { bodies: known(board, council) };
    const callIn = { meetingId: w, itemId: 'pooled-fund', effective: '2018-10-23', reason: 'Called in by members', source };
    const calledIn: MeetingEvent = { type: 'DecisionCalledIn', data: { ...callIn, bodyId: 'wirral-jscb' } };
    const result = { meetingId: w, itemId: 'pooled-fund', result: 'referred-to-full-council' as const, effective: '2018-11-05', source };

    it('calls in a decision, which is suspended until its result', () => {
      spec
        .given([...boardMeeting, decided('carried')], context)
        .when({ type: 'CallIn', data: callIn })
        .then([calledIn]);
      const state = [...boardMeeting, decided('carried'), calledIn].reduce(evolveMeeting, { recorded: false }) as ConvenedMeeting;
      expect(isSuspended(state.items.get('pooled-fund')!.decisions.get('wirral-jscb')!)).toBe(true);
    });

    it('refuses a call-in of an item not decided (404)', () =>
      spec.given(boardMeeting, context).when({ type: 'CallIn', data: callIn }).thenThrows('unknown-reference', 404));

    it('refuses a call-in of a deferral', () =>
      spec
        .given([...boardMeeting, decided('deferred')], context)
        .when({ type: 'CallIn', data: callIn })
        .thenThrows('nothing-to-call-in', 422));

    it('refuses a second call-in (409)', () =>
      spec
        .given([...boardMeeting, decided('carried'), calledIn], context)
        .when({ type: 'CallIn', data: callIn })
        .thenThrows('already-called-in', 409));

    it('refuses a call-in dated before the meeting', () =>
      spec
        .given([...boardMeeting, decided('carried')], context)
        .when({ type: 'CallIn', data: { ...callIn, effective: '2018-10-01' } })
        .thenThrows('before-meeting', 422));

    it('refuses a call-in naming a body not in the meeting', () =>
      spec
        .given([...boardMeeting, decided('carried')], context)
        .when({ type: 'CallIn', data: { ...callIn, bodyId: 'elsewhere' } })
        .thenThrows('body-not-in-meeting', 422));

    it('records the result, which ends the suspension', () => {
      spec
        .given([...boardMeeting, decided('carried'), calledIn], context)
        .when({ type: 'RecordCallInResult', data: result })
        .then([{ type: 'CallInResultRecorded', data: { ...result, bodyId: 'wirral-jscb' } }]);
      const state = [
        ...boardMeeting,
        decided('carried'),
        calledIn,
        { type: 'CallInResultRecorded', data: { ...result, bodyId: 'wirral-jscb' } } as MeetingEvent,
      ].reduce(evolveMeeting, { recorded: false }) as ConvenedMeeting;
      expect(isSuspended(state.items.get('pooled-fund')!.decisions.get('wirral-jscb')!)).toBe(false);
    });

    it('refuses a result without a call-in (404)', () =>
      spec
        .given([...boardMeeting, decided('carried')], context)
        .when({ type: 'RecordCallInResult', data: result })
        .thenThrows('unknown-reference', 404));

    it('refuses a second result (409)', () =>
      spec
        .given(
          [...boardMeeting, decided('carried'), calledIn, { type: 'CallInResultRecorded', data: { ...result, bodyId: 'wirral-jscb' } }],
          context,
        )
        .when({ type: 'RecordCallInResult', data: { ...result, result: 'confirmed' } })
        .thenThrows('already-recorded', 409));

    it('refuses a result dated before the call-in', () =>
      spec
        .given([...boardMeeting, decided('carried'), calledIn], context)
        .when({ type: 'RecordCallInResult', data: { ...result, effective: '2018-10-20' } })
        .thenThrows('before-call-in', 422));

    describe('applies only to a local authority’s decisions', () => {
      const jcc = (councilVotes: boolean) =>
        body('cheshire-jcc', 'joint-committee', [
          ['jcc-ec-ccg', true, 'nhs-eastern-cheshire-ccg'],
          ['jcc-cheshire-east-council', councilVotes, 'cheshire-east-council'],
        ]);
      const eastCouncil = body('cheshire-east-council', 'local-authority', []);
      const ccg = body('nhs-eastern-cheshire-ccg', 'ccg', []);
      const jointDecided: MeetingEvent = {
        type: 'DecisionRecorded',
        data: {
          meetingId: j,
          itemId: 'chs',
          bodyId: 'cheshire-jcc',
          outcome: 'agreed-without-vote',
          resolution: 'Recommission',
          quorum: { required: 2, present: 2, quorate: true },
          source,
        },
      };
      const callInJoint = { meetingId: j, itemId: 'chs', effective: '2017-10-02', reason: 'Called in by five members', source };

      it('refuses a call-in of a CCG committee’s decision', () =>
        spec
          .given([...boardMeeting, decided('carried')], {
            bodies: known({ ...board, parentBodyId: 'nhs-wirral-ccg' }, body('nhs-wirral-ccg', 'ccg', [])),
          })
          .when({ type: 'CallIn', data: callIn })
          .thenThrows('call-in-not-applicable', 422));

      it('calls in the decision of a sub-committee of a council committee', () => {
        const subCommittee = body('wirral-jscb', 'committee', [['jscb-chair', true]], undefined, 'wirral-cabinet');
        const cabinet = body('wirral-cabinet', 'committee', [], undefined, 'wirral-council');
        spec
          .given([...boardMeeting, decided('carried')], { bodies: known(subCommittee, cabinet, council) })
          .when({ type: 'CallIn', data: callIn })
          .then([calledIn]);
      });

      it('calls in a joint committee’s decision where a council votes, not where its members sit without a vote', () => {
        spec
          .given([...jointMeeting, jointDecided], { bodies: known(jcc(true), eastCouncil, ccg) })
          .when({ type: 'CallIn', data: callInJoint })
          .then([{ type: 'DecisionCalledIn', data: { ...callInJoint, bodyId: 'cheshire-jcc' } }]);
        spec
          .given([...jointMeeting, jointDecided], { bodies: known(jcc(false), eastCouncil, ccg) })
          .when({ type: 'CallIn', data: callInJoint })
          .thenThrows('call-in-not-applicable', 422);
      });
    });

    it('needs the bodyId at a meeting in common', () =>
      spec
        .given(
          [
            ...inCommonMeeting,
            {
              type: 'DecisionRecorded',
              data: {
                meetingId: m,
                itemId: 'merger',
                bodyId: 'ec-governing-body',
                outcome: 'carried',
                resolution: 'x',
                quorum: { required: 2, present: 3, quorate: true },
                source,
              },
            },
          ],
          inCommon,
        )
        .when({ type: 'CallIn', data: { meetingId: m, itemId: 'merger', effective: '2019-10-01', reason: 'x', source } })
        .thenThrows('decision-per-committee', 422));
  });

  describe('what the handler loads', () => {
    it('names the convened bodies, then the meeting’s own, and the meeting whose minutes are approved', () => {
      expect(meetingBodiesNamedBy({ type: 'ConveneMeeting', data: convenedInCommon.data }, { recorded: false })).toEqual([
        'ec-governing-body',
        'vr-governing-body',
      ]);
      const meeting = evolveMeeting({ recorded: false }, convenedJoint);
      expect(
        meetingBodiesNamedBy({ type: 'CastVote', data: { meetingId: j, itemId: 'chs', membershipId: 'x', vote: 'for', source } }, meeting),
      ).toEqual(['cheshire-jcc']);
      expect(
        meetingsNamedBy({
          type: 'ApproveMinutes',
          data: { meetingId: 'later', minutesOfMeetingId: j, approval: 'as-correct-record', source },
        }),
      ).toEqual([j]);
    });
    it('names, for a call-in, the bodies whose lines of parents the decider needs; reorganisations only to approve minutes', () => {
      const meeting = evolveMeeting({ recorded: false }, convenedJoint);
      const withCouncil = known(body('cheshire-jcc', 'joint-committee', [['jcc-council', false, 'cheshire-east-council']]));
      const callIn = { type: 'CallIn' as const, data: { meetingId: j, itemId: 'chs', effective: '2017-10-02', reason: 'x', source } };
      expect(meetingParentLinesNamedBy(callIn, meeting, withCouncil)).toEqual(['cheshire-jcc', 'cheshire-east-council']);
      expect(
        meetingParentLinesNamedBy(
          { type: 'CastVote', data: { meetingId: j, itemId: 'chs', membershipId: 'x', vote: 'for', source } },
          meeting,
          withCouncil,
        ),
      ).toEqual([]);
      expect(
        meetingReadsReorganisations({
          type: 'ApproveMinutes',
          data: { meetingId: 'later', minutesOfMeetingId: j, approval: 'as-correct-record', source },
        }),
      ).toBe(true);
      expect(meetingReadsReorganisations(callIn)).toBe(false);
    });
  });

  describe('evolve', () => {
    it('ignores facts about an item a correction withdrew', () => {
      const state = evolveMeeting(evolveMeeting({ recorded: false }, convenedJoint), vote('jcc-ec-ccg', 'for'));
      expect(state).toEqual(evolveMeeting({ recorded: false }, convenedJoint));
    });
  });
});
