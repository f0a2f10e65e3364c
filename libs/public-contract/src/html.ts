/**
 * The one escaping function of every page (the public site's and the officers' workspace). Every value reaches
 * a page through `html`, which escapes whatever it interpolates unless it is already `Html` (the output of
 * `html` itself); so markup can only come from the templates, never from a recorded fact or a key's name.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escape(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

type Part = Html | string | number | boolean | null | undefined | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escape(part);
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0];
  for (let index = 0; index < parts.length; index++) out += render(parts[index]) + strings[index + 1];
  return new Html(out);
}
