import { bodyEnd, nameIndexOn, namesInEffectOrder, namesOver } from './body-life';
import { NameGiven } from './body.state';

const given = (name: string, effective: string): NameGiven => ({ name, effective, citedEvents: [] });

describe('a body’s names over its life', () => {
  // Established as A in 2013; renamed C from 2016 (recorded first), B from 2015, then D from 2010 (before it existed).
  const recorded = [given('A', '2013-04-01'), given('C', '2016-01-01'), given('B', '2015-01-01'), given('D', '2010-01-01')];
  const inEffect = namesInEffectOrder({ names: recorded });

  it('takes renames in effective-date order whatever order they were recorded in, same-day ones in recording order', () => {
    expect(inEffect.map(({ name }) => name)).toEqual(['A', 'D', 'B', 'C']);
    const sameDay = namesInEffectOrder({ names: [given('A', '2013-04-01'), given('X', '2015-01-01'), given('Y', '2015-01-01')] });
    expect(sameDay.map(({ name }) => name)).toEqual(['A', 'X', 'Y']);
  });

  it('gives the name borne on a date: the last to take effect by then; before them all, the first', () => {
    const on = (at: string) => inEffect[nameIndexOn(inEffect, at)].name;
    expect(['2009-12-31', '2013-04-01', '2015-06-01', '2016-01-01'].map(on)).toEqual(['A', 'D', 'B', 'C']);
  });

  it('gives the names over the body’s life, closed-open, cut at its end', () => {
    expect(namesOver(inEffect, { from: '2013-04-01', to: '2016-01-01' })).toEqual([
      { name: 'D', from: '2013-04-01', to: '2015-01-01' },
      { name: 'B', from: '2015-01-01', to: '2016-01-01' },
    ]);
  });

  it('keeps one name across a rename to the name it already bore', () => {
    const again = namesInEffectOrder({ names: [given('A', '2013-04-01'), given('B', '2016-01-01'), given('A', '2014-01-01')] });
    expect(namesOver(again, { from: '2013-04-01', to: null })).toEqual([
      { name: 'A', from: '2013-04-01', to: '2016-01-01' },
      { name: 'B', from: '2016-01-01', to: null },
    ]);
  });
});

describe('a body’s end', () => {
  it('is the earliest of its dissolution and the legal dates of the reorganisations that ended it', () => {
    expect(bodyEnd(null, [])).toBeNull();
    expect(bodyEnd('2022-07-01', ['2020-04-01'])).toBe('2020-04-01');
    expect(bodyEnd('2019-01-01', ['2020-04-01'])).toBe('2019-01-01');
    expect(bodyEnd(null, ['2022-07-01', '2020-04-01'])).toBe('2020-04-01');
  });
});
