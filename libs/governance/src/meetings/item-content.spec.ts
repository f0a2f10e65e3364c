import { DomainEvent } from '../decider';
import { contentGeneration, mapContent } from './item-content';
import { MeetingEvent } from './meeting.events';

const source = { title: 'minutes' };
const meetingId = 'm1';
const sealed = (owner: { meetingId: string; itemId?: string }, text: string) => `sealed(${owner.meetingId}/${owner.itemId ?? '-'}:${text})`;
const seal = (event: MeetingEvent, history: DomainEvent[] = []) =>
  mapContent(`meeting-${meetingId}`, event, sealed, (id) => history.find((fact) => (fact as { id?: string }).id === id));

describe('content of meeting facts', () => {
  it('seals the free text of each fact that is content, told whose it is, and leaves the rest as written', () => {
    const facts: [MeetingEvent, Record<string, unknown>][] = [
      [
        { type: 'MeetingConvened', data: { meetingId, date: '2020-01-01', bodies: [], inCommon: false, location: 'Town Hall', source } },
        { location: 'Town Hall', date: '2020-01-01' },
      ],
      [
        { type: 'AgendaItemAdded', data: { meetingId, itemId: 'i1', title: 'Budget', text: 'Set it', functions: [], areas: [], source } },
        { title: 'Budget', text: 'sealed(m1/i1:Set it)' },
      ],
      [
        {
          type: 'InterestDeclared',
          data: { meetingId, itemId: 'i1', membershipId: 'a', bodyId: 'b', interest: 'owns a care home', action: 'withdrew', source },
        },
        { interest: 'sealed(m1/i1:owns a care home)', action: 'withdrew' },
      ],
      [
        { type: 'MotionProposed', data: { meetingId, itemId: 'i1', motionId: 'x', wording: 'That…', mover: 'a', seconder: 'c', source } },
        { wording: 'sealed(m1/i1:That…)', mover: 'a', seconder: 'c' },
      ],
      [
        {
          type: 'DecisionCalledIn',
          data: { meetingId, itemId: 'i1', bodyId: 'b', effective: '2020-01-05', reason: 'scrutiny asked', source },
        },
        { reason: 'sealed(m1/i1:scrutiny asked)', effective: '2020-01-05' },
      ],
      [
        { type: 'ConfidentialContentErased', data: { meetingId, itemId: 'i1', reason: 'published in error', generation: 0, source } },
        { reason: 'published in error' },
      ],
      [
        {
          type: 'ConfidentialityLifted',
          data: { meetingId, itemId: 'i1', effective: '2021-01-01', reason: 'no longer sensitive', source },
        },
        { reason: 'no longer sensitive' },
      ],
      [
        {
          type: 'MinutesApproved',
          data: { meetingId: 'm2', minutesOfMeetingId: meetingId, approval: 'subject-to-amendments', amendments: ['Item 1: typo'], source },
        },
        { amendments: ['sealed(m1/-:Item 1: typo)'] },
      ],
      [
        {
          type: 'MinutesApproved',
          data: {
            meetingId: 'm2',
            minutesOfMeetingId: meetingId,
            approval: 'subject-to-amendments',
            amendments: ['Apologies: add Ms Smith'],
            itemAmendments: [
              { itemId: 'i1', text: 'three providers, not two' },
              { itemId: 'i2', text: 'the lease runs ten years' },
            ],
            source,
          },
        },
        {
          amendments: ['sealed(m1/-:Apologies: add Ms Smith)'],
          itemAmendments: [
            { itemId: 'i1', text: 'sealed(m1/i1:three providers, not two)' },
            { itemId: 'i2', text: 'sealed(m1/i2:the lease runs ten years)' },
          ],
        },
      ],
      [
        {
          type: 'AttendanceRecorded',
          data: { meetingId, present: [], inAttendance: [{ name: 'Jane Smith', role: 'Director of Public Health' }], source },
        },
        { inAttendance: [{ name: 'Jane Smith', role: 'Director of Public Health' }] },
      ],
    ];
    for (const [event, expected] of facts) expect(seal(event).data).toMatchObject(expected);
  });

  it('seals the content a correction changes, as in the fact it corrects, and nothing of another stream', () => {
    const motion = { meetingId, itemId: 'i1', motionId: 'x', wording: 'That…', mover: 'a', seconder: 'c', source };
    const history = [{ id: 'e1', type: 'MotionProposed', data: motion }];
    const correction = {
      type: 'FactCorrected',
      data: { correctedEventId: 'e1', reason: 'misheard', changes: { wording: 'That we…', mover: 'd' }, source },
    };
    expect(seal(correction as unknown as MeetingEvent, history).data).toMatchObject({
      changes: { wording: 'sealed(m1/i1:That we…)', mover: 'd' },
    });
    const approved = { meetingId: 'm2', minutesOfMeetingId: meetingId, approval: 'subject-to-amendments', amendments: [], source };
    const amended = [{ id: 'e2', type: 'MinutesApproved', data: { ...approved, itemAmendments: [{ itemId: 'i1', text: 'x' }] } }];
    const newItem = {
      type: 'FactCorrected',
      data: { correctedEventId: 'e2', reason: 'about the other item', changes: { itemAmendments: [{ itemId: 'i2', text: 'y' }] }, source },
    };
    expect(seal(newItem as unknown as MeetingEvent, amended).data).toMatchObject({
      changes: { itemAmendments: [{ itemId: 'i2', text: 'sealed(m1/i2:y)' }] },
    });
    const body = { type: 'BodyRenamed', data: { bodyId: 'b', name: 'text', effective: '2020-01-01', source } };
    expect(mapContent('body-b', body, sealed, () => undefined)).toBe(body);
  });

  it('counts the erasures of the owner’s own meeting only, whichever streams the history holds', () => {
    const erased = (meeting: string, itemId: string) => ({
      type: 'ConfidentialContentErased',
      data: { meetingId: meeting, itemId, reason: 'published in error', generation: 0, source },
    });
    // The approving meeting's stream and the minuted meeting's, as the write pipeline reads them for minutes.
    const history = [erased('m2', 'i1'), erased('m1', 'i1'), erased('m1', 'i2')];
    expect(contentGeneration(history, { meetingId: 'm1', itemId: 'i1' })).toBe(1);
    expect(contentGeneration(history, { meetingId: 'm3', itemId: 'i1' })).toBe(0);
    expect(contentGeneration(history, { meetingId: 'm1' })).toBe(0);
  });
});
