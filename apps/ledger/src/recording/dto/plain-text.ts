import { InvalidField } from '../../http/ledger-errors';

/**
 * The prose fields of the commands: the only texts that may run over several lines, so the only ones in
 * which a tab, a line feed or a carriage return is allowed. Every other text (a name, a title, a place, a
 * post, a reference, a URL) is one line: a line break there would break every page and list showing it.
 * A new text field is one line until it is named here.
 */
export const PROSE_FIELDS: ReadonlySet<string> = new Set([
  'text',
  'wording',
  'resolution',
  'interest',
  'reason',
  'reasons',
  'publicInterestReason',
  'publicSummary',
  'amendments',
  'decision',
  'alternativesRejected',
  'dispensation',
  'proposal',
  'liabilities',
]);

/** White space and the invisible characters that read as nothing: a text of only these says nothing. */
const BLANK = /^[\s\u180e\u200b-\u200d\u2060]*$/u;
/** Control characters (C0, DEL, C1); in prose, tab, line feed and carriage return are not among them. */
const CONTROL = /\p{Cc}/u;
const PROSE_CONTROL = /[^\P{Cc}\t\n\r]/u;
/** In unicode mode a well-formed pair is one code point, so this finds only a surrogate standing alone. */
const LONE_SURROGATE = /[\ud800-\udfff]/u;
/** Embeddings, overrides and isolates: text that reorders what follows it can make one name read as another. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;

const codePoint = (text: string, pattern: RegExp) => {
  const found = pattern.exec(text)![0];
  return `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
};

/** What is wrong with a text given for a field, or undefined when nothing is. */
export function textProblem(text: string, prose: boolean): string | undefined {
  if (BLANK.test(text)) return text === '' ? 'is empty' : 'is only white space';
  if (LONE_SURROGATE.test(text)) return 'holds half of a UTF-16 surrogate pair, not a character';
  if ((prose ? PROSE_CONTROL : CONTROL).test(text)) {
    const allowed = prose ? ' (tab and line breaks are allowed)' : ' (a one-line text: no tab or line break either)';
    return `holds the control character ${codePoint(text, prose ? PROSE_CONTROL : CONTROL)}${allowed}`;
  }
  if (BIDI_CONTROL.test(text))
    return `holds the bidirectional control ${codePoint(text, BIDI_CONTROL)}, which can make it read as another text`;
  return undefined;
}

/**
 * Every text of a command's data, at any depth, must say something and show as written: the one check of
 * text, for every field of every DTO (see `textProblem`). An array's texts are those of its field.
 * Throws `invalid-field` naming the first text at fault by its dotted path (`bodies.0.name`).
 */
export function assertPlainTexts(data: unknown): void {
  const pending: [unknown, string, string][] = [[data, '', '']];
  while (pending.length > 0) {
    const [value, path, field] = pending.pop()!;
    if (typeof value === 'string') {
      const problem = textProblem(value, PROSE_FIELDS.has(field));
      if (problem) throw new InvalidField(path || 'body', `${path || 'body'} ${problem}`);
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--)
        pending.push([value[index], path ? `${path}.${index}` : String(index), field]);
    } else if (value !== null && typeof value === 'object') {
      for (const [name, member] of Object.entries(value).reverse()) pending.push([member, path ? `${path}.${name}` : name, name]);
    }
  }
}
