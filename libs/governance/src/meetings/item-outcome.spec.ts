import { BodyEvent } from '../bodies/body.events';
import { evolveBody } from '../bodies/body.decider';
import { EstablishedBody } from '../bodies/body.state';
import { fold } from '../decider';
import { DomainError } from '../shared/domain-error';
import { outcomeParts } from './item-outcome';
import { ItemOutcome, MeetingCommand } from './meeting.commands';
import { meetingDecider, MeetingDecisionState } from './meeting.decider';
import { MeetingEvent } from './meeting.events';
import { evolveMeeting } from './meeting.evolve';

const source = { title: 'Illustrative minutes', illustrative: true };

/** A body of [membershipId, voting] members, from 2013 onwards. */
function body(bodyId: string, members: [string, boolean][]): EstablishedBody {
  const events: BodyEvent[] = [
    { type: 'BodyEstablished', data: { bodyId, kind: 'committee', name: bodyId, areas: [], effective: '2013-04-01', source } },
    ...members.map(([membershipId, voting]): BodyEvent => ({
      type: 'MemberAppointed',
      data: { bodyId, membershipId, member: { seat: membershipId }, role: 'member', voting, from: '2013-04-01', to: null, source },
    })),
  ];
  return events.reduce(evolveBody, { recorded: false }) as EstablishedBody;
}

const board = body('wirral-board', [
  ['chair', true],
  ['gp', true],
  ['nurse', true],
  ['lay', true],
  ['adviser', false],
  ['absent', true],
]);
const meetingId = 'board-2019-05';
const itemId = 'budget';
const meeting: MeetingEvent[] = [
  {
    type: 'MeetingConvened',
    data: { meetingId, date: '2019-05-09', bodies: [{ bodyId: 'wirral-board', quorum: 3 }], inCommon: false, source },
  },
  { type: 'AgendaItemAdded', data: { meetingId, itemId, title: 'Budget', text: 'Set the budget', functions: [], areas: [], source } },
  {
    type: 'AttendanceRecorded',
    data: {
      meetingId,
      present: ['chair', 'gp', 'nurse', 'lay', 'adviser'].map((membershipId) => ({ membershipId, bodyId: 'wirral-board' })),
      source,
    },
  },
];
const context: Partial<MeetingDecisionState> = { bodies: new Map([[board.bodyId, board]]) };
const state = (events: MeetingEvent[] = meeting): MeetingDecisionState => ({ ...fold(meetingDecider, events), ...context });

const outcome = (parts: Partial<ItemOutcome> = {}): MeetingCommand => ({
  type: 'RecordItemOutcome',
  data: {
    meetingId,
    itemId,
    source,
    declarations: [{ membershipId: 'lay', interest: 'governor of a provider', action: 'withdrew' }],
    motion: { motionId: 'budget-motion', wording: 'That the budget be set', mover: 'chair', seconder: 'gp' },
    votes: [
      { membershipId: 'chair', vote: 'for' },
      { membershipId: 'gp', vote: 'for' },
      { membershipId: 'nurse', vote: 'against' },
    ],
    decision: { outcome: 'carried', resolution: 'The budget was set' },
    ...parts,
  },
});

/** The command's refusal: its rule, status and the field naming the failing part. */
function refusal(command: MeetingCommand, events: MeetingEvent[] = meeting): Pick<DomainError, 'rule' | 'status' | 'field'> {
  try {
    meetingDecider.decide(command, state(events));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { rule: error.rule, status: error.status, field: error.field };
  }
  throw new Error('the command was recorded');
}

