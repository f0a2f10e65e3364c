import { deciderSpec } from '../../test/decider-spec';
import { evolveBody } from '../bodies/body.decider';
import { BodyEvent } from '../bodies/body.events';
import { EstablishedBody } from '../bodies/body.state';
import { fold } from '../decider';
import { MeetingCommand } from './meeting.commands';
import { MeetingEvent } from './meeting.events';
import { commandRecording, meetingDecider, MeetingDecisionState } from './meeting.decider';

const source = { title: 'Place committee minutes', illustrative: true };
const check = deciderSpec(meetingDecider);

/** given/when/then, and each fact decided is decided again from the command recording it (as a correction replays it). */
const spec = {
  given(events: MeetingEvent[], context: Partial<MeetingDecisionState> = { bodies }) {
    return {
      when(command: MeetingCommand) {
        const then = check.given(events, context).when(command);
        return {
          ...then,
          then(expected: MeetingEvent[]) {
            then.then(expected);
            const state = { ...fold(meetingDecider, events), ...context };
            for (const event of expected) expect(meetingDecider.decide(commandRecording(event), state)).toEqual([event]);
          },
        };
      },
    };
  },
};

/** chair, gp and nurse vote; sub is a substitute member without a vote of its own. */
function committee(): EstablishedBody {
  const events: BodyEvent[] = [
    { type: 'BodyEstablished', data: { bodyId: 'place', kind: 'committee', name: 'Place', areas: [], effective: '2020-04-01', source } },
    ...(
      [
        ['chair', true],
        ['gp', true],
        ['nurse', true],
        ['sub', false],
      ] as const
    ).map(([membershipId, voting]): BodyEvent => ({
      type: 'MemberAppointed',
      data: { bodyId: 'place', membershipId, member: { seat: membershipId }, role: 'member', voting, from: '2020-04-01', to: null, source },
    })),
  ];
  return events.reduce(evolveBody, { recorded: false }) as EstablishedBody;
}

const bodies = new Map([['place', committee()]]);
const m = 'place-2021-06';
const at = (membershipId: string) => ({ membershipId, bodyId: 'place' });
const convened: MeetingEvent = {
  type: 'MeetingConvened',
  data: { meetingId: m, date: '2021-06-10', bodies: [{ bodyId: 'place', quorum: 2 }], inCommon: false, source },
};
const item = (itemId: string): MeetingEvent => ({
  type: 'AgendaItemAdded',
  data: { meetingId: m, itemId, title: itemId, text: itemId, functions: [], areas: [], source },
});
const agenda = [convened, item('first'), item('second'), item('third')];
const attended = (data: Partial<Extract<MeetingEvent, { type: 'AttendanceRecorded' }>['data']>): MeetingEvent => ({
  type: 'AttendanceRecorded',
  data: { meetingId: m, present: [], source, ...data },
});
const vote = (itemId: string, membershipId: string): MeetingCommand => ({
  type: 'CastVote',
  data: { meetingId: m, itemId, membershipId, vote: 'for', source },
});
const voted = (itemId: string, membershipId: string): MeetingEvent => ({
  type: 'VoteCast',
  data: { meetingId: m, itemId, membershipId, bodyId: 'place', vote: 'for', source },
});
const arrived = (membershipId: string, beforeItem: string): MeetingEvent => ({
  type: 'MemberArrived',
  data: { meetingId: m, membershipId, bodyId: 'place', beforeItem, source },
});
const departed = (membershipId: string, afterItem: string): MeetingEvent => ({
  type: 'MemberDeparted',
  data: { meetingId: m, membershipId, bodyId: 'place', afterItem, source },
});

