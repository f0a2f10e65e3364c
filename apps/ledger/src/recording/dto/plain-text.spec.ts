import { assertPlainTexts, textProblem } from './plain-text';

describe('the one check of command texts', () => {
  it.each([
    ['', 'is empty'],
    ['   ', 'is only white space'],
    ['\u00a0\u2003\u200b\ufeff', 'is only white space'],
    ['a\u0000b', 'U+0000'],
    ['a\u0085b', 'U+0085'],
    ['a\u007fb', 'U+007F'],
    ['Chair\nPerson', 'U+000A'],
    ['Chair\tPerson', 'U+0009'],
    ['abc\ud800', 'surrogate'],
    ['\udc00abc', 'surrogate'],
    ['NHS \u202eGCC', 'U+202E'],
    ['NHS \u2067GCC\u2069', 'U+2067'],
  ])('given a one-line text %j, refuses it: %s', (text, problem) => {
    expect(textProblem(text, false)).toContain(problem);
  });

  it.each([['line one\nline two'], ['a\r\nb'], ['col\tcol'], ['emoji \ud83d\ude00'], ['Ysbyty Gwynedd — Côte d’Azur'], ['שלום \u200f']])(
    'accepts %j as prose',
    (text) => expect(textProblem(text, true)).toBeUndefined(),
  );

  it('refuses in prose the control characters other than tab and line breaks, and blank prose', () => {
    expect(textProblem('a\u0000b', true)).toContain('U+0000');
    expect(textProblem('a\u001bb', true)).toContain('U+001B');
    expect(textProblem('\n\t \r\n', true)).toBe('is only white space');
  });

  it('names the first text at fault by its dotted path, at any depth, and knows prose by its field', () => {
    const refusal = (data: unknown) => {
      try {
        assertPlainTexts(data);
        return undefined;
      } catch (error) {
        const { field, message } = (error as { getResponse(): { field: string; message: string } }).getResponse();
        return { field, message };
      }
    };
    expect(refusal({ text: 'a\nb', source: { title: 'ok' } })).toBeUndefined();
    expect(refusal({ text: 'ok', source: { title: 'a\nb' } })).toEqual({
      field: 'source.title',
      message: expect.stringContaining('U+000A'),
    });
    expect(refusal({ bodies: [{ name: 'ok' }, { name: ' ' }], reason: '\u0000' })).toEqual({
      field: 'bodies.1.name',
      message: 'bodies.1.name is only white space',
    });
    expect(refusal({ amendments: ['fine\nand more', ' '] })).toEqual({
      field: 'amendments.1',
      message: 'amendments.1 is only white space',
    });
    expect(refusal({ effective: '2020-01-01', quorum: 3, inCommon: false, to: null })).toBeUndefined();
  });
});