describe('RecordItemOutcome: one request per item, judged by the separate commands’ rules', () => {
  it('records what the separate commands record, in order, on the motion put', () => {
    const command = outcome();
    // The separate commands, each decided on the meeting as the ones before it left it.
    let separately = state();
    const expected: MeetingEvent[] = [];
    for (const [, part] of outcomeParts(command.data as ItemOutcome & { source: typeof source })) {
      const decided = meetingDecider.decide(part, separately);
      expected.push(...decided);
      separately = { ...separately, meeting: decided.reduce(evolveMeeting, separately.meeting) };
    }
    const recorded = meetingDecider.decide(command, state());
    expect(recorded).toEqual(expected);
    expect(recorded.map((event) => event.type)).toEqual([
      'InterestDeclared',
      'MotionProposed',
      'VoteCast',
      'VoteCast',
      'VoteCast',
      'DecisionRecorded',
    ]);
    expect(recorded.filter((event) => event.type === 'VoteCast').map((event) => event.data)).toEqual(
      ['chair', 'gp', 'nurse'].map((membershipId) => expect.objectContaining({ membershipId, motionId: 'budget-motion', source })),
    );
    // The lay member withdrew: not counted in the quorum, nor as a silent voter.
    expect(recorded[recorded.length - 1].data).toMatchObject({
      motionId: 'budget-motion',
      counts: { for: 2, against: 1, abstain: 0, abstainedNoVoteCast: 0 },
      countsFrom: 'votes',
      quorum: { required: 3, present: 3, quorate: true },
    });
  });

  it('records an item agreed without a vote from its decision alone', () =>
    expect(
      meetingDecider.decide(
        outcome({
          declarations: undefined,
          motion: undefined,
          votes: undefined,
          decision: { outcome: 'agreed-without-vote', resolution: 'Noted' },
        }),
        state(),
      ),
    ).toEqual([
      {
        type: 'DecisionRecorded',
        data: {
          meetingId,
          itemId,
          bodyId: 'wirral-board',
          outcome: 'agreed-without-vote',
          resolution: 'Noted',
          source,
          quorum: { required: 3, present: 4, quorate: true },
        },
      },
    ]));

  it('carries a tie on the casting vote of the chair', () => {
    const votes = [
      { membershipId: 'chair', vote: 'for' as const },
      { membershipId: 'gp', vote: 'against' as const },
    ];
    const decided = meetingDecider.decide(
      outcome({ votes, decision: { outcome: 'carried', resolution: 'Set', castingVote: { membershipId: 'chair', vote: 'for' } } }),
      state(),
    );
    expect(decided[decided.length - 1].data).toMatchObject({ castingVote: { membershipId: 'chair', vote: 'for' } });
  });

  describe('refuses the whole outcome, naming the failing part, with the separate command’s rule', () => {
    const votes = (...members: [string, 'for' | 'against'][]) => members.map(([membershipId, vote]) => ({ membershipId, vote }));
    const cases: [string, MeetingCommand, { rule: string; status: number; field?: string }, MeetingEvent[]?][] = [
      [
        'an unknown agenda item (no part at fault)',
        outcome({ itemId: 'nothing' }),
        { rule: 'unknown-reference', status: 404, field: undefined },
      ],
      [
        'a declaration by an unknown membership',
        outcome({ declarations: [{ membershipId: 'stranger', interest: 'x', action: 'noted' }] }),
        { rule: 'unknown-reference', status: 404, field: 'declarations[0].membershipId' },
      ],
      [
        'a motion seconded by its mover',
        outcome({ motion: { motionId: 'm', wording: 'That', mover: 'chair', seconder: 'chair' } }),
        { rule: 'seconder-is-mover', status: 422, field: 'motion.seconder' },
      ],
      [
        'a motion moved by a member not present',
        outcome({ motion: { motionId: 'm', wording: 'That', mover: 'absent', seconder: 'chair' } }),
        { rule: 'not-present', status: 422, field: 'motion' },
      ],
      [
        'a vote of a member whose declaration (in the same outcome) bars it',
        outcome({ votes: votes(['chair', 'for'], ['gp', 'for'], ['nurse', 'against'], ['lay', 'for']) }),
        { rule: 'conflicted-member', status: 422, field: 'votes[3]' },
      ],
      [
        'a second vote of the same member',
        outcome({ votes: votes(['chair', 'for'], ['chair', 'against']) }),
        { rule: 'already-voted', status: 409, field: 'votes[1]' },
      ],
      [
        'a vote of a non-voting member',
        outcome({ votes: votes(['adviser', 'for']) }),
        { rule: 'non-voting-member', status: 422, field: 'votes[0]' },
      ],
      [
        'a vote of a member not present',
        outcome({ votes: votes(['absent', 'for']) }),
        { rule: 'not-present', status: 422, field: 'votes[0]' },
      ],
      [
        'a decision the votes contradict',
        outcome({ decision: { outcome: 'defeated', resolution: 'Not set' } }),
        { rule: 'outcome-contradicts-votes', status: 422, field: 'decision.outcome' },
      ],
      [
        'a casting vote without a tie',
        outcome({ decision: { outcome: 'carried', resolution: 'Set', castingVote: { membershipId: 'chair', vote: 'for' } } }),
        { rule: 'casting-vote-without-tie', status: 422, field: 'decision.castingVote' },
      ],
      [
        'a casting vote of a member who may not vote on the item',
        outcome({
          votes: votes(['chair', 'for'], ['gp', 'against']),
          decision: { outcome: 'carried', resolution: 'Set', castingVote: { membershipId: 'lay', vote: 'for' } },
        }),
        { rule: 'casting-vote-not-a-voter', status: 422, field: 'decision.castingVote' },
      ],
      [
        'a decision of a body not meeting',
        outcome({ decision: { outcome: 'carried', resolution: 'Set', bodyId: 'other-board' } }),
        { rule: 'body-not-in-meeting', status: 422, field: 'decision.bodyId' },
      ],
      [
        'an item already decided (refused at its first part)',
        outcome(),
        { rule: 'item-decided', status: 409, field: 'declarations[0]' },
        [
          ...meeting,
          {
            type: 'DecisionRecorded',
            data: {
              meetingId,
              itemId,
              bodyId: 'wirral-board',
              outcome: 'deferred',
              resolution: 'Deferred',
              source,
              quorum: { required: 3, present: 4, quorate: true },
            },
          },
        ],
      ],
    ];
    it.each(cases.map(([name, command, expected, events]) => ({ name, command, expected, events })))(
      '$name',
      ({ command, expected, events }) => expect(refusal(command, events)).toEqual(expected),
    );

    it('refuses a part exactly as its separate command is refused', () => {
      const command = outcome({ votes: votes(['chair', 'for'], ['adviser', 'for']) });
      let separately = state();
      let separateRule: string | undefined;
      for (const [, part] of outcomeParts(command.data as ItemOutcome & { source: typeof source })) {
        try {
          separately = { ...separately, meeting: meetingDecider.decide(part, separately).reduce(evolveMeeting, separately.meeting) };
        } catch (error) {
          separateRule = (error as DomainError).rule;
          break;
        }
      }
      expect(separateRule).toBe('non-voting-member');
      expect(refusal(command).rule).toBe(separateRule);
    });
  });
});
