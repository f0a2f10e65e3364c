import {
  boundaries,
  clip,
  compareEnds,
  earlierEnd,
  elementaryStretches,
  isEmpty,
  isOrderedTimeline,
  laterStart,
  mergeAdjacent,
  segmentAt,
  splitAt,
  union,
} from './timeline';

describe('interval algebra', () => {
  it('orders ends with an open end after every date', () => {
    expect(compareEnds('2020-04-01', '2022-07-01')).toBeLessThan(0);
    expect(compareEnds(null, '9999-12-31')).toBeGreaterThan(0);
    expect(compareEnds('9999-12-31', null)).toBeLessThan(0);
    expect(compareEnds(null, null)).toBe(0);
    expect(earlierEnd(null, '2020-04-01')).toBe('2020-04-01');
    expect(earlierEnd('2022-07-01', '2020-04-01')).toBe('2020-04-01');
    expect(earlierEnd(null, null)).toBeNull();
    expect(laterStart('2013-04-01', '2020-04-01')).toBe('2020-04-01');
  });

  it('treats a closed-open interval ending where it starts as empty, an open one never', () => {
    expect(isEmpty({ from: '2020-04-01', to: '2020-04-01' })).toBe(true);
    expect(isEmpty({ from: '2020-04-01', to: '2020-04-02' })).toBe(false);
    expect(isEmpty({ from: '2020-04-01', to: null })).toBe(false);
  });

  describe('clip', () => {
    it('keeps the part inside the bounds, with open ends on either side', () => {
      expect(clip({ from: '2013-04-01', to: null }, { from: '2020-04-01', to: '2022-07-01' })).toEqual({
        from: '2020-04-01',
        to: '2022-07-01',
      });
      expect(clip({ from: '2013-04-01', to: '2021-01-01' }, { from: '2020-04-01', to: null })).toEqual({
        from: '2020-04-01',
        to: '2021-01-01',
      });
      expect(clip({ from: '2013-04-01', to: null }, { from: '2020-04-01', to: null })).toEqual({ from: '2020-04-01', to: null });
    });

    it('gives nothing for intervals that only touch or do not meet', () => {
      expect(clip({ from: '2013-04-01', to: '2020-04-01' }, { from: '2020-04-01', to: null })).toBeUndefined();
      expect(clip({ from: '2022-07-01', to: null }, { from: '2013-04-01', to: '2020-04-01' })).toBeUndefined();
    });

    it('keeps the other fields of what it clips', () => {
      expect(clip({ from: '2013-04-01', to: null, bodyId: 'vale-royal-ccg' }, { from: '2015-01-01', to: '2016-01-01' })).toEqual({
        from: '2015-01-01',
        to: '2016-01-01',
        bodyId: 'vale-royal-ccg',
      });
    });
  });

  it('collects finite boundaries, sorted, without repeats', () => {
    expect(
      boundaries([
        { from: '2020-04-01', to: null },
        { from: '2013-04-01', to: '2020-04-01' },
        { from: '2022-07-01', to: '2023-04-01' },
      ]),
    ).toEqual(['2013-04-01', '2020-04-01', '2022-07-01', '2023-04-01']);
  });

  it('splits at dates strictly inside the interval only', () => {
    expect(
      splitAt({ from: '2013-04-01', to: '2022-07-01' }, ['2022-07-01', '2020-04-01', '2013-04-01', '2010-01-01', '2020-04-01']),
    ).toEqual([
      { from: '2013-04-01', to: '2020-04-01' },
      { from: '2020-04-01', to: '2022-07-01' },
    ]);
    expect(splitAt({ from: '2013-04-01', to: null }, ['2030-01-01'])).toEqual([
      { from: '2013-04-01', to: '2030-01-01' },
      { from: '2030-01-01', to: null },
    ]);
  });

  describe('elementaryStretches', () => {
    it('gives each stretch between boundaries with what is in force throughout it, leaving out gaps', () => {
      const a = { id: 'a', from: '2013-04-01', to: '2020-04-01' };
      const b = { id: 'b', from: '2015-01-01', to: null };
      const c = { id: 'c', from: '2022-07-01', to: '2023-04-01' };
      const d = { id: 'd', from: '2010-01-01', to: '2011-01-01' };
      const stretches = elementaryStretches([a, b, c, d]).map(({ from, to, inForce }) => ({
        from,
        to,
        ids: inForce.map((item) => item.id).sort(),
      }));
      expect(stretches).toEqual([
        { from: '2010-01-01', to: '2011-01-01', ids: ['d'] },
        { from: '2013-04-01', to: '2015-01-01', ids: ['a'] },
        { from: '2015-01-01', to: '2020-04-01', ids: ['a', 'b'] },
        { from: '2020-04-01', to: '2022-07-01', ids: ['b'] },
        { from: '2022-07-01', to: '2023-04-01', ids: ['b', 'c'] },
        { from: '2023-04-01', to: null, ids: ['b'] },
      ]);
    });

    it('ignores empty intervals and gives nothing for nothing', () => {
      expect(elementaryStretches([{ from: '2020-04-01', to: '2020-04-01' }])).toEqual([]);
      expect(elementaryStretches([])).toEqual([]);
    });

    it('agrees with a naive check on every stretch for a dense mix of intervals', () => {
      const dates = ['2013-04-01', '2014-10-01', '2015-12-15', '2017-07-06', '2019-09-20', '2020-04-01', '2022-07-01', '2023-04-01'];
      const items = dates.flatMap((from, i) => [...dates.slice(i + 1), null].map((to, j) => ({ id: `${i}-${j}`, from, to })));
      for (const stretch of elementaryStretches(items)) {
        const naive = items
          .filter((item) => item.from <= stretch.from && (item.to === null || stretch.from < item.to))
          .map((item) => item.id)
          .sort();
        expect(stretch.inForce.map((item) => item.id).sort()).toEqual(naive);
      }
    });
  });

  describe('mergeAdjacent', () => {
    it('joins touching segments with equal values, keeping an open end', () => {
      expect(
        mergeAdjacent(
          [
            { from: '2013-04-01', to: '2015-01-01', value: 'vale-royal-ccg' },
            { from: '2015-01-01', to: '2020-04-01', value: 'vale-royal-ccg' },
            { from: '2020-04-01', to: null, value: 'nhs-cheshire-ccg' },
          ],
          (a, b) => a === b,
        ),
      ).toEqual([
        { from: '2013-04-01', to: '2020-04-01', value: 'vale-royal-ccg' },
        { from: '2020-04-01', to: null, value: 'nhs-cheshire-ccg' },
      ]);
    });

    it('keeps equal values apart across a gap', () => {
      const segments = [
        { from: '2013-04-01', to: '2015-01-01', value: 'x' },
        { from: '2016-01-01', to: null, value: 'x' },
      ];
      expect(mergeAdjacent(segments, (a, b) => a === b)).toEqual(segments);
    });
  });

  it('unites overlapping and touching intervals, an open one swallowing what follows', () => {
    expect(
      union([
        { from: '2020-04-01', to: '2021-01-01' },
        { from: '2013-04-01', to: '2015-01-01' },
        { from: '2015-01-01', to: '2016-01-01' },
        { from: '2020-10-01', to: null },
        { from: '2022-01-01', to: '2023-01-01' },
      ]),
    ).toEqual([
      { from: '2013-04-01', to: '2016-01-01' },
      { from: '2020-04-01', to: null },
    ]);
  });

  it('finds the segment in force on a date by binary search, nothing in gaps or before the first', () => {
    const segments = [
      { from: '2013-04-01', to: '2020-04-01', value: 'a' },
      { from: '2020-04-01', to: '2022-07-01', value: 'b' },
      { from: '2023-04-01', to: null, value: 'c' },
    ];
    expect(segmentAt(segments, '2013-04-01')?.value).toBe('a');
    expect(segmentAt(segments, '2020-03-31')?.value).toBe('a');
    expect(segmentAt(segments, '2020-04-01')?.value).toBe('b');
    expect(segmentAt(segments, '2022-07-01')).toBeUndefined();
    expect(segmentAt(segments, '2012-01-01')).toBeUndefined();
    expect(segmentAt(segments, '2099-01-01')?.value).toBe('c');
    expect(segmentAt([], '2020-01-01')).toBeUndefined();
  });

  it('recognises an ordered timeline', () => {
    expect(
      isOrderedTimeline([
        { from: '2013-04-01', to: '2020-04-01' },
        { from: '2020-04-01', to: null },
      ]),
    ).toBe(true);
    expect(
      isOrderedTimeline([
        { from: '2013-04-01', to: null },
        { from: '2020-04-01', to: null },
      ]),
    ).toBe(false);
    expect(isOrderedTimeline([{ from: '2013-04-01', to: '2013-04-01' }])).toBe(false);
  });
});
