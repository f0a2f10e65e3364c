import { deciderSpec } from '../../test/decider-spec';
import { evolveBody } from '../bodies/body.decider';
import { BodyEvent } from '../bodies/body.events';
import { EstablishedBody } from '../bodies/body.state';
import { fold } from '../decider';
import { MeetingCommand } from './meeting.commands';
import { MeetingEvent } from './meeting.events';
import { commandRecording, meetingDecider, MeetingDecisionState } from './meeting.decider';

const source = { title: 'Place committee agenda', illustrative: true };
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

const bodies = new Map([
  [
    'place',
    (
      [
        {
          type: 'BodyEstablished',
          data: { bodyId: 'place', kind: 'committee', name: 'Place', areas: [], effective: '2020-04-01', source },
        },
      ] as BodyEvent[]
    ).reduce(evolveBody, { recorded: false }) as EstablishedBody,
  ],
]);
const on = (today: string) => ({ bodies, today });
const m = 'place-2027-03';
// Wednesday 10 March 2027.
const convened: MeetingEvent = {
  type: 'MeetingConvened',
  data: { meetingId: m, date: '2027-03-10', bodies: [{ bodyId: 'place', quorum: 2 }], inCommon: false, source },
};
const publish = (publishedOn: string): MeetingCommand => ({ type: 'PublishAgenda', data: { meetingId: m, publishedOn, source } });
const published = (publishedOn: string, clearDays: number, late: boolean): MeetingEvent => ({
  type: 'AgendaPublished',
  data: { meetingId: m, publishedOn, clearDays, late, source },
});
const item = (lateReason?: string) =>
  ({
    type: 'AddAgendaItem',
    data: {
      meetingId: m,
      itemId: 'urgent',
      title: 'Urgent',
      text: 'Urgent',
      functions: [],
      areas: [],
      source,
      ...(lateReason ? { lateReason } : {}),
    },
  }) as MeetingCommand;

describe('the agenda published (issue 19)', () => {
  describe('PublishAgenda', () => {
    it('counts clear working days to the meeting: Monday 1 March gives 6, in time', () =>
      spec
        .given([convened], on('2027-03-01'))
        .when(publish('2027-03-01'))
        .then([published('2027-03-01', 6, false)]));

    it('marks a publication with fewer than 5 clear days late: Thursday 4 March gives 3', () =>
      spec
        .given([convened], on('2027-03-05'))
        .when(publish('2027-03-04'))
        .then([published('2027-03-04', 3, true)]));

    it('refuses a second publication (409)', () =>
      spec
        .given([convened, published('2027-03-01', 6, false)], on('2027-03-05'))
        .when(publish('2027-03-02'))
        .thenThrows('already-recorded', 409));

    it('refuses a publication after the meeting, or still to come', () => {
      spec.given([convened], on('2027-03-12')).when(publish('2027-03-11')).thenThrows('published-after-meeting', 422);
      spec.given([convened], on('2027-03-01')).when(publish('2027-03-02')).thenThrows('publication-in-future', 422);
    });

    it('refuses to count days the holiday table does not cover', () => {
      const later: MeetingEvent = { type: 'MeetingConvened', data: { ...convened.data, date: '2030-01-10' } as never };
      spec.given([later], on('2030-01-02')).when(publish('2030-01-02')).thenThrows('bank-holidays-unknown', 422);
    });
  });

  describe('an item added after publication', () => {
    const out = [convened, published('2027-03-01', 6, false)];

    it('needs a reason once fewer than 5 clear days remain (422 late-item-without-reason)', () =>
      spec.given(out, on('2027-03-05')).when(item()).thenThrows('late-item-without-reason', 422));

    it('is taken with its reason, which the item keeps', () =>
      spec
        .given(out, on('2027-03-05'))
        .when(item('the lease must be signed this month'))
        .then([{ type: 'AgendaItemAdded', data: item('the lease must be signed this month').data as object } as MeetingEvent]));

    it('needs none while 5 clear days remain, nor before publication', () => {
      spec
        .given(out, on('2027-03-01'))
        .when(item())
        .then([{ type: 'AgendaItemAdded', data: item().data } as MeetingEvent]);
      spec
        .given([convened], on('2027-03-09'))
        .when(item())
        .then([{ type: 'AgendaItemAdded', data: item().data } as MeetingEvent]);
    });
  });

  describe('RecordForwardPlanEntry', () => {
    const withItem: MeetingEvent[] = [
      convened,
      { type: 'AgendaItemAdded', data: { meetingId: m, itemId: 'lease', title: 'Lease', text: 'Lease', functions: [], areas: [], source } },
    ];
    const entry = (publishedOn: string): MeetingCommand => ({
      type: 'RecordForwardPlanEntry',
      data: { meetingId: m, itemId: 'lease', publishedOn, source },
    });
    const entered = (publishedOn: string, clearDays: number, late: boolean): MeetingEvent => ({
      type: 'ForwardPlanEntryRecorded',
      data: { meetingId: m, itemId: 'lease', publishedOn, clearDays, late, source },
    });

    it('counts clear calendar days: 9 February gives 28, in time; 10 February gives 27, late', () => {
      spec
        .given(withItem, on('2027-03-01'))
        .when(entry('2027-02-09'))
        .then([entered('2027-02-09', 28, false)]);
      spec
        .given(withItem, on('2027-03-01'))
        .when(entry('2027-02-10'))
        .then([entered('2027-02-10', 27, true)]);
    });

    it('refuses a second entry (409), an unknown item (404), and one after the meeting', () => {
      spec
        .given([...withItem, entered('2027-02-01', 36, false)], on('2027-03-01'))
        .when(entry('2027-02-02'))
        .thenThrows('already-recorded', 409);
      spec.given([convened], on('2027-03-01')).when(entry('2027-02-02')).thenThrows('unknown-reference', 404);
      spec.given(withItem, on('2027-03-12')).when(entry('2027-03-11')).thenThrows('published-after-meeting', 422);
    });
  });
});
