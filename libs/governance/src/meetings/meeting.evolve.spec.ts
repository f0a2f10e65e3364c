import { foldEvents } from '../decider';
import { Fact } from '../shared/cited';
import { MeetingEvent } from './meeting.events';
import { evolveMeeting } from './meeting.evolve';
import { ConvenedMeeting, MeetingState } from './meeting.state';

const source = { title: 'minutes' };
const meetingId = 'm1';
const convened: MeetingEvent = {
  type: 'MeetingConvened',
  data: { meetingId, date: '2020-01-01', bodies: [{ bodyId: 'b', quorum: 2 }], inCommon: false, source },
};
const item = (itemId: string): MeetingEvent => ({
  type: 'AgendaItemAdded',
  data: { meetingId, itemId, title: itemId, text: `about ${itemId}`, functions: [], areas: [], source },
});
const vote = (itemId: string, membershipId: string): MeetingEvent => ({
  type: 'VoteCast',
  data: { meetingId, itemId, membershipId, bodyId: 'b', vote: 'for', source },
});
const declared: MeetingEvent = {
  type: 'InterestDeclared',
  data: { meetingId, itemId: 'i1', membershipId: 'c', bodyId: 'b', interest: 'a relative', action: 'noted', source },
};
const fold = (events: Fact<MeetingEvent>[], from: MeetingState = { recorded: false }) => foldEvents(events, evolveMeeting, from);
/** What a reader sees of the meeting: its items' votes and declarations. */
const seen = (state: MeetingState) =>
  [...(state as ConvenedMeeting).items.values()].map((agendaItem) => [
    agendaItem.itemId,
    [...agendaItem.votes.keys()],
    agendaItem.declarations.map((declaration) => declaration.membershipId),
  ]);

describe('folding a meeting stream', () => {
  it('never changes a state it returned: evolving it again, or resuming a fold from it, leaves it as it was', () => {
    const folded = fold([convened, item('i1'), vote('i1', 'a')]);
    const evolved = evolveMeeting(folded, vote('i1', 'b'));
    const resumed = fold([vote('i1', 'c'), declared, item('i2')], folded);
    const branched = evolveMeeting(folded, declared);
    expect([seen(folded), seen(evolved), seen(resumed), seen(branched)]).toEqual([
      [['i1', ['a'], []]],
      [['i1', ['a', 'b'], []]],
      [
        ['i1', ['a', 'c'], ['c']],
        ['i2', [], []],
      ],
      [['i1', ['a'], ['c']]],
    ]);
  });

  it('folds as evolving one event at a time does', () => {
    const events = [convened, item('i1'), vote('i1', 'a'), declared, item('i2'), vote('i2', 'a')];
    expect(fold(events)).toEqual(events.reduce<MeetingState>((state, event) => evolveMeeting(state, event), { recorded: false }));
  });

  it('keeps the events each fact rests on where the reader gives them, and none where it does not', () => {
    const cited = fold([
      { ...convened, citedEvents: ['e1'] },
      { ...item('i1'), citedEvents: ['e2', 'correction-of-e2'] },
      { ...vote('i1', 'a'), citedEvents: ['e3'] },
    ]) as ConvenedMeeting;
    const agendaItem = cited.items.get('i1')!;
    expect([cited.citedEvents, agendaItem.citedEvents, agendaItem.votes.get('a')!.citedEvents]).toEqual([
      ['e1'],
      ['e2', 'correction-of-e2'],
      ['e3'],
    ]);
    expect((fold([convened, item('i1')]) as ConvenedMeeting).items.get('i1')!.citedEvents).toEqual([]);
  });
});
