import { deciderSpec } from '../../test/decider-spec';
import { evolveBody } from '../bodies/body.decider';
import { BodyEvent } from '../bodies/body.events';
import { EstablishedBody } from '../bodies/body.state';
import { fold } from '../decider';
import { MeetingCommand } from './meeting.commands';
import { MeetingEvent } from './meeting.events';
import { commandRecording, meetingDecider, MeetingDecisionState } from './meeting.decider';
import { meetingStatus } from './meeting-schedule';
import { ConvenedMeeting } from './meeting.state';

const source = { title: 'Place committee forward plan', illustrative: true };
const check = deciderSpec(meetingDecider);

/** given/when/then, and each fact decided is decided again from the command recording it (as a correction replays it). */
const spec = {
  given(events: MeetingEvent[], context: Partial<MeetingDecisionState>) {
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

function committee(): EstablishedBody {
  const events: BodyEvent[] = [
    { type: 'BodyEstablished', data: { bodyId: 'place', kind: 'committee', name: 'Place', areas: [], effective: '2020-04-01', source } },
    ...['chair', 'gp'].map((membershipId): BodyEvent => ({
      type: 'MemberAppointed',
      data: {
        bodyId: 'place',
        membershipId,
        member: { seat: membershipId },
        role: 'member',
        voting: true,
        from: '2020-04-01',
        to: null,
        source,
      },
    })),
  ];
  return events.reduce(evolveBody, { recorded: false }) as EstablishedBody;
}

const m = 'place-2027-03';
const bodies = new Map([['place', committee()]]);
const beforeIt = { bodies, today: '2027-02-01' };
const onTheDay = { bodies, today: '2027-03-10' };
const afterIt = { bodies, today: '2027-03-11' };

const convened: MeetingEvent = {
  type: 'MeetingConvened',
  data: { meetingId: m, date: '2027-03-10', time: '14:00', bodies: [{ bodyId: 'place', quorum: 2 }], inCommon: false, source },
};
const item: MeetingEvent = {
  type: 'AgendaItemAdded',
  data: { meetingId: m, itemId: 'budget', title: 'Budget', text: 'Set the budget', functions: [], areas: [], source },
};
const attendance: MeetingCommand = { type: 'RecordAttendance', data: { meetingId: m, present: ['chair', 'gp'], source } };
const present: MeetingEvent = {
  type: 'AttendanceRecorded',
  data: {
    meetingId: m,
    present: [
      { membershipId: 'chair', bodyId: 'place' },
      { membershipId: 'gp', bodyId: 'place' },
    ],
    source,
  },
};
const reschedule: MeetingCommand = {
  type: 'RescheduleMeeting',
  data: { meetingId: m, date: '2027-03-17', time: '10:00', reason: 'the chair is unavailable', source },
};
const cancel: MeetingCommand = { type: 'CancelMeeting', data: { meetingId: m, reason: 'no business', source } };
const cancelled: MeetingEvent = { type: 'MeetingCancelled', data: cancel.data };

describe('a meeting scheduled ahead (issue 19)', () => {
  describe('ConveneMeeting', () => {
    it('schedules a meeting dated after today, with its time', () =>
      spec
        .given([], beforeIt)
        .when({ type: 'ConveneMeeting', data: { ...convened.data, inCommon: undefined } as never })
        .then([convened]));

    it('refuses a time that is not HH:MM', () =>
      spec
        .given([], beforeIt)
        .when({ type: 'ConveneMeeting', data: { ...convened.data, time: '25:00' } })
        .thenThrows('meeting-time', 422));
  });

  describe('what happens at a meeting waits for its date', () => {
    it('takes agenda items before the date', () =>
      spec
        .given([convened], beforeIt)
        .when({ type: 'AddAgendaItem', data: item.data as never })
        .then([item]));

    it('refuses attendance before the date (422 meeting-not-yet-held)', () =>
      spec.given([convened, item], beforeIt).when(attendance).thenThrows('meeting-not-yet-held', 422));

    it.each<[string, MeetingCommand]>([
      [
        'a declaration',
        { type: 'DeclareInterest', data: { meetingId: m, itemId: 'budget', membershipId: 'gp', interest: 'x', action: 'noted', source } },
      ],
      [
        'a motion',
        {
          type: 'ProposeMotion',
          data: { meetingId: m, itemId: 'budget', motionId: 'a', wording: 'w', mover: 'chair', seconder: 'gp', source },
        },
      ],
      ['a vote', { type: 'CastVote', data: { meetingId: m, itemId: 'budget', membershipId: 'gp', vote: 'for', source } }],
      [
        'a decision',
        { type: 'RecordDecision', data: { meetingId: m, itemId: 'budget', outcome: 'agreed-without-vote', resolution: 'r', source } },
      ],
    ])('refuses %s before the date', (_, command) =>
      spec.given([convened, item], beforeIt).when(command).thenThrows('meeting-not-yet-held', 422),
    );

    it('takes attendance on the day', () => spec.given([convened, item], onTheDay).when(attendance).then([present]));
  });

  describe('RescheduleMeeting', () => {
    it('moves a meeting not yet held, with its reason', () =>
      spec
        .given([convened], beforeIt)
        .when(reschedule)
        .then([{ type: 'MeetingRescheduled', data: reschedule.data }]));

    it('moves a meeting of today at which nothing is recorded yet', () =>
      spec
        .given([convened, item], onTheDay)
        .when(reschedule)
        .then([{ type: 'MeetingRescheduled', data: reschedule.data }]));

    it('refuses once its date has passed (409 meeting-already-held)', () =>
      spec.given([convened], afterIt).when(reschedule).thenThrows('meeting-already-held', 409));

    it('refuses once something happened at it, even on the day', () =>
      spec.given([convened, item, present], onTheDay).when(reschedule).thenThrows('meeting-already-held', 409));

    it('refuses a cancelled meeting (409 meeting-cancelled)', () =>
      spec.given([convened, cancelled], beforeIt).when(reschedule).thenThrows('meeting-cancelled', 409));

    it('refuses a move to the same date and time', () =>
      spec
        .given([convened], beforeIt)
        .when({ type: 'RescheduleMeeting', data: { ...reschedule.data, date: '2027-03-10', time: '14:00' } as never })
        .thenThrows('reschedule-unchanged', 422));

    it('refuses a date before its body existed', () =>
      spec
        .given([convened], beforeIt)
        .when({ type: 'RescheduleMeeting', data: { ...reschedule.data, date: '2019-01-01' } as never })
        .thenThrows('body-not-in-existence', 422));

    it('then waits for the new date', () =>
      spec
        .given([convened, item, { type: 'MeetingRescheduled', data: reschedule.data } as MeetingEvent], afterIt)
        .when(attendance)
        .thenThrows('meeting-not-yet-held', 422));
  });

  describe('CancelMeeting', () => {
    it('cancels a meeting not yet held', () => spec.given([convened, item], beforeIt).when(cancel).then([cancelled]));

    it('refuses once held', () => spec.given([convened], afterIt).when(cancel).thenThrows('meeting-already-held', 409));

    it('refuses twice', () => spec.given([convened, cancelled], beforeIt).when(cancel).thenThrows('meeting-cancelled', 409));

    it('takes nothing more once cancelled, items included', () =>
      spec
        .given([convened, cancelled], beforeIt)
        .when({ type: 'AddAgendaItem', data: item.data as never })
        .thenThrows('meeting-cancelled', 409));
  });

  describe('status', () => {
    const folded = (...events: MeetingEvent[]) => fold(meetingDecider, events).meeting as ConvenedMeeting;
    const moved: MeetingEvent = { type: 'MeetingRescheduled', data: reschedule.data };

    it('is scheduled until its date, rescheduled once moved, held after, cancelled once cancelled', () => {
      expect(meetingStatus(folded(convened), '2027-02-01')).toBe('scheduled');
      expect(meetingStatus(folded(convened), '2027-03-10')).toBe('scheduled');
      expect(meetingStatus(folded(convened, item, present), '2027-03-10')).toBe('held');
      expect(meetingStatus(folded(convened), '2027-03-11')).toBe('held');
      expect(meetingStatus(folded(convened, moved), '2027-03-11')).toBe('rescheduled');
      expect(meetingStatus(folded(convened, moved), '2027-03-18')).toBe('held');
      expect(meetingStatus(folded(convened, cancelled), '2030-01-01')).toBe('cancelled');
    });

    it('keeps where a rescheduled meeting moved from', () => {
      const meeting = folded(convened, moved);
      expect({ date: meeting.date, time: meeting.time }).toEqual({ date: '2027-03-17', time: '10:00' });
      expect(meeting.reschedulings).toEqual([
        expect.objectContaining({
          from: '2027-03-10',
          fromTime: '14:00',
          date: '2027-03-17',
          time: '10:00',
          reason: 'the chair is unavailable',
        }),
      ]);
    });
  });
});
