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
});
