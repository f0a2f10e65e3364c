import { decideCorrection, withCorrectionsApplied } from './correction';

const source = { title: 'Minutes of 15 December 2015, approved subject to amendments' };
const stream = [
  { id: 'e1', type: 'BodyEstablished', data: { bodyId: 'b', name: 'Programme Board', effective: '2015-12-15' } },
  { id: 'e2', type: 'BodyRenamed', data: { bodyId: 'b', name: 'Caring Together Board', effective: '2016-01-01' } },
];
const correct = (data: Record<string, unknown>) =>
  decideCorrection(
    { type: 'CorrectFact', data: { stream: 'body-b', correctedEventId: 'e2', reason: 'typo in minutes', source, ...data } },
    stream,
  );

describe('corrections', () => {
  it('records a correction of a field as a new event', () => {
    expect(correct({ changes: { effective: '2016-02-01' } })).toEqual([
      { type: 'FactCorrected', data: { correctedEventId: 'e2', reason: 'typo in minutes', changes: { effective: '2016-02-01' }, source } },
    ]);
  });

  it('refuses an event the stream does not hold (404)', () => {
    expect(() => correct({ correctedEventId: 'nope', changes: { name: 'x' } })).toThrow(
      expect.objectContaining({ rule: 'unknown-reference', status: 404 }),
    );
  });

  it('refuses to change which subject the fact is about', () => {
    expect(() => correct({ changes: { bodyId: 'other' } })).toThrow(expect.objectContaining({ rule: 'identity-fields-immutable' }));
  });

  it('refuses a field the fact does not have', () => {
    expect(() => correct({ changes: { colour: 'blue' } })).toThrow(expect.objectContaining({ rule: 'unknown-field' }));
  });

  it('refuses a value of another kind than the one it corrects', () => {
    expect(() => correct({ changes: { effective: 'banana' } })).toThrow(expect.objectContaining({ rule: 'correction-value' }));
    expect(() => correct({ changes: { name: 42 } })).toThrow(expect.objectContaining({ rule: 'correction-value' }));
    expect(() => correct({ changes: { to: 'soon' } })).toThrow(expect.objectContaining({ rule: 'correction-value' }));
    expect(correct({ changes: { to: null } })[0].data.changes).toEqual({ to: null });
  });

  it('needs either changes or a withdrawal', () => {
    expect(() => correct({})).toThrow(expect.objectContaining({ rule: 'correction-shape' }));
    expect(() => correct({ changes: { name: 'x' }, withdrawn: true })).toThrow(expect.objectContaining({ rule: 'correction-shape' }));
  });

  it('applies changes and withdrawals when folding, keeping the rest', () => {
    const corrected = withCorrectionsApplied([
      ...stream,
      {
        id: 'e3',
        type: 'FactCorrected',
        data: { correctedEventId: 'e2', reason: 'r', changes: { name: 'Programme Board (Caring Together)' } },
      },
      { id: 'e4', type: 'FactCorrected', data: { correctedEventId: 'e1', reason: 'r', changes: { effective: '2015-12-14' } } },
    ]);
    expect(corrected.map((e) => [e.id, (e.data as { name: string }).name, (e.data as { effective: string }).effective])).toEqual([
      ['e1', 'Programme Board', '2015-12-14'],
      ['e2', 'Programme Board (Caring Together)', '2016-01-01'],
    ]);
    const withdrawn = withCorrectionsApplied([
      ...stream,
      { id: 'e3', type: 'FactCorrected', data: { correctedEventId: 'e2', reason: 'r', withdrawn: true } },
    ]);
    expect(withdrawn.map((e) => e.id)).toEqual(['e1']);
  });

  it('refuses to correct a withdrawn fact (409)', () => {
    const after = [...stream, { id: 'e3', type: 'FactCorrected', data: { correctedEventId: 'e2', reason: 'r', withdrawn: true } }];
    expect(() =>
      decideCorrection(
        { type: 'CorrectFact', data: { stream: 'body-b', correctedEventId: 'e2', reason: 'x', changes: { name: 'y' }, source } },
        after,
      ),
    ).toThrow(expect.objectContaining({ rule: 'fact-withdrawn', status: 409 }));
  });

  describe('several facts of one stream at once', () => {
    const several = (facts: unknown[], extra: Record<string, unknown> = {}) =>
      decideCorrection(
        { type: 'CorrectFact', data: { stream: 'body-b', reason: 'minutes amended', source, facts, ...extra } as never },
        stream,
      );
    const refusal = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        const { rule, status, field } = error as { rule: string; status: number; field?: string };
        return { rule, status, field };
      }
      throw new Error('recorded');
    };

    it('records one correction event per fact, in the order given, with the one reason and source', () => {
      expect(
        several([
          { correctedEventId: 'e2', changes: { name: 'Caring Together' } },
          { correctedEventId: 'e1', withdrawn: true },
        ]),
      ).toEqual([
        {
          type: 'FactCorrected',
          data: { correctedEventId: 'e2', reason: 'minutes amended', changes: { name: 'Caring Together' }, source },
        },
        { type: 'FactCorrected', data: { correctedEventId: 'e1', reason: 'minutes amended', withdrawn: true, source } },
      ]);
    });

    it.each([
      [
        'an unknown event',
        [
          { correctedEventId: 'e2', changes: { name: 'x' } },
          { correctedEventId: 'nope', withdrawn: true },
        ],
        { rule: 'unknown-reference', status: 404, field: 'facts[1].correctedEventId' },
      ],
      [
        'a fact listed twice',
        [
          { correctedEventId: 'e2', changes: { name: 'x' } },
          { correctedEventId: 'e2', withdrawn: true },
        ],
        { rule: 'fact-listed-twice', status: 422, field: 'facts[1]' },
      ],
      [
        'a change of identity',
        [{ correctedEventId: 'e1', changes: { bodyId: 'c' } }],
        { rule: 'identity-fields-immutable', status: 422, field: 'facts[0].changes' },
      ],
      ['neither changes nor withdrawal', [{ correctedEventId: 'e1' }], { rule: 'correction-shape', status: 422, field: 'facts[0]' }],
    ])('refuses %s, naming the fact', (_, facts, expected) => expect(refusal(() => several(facts))).toEqual(expected));

    it('refuses a fact given beside the list, and an empty list', () => {
      expect(refusal(() => several([{ correctedEventId: 'e1', withdrawn: true }], { correctedEventId: 'e2' }))).toMatchObject({
        rule: 'correction-shape',
      });
      expect(refusal(() => several([]))).toMatchObject({ rule: 'correction-shape' });
    });

    it('lets a correction give a field the fact left out only where its command may give it', () => {
      const giving = {
        type: 'CorrectFact' as const,
        data: { stream: 'body-b', correctedEventId: 'e2', reason: 'r', changes: { note: 'x' }, source },
      };
      expect(refusal(() => decideCorrection(giving, stream))).toMatchObject({ rule: 'unknown-field' });
      expect(decideCorrection(giving, stream, () => ['note'])[0].data.changes).toEqual({ note: 'x' });
    });

    it('never lets a correction take an item into Part 2, though its command may give confidential', () => {
      const item = [{ id: 'i1', type: 'AgendaItemAdded', data: { meetingId: 'm', itemId: 'i', title: 'Care homes' } }];
      const intoPart2 = {
        type: 'CorrectFact' as const,
        data: { stream: 'meeting-m', correctedEventId: 'i1', reason: 'r', changes: { confidential: { paragraph: 3 } }, source },
      };
      expect(refusal(() => decideCorrection(intoPart2, item, () => ['confidential']))).toMatchObject({ rule: 'unknown-field' });
    });
  });
});