describe('attendance as it happens (issue 19)', () => {
  describe('RecordAttendance', () => {
    it('records apologies, a substitute and officers in attendance', () =>
      spec
        .given(agenda)
        .when({
          type: 'RecordAttendance',
          data: {
            meetingId: m,
            present: ['chair', 'gp'],
            apologies: ['nurse'],
            substitutes: [{ membershipId: 'sub', substituteFor: 'nurse' }],
            inAttendance: [{ name: 'A. Officer', role: 'Director of Commissioning' }],
            source,
          },
        })
        .then([
          attended({
            present: [at('chair'), at('gp')],
            apologies: [at('nurse')],
            substitutes: [{ ...at('sub'), substituteFor: 'nurse' }],
            inAttendance: [{ name: 'A. Officer', role: 'Director of Commissioning' }],
          }),
        ]));

    it('refuses a member both present and absent, in one record or across two (409 attendance-contradicts)', () => {
      spec
        .given(agenda)
        .when({ type: 'RecordAttendance', data: { meetingId: m, present: ['nurse'], apologies: ['nurse'], source } })
        .thenThrows('attendance-contradicts', 409);
      spec
        .given([...agenda, attended({ present: [at('nurse')] })])
        .when({
          type: 'RecordAttendance',
          data: { meetingId: m, present: [], substitutes: [{ membershipId: 'sub', substituteFor: 'nurse' }], source },
        })
        .thenThrows('attendance-contradicts', 409);
    });

    it('refuses a member substituting for itself', () =>
      spec
        .given(agenda)
        .when({
          type: 'RecordAttendance',
          data: { meetingId: m, present: [], substitutes: [{ membershipId: 'gp', substituteFor: 'gp' }], source },
        })
        .thenThrows('substitute-of-another-body', 422));

    it('refuses a record naming nobody', () =>
      spec
        .given(agenda)
        .when({ type: 'RecordAttendance', data: { meetingId: m, present: [], source } })
        .thenThrows('attendance-empty', 422));
  });

  describe('a substitute votes in place of the member it sits for', () => {
    const withSubstitute = [
      ...agenda,
      attended({ present: [at('chair')], apologies: [at('nurse')], substitutes: [{ ...at('sub'), substituteFor: 'nurse' }] }),
    ];

    it('takes the vote of a substitute whose own membership has none', () =>
      spec
        .given(withSubstitute)
        .when(vote('first', 'sub'))
        .then([voted('first', 'sub')]));

    it('still refuses a member without a vote who substitutes for nobody', () =>
      spec
        .given([...agenda, attended({ present: [at('chair'), at('sub')] })])
        .when(vote('first', 'sub'))
        .thenThrows('non-voting-member', 422));

    it('counts the substitute towards the quorum', () => {
      const [decided] = meetingDecider.decide(
        { type: 'RecordDecision', data: { meetingId: m, itemId: 'first', outcome: 'agreed-without-vote', resolution: 'r', source } },
        { ...fold(meetingDecider, withSubstitute), bodies },
      );
      expect(decided.data).toMatchObject({ quorum: { required: 2, present: 2, quorate: true } });
    });
  });

  describe('arrivals and departures: presence judged per item', () => {
    const gpLate = [...agenda, attended({ present: [at('chair')] }), arrived('gp', 'second')];

    it('records a late arrival before an item', () =>
      spec
        .given([...agenda, attended({ present: [at('chair')] })])
        .when({ type: 'RecordArrival', data: { meetingId: m, membershipId: 'gp', beforeItem: 'second', source } })
        .then([arrived('gp', 'second')]));

    it('refuses the vote of a member on an item before they arrived, and takes it after', () => {
      spec.given(gpLate).when(vote('first', 'gp')).thenThrows('not-present', 422);
      spec
        .given(gpLate)
        .when(vote('second', 'gp'))
        .then([voted('second', 'gp')]);
    });

    it('refuses the vote of a member on an item after they left', () => {
      const gpLeft = [...agenda, attended({ present: [at('chair'), at('gp')] }), departed('gp', 'first')];
      spec
        .given(gpLeft)
        .when(vote('first', 'gp'))
        .then([voted('first', 'gp')]);
      spec.given(gpLeft).when(vote('second', 'gp')).thenThrows('not-present', 422);
    });

    it('judges quorum per item: inquorate once a member has left', () => {
      const gpLeft = [...agenda, attended({ present: [at('chair'), at('gp')] }), departed('gp', 'first')];
      const decide = (itemId: string) =>
        meetingDecider.decide(
          { type: 'RecordDecision', data: { meetingId: m, itemId, outcome: 'agreed-without-vote', resolution: 'r', source } },
          { ...fold(meetingDecider, gpLeft), bodies },
        )[0].data;
      expect(decide('first')).toMatchObject({ quorum: { present: 2, quorate: true } });
      expect(decide('second')).toMatchObject({ quorum: { present: 1, quorate: false } });
    });

    it('records a departure after an item', () =>
      spec
        .given([...agenda, attended({ present: [at('chair'), at('gp')] })])
        .when({ type: 'RecordDeparture', data: { meetingId: m, membershipId: 'gp', afterItem: 'second', source } })
        .then([departed('gp', 'second')]));

    it('refuses a departure of a member not present at the item (422 not-present)', () =>
      spec
        .given(gpLate)
        .when({ type: 'RecordDeparture', data: { meetingId: m, membershipId: 'gp', afterItem: 'first', source } })
        .thenThrows('not-present', 422));

    it('refuses an arrival or departure recorded twice (409), and an arrival of a member who sent apologies', () => {
      spec
        .given(gpLate)
        .when({ type: 'RecordArrival', data: { meetingId: m, membershipId: 'gp', beforeItem: 'third', source } })
        .thenThrows('already-arrived', 409);
      spec
        .given([...gpLate, departed('gp', 'second')])
        .when({ type: 'RecordDeparture', data: { meetingId: m, membershipId: 'gp', afterItem: 'third', source } })
        .thenThrows('already-departed', 409);
      spec
        .given([...agenda, attended({ present: [at('chair')], apologies: [at('nurse')] })])
        .when({ type: 'RecordArrival', data: { meetingId: m, membershipId: 'nurse', beforeItem: 'second', source } })
        .thenThrows('attendance-contradicts', 409);
    });

    it('refuses an arrival before an unknown item (404)', () =>
      spec
        .given(agenda)
        .when({ type: 'RecordArrival', data: { meetingId: m, membershipId: 'gp', beforeItem: 'nothing', source } })
        .thenThrows('unknown-reference', 404));
  });
});
