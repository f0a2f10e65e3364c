import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_DECLARATIONS } from './command-catalogue';

/**
 * The command table of docs/reference.md is made from the declarations, never written by hand: this test fails
 * when they part, and `UPDATE_REFERENCE=1 npx jest reference-commands` writes the table again (formatted as
 * prettier formats a table).
 */
const REFERENCE = join(__dirname, '..', '..', '..', 'docs', 'reference.md');
const START = '<!-- command table: made from the declarations by reference-commands.spec.ts (UPDATE_REFERENCE=1) -->';
const END = '<!-- end of the command table -->';
const HEADER = ['feature', 'command', 'route (POST)', 'recorded by'];

function declaredRows(): string[][] {
  return COMMAND_DECLARATIONS.map(({ tag, command, route, roles }) => [tag, `\`${command}\``, `\`/${route}\``, roles.join(', ')]);
}

/** A markdown table as prettier writes it: each column as wide as its widest cell. */
function markdownTable(rows: string[][]): string {
  const widths = HEADER.map((_, column) => Math.max(3, ...[HEADER, ...rows].map((row) => row[column].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [line(HEADER), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

function tableIn(reference: string): { before: string; table: string; after: string } {
  const start = reference.indexOf(START);
  const end = reference.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/reference.md has no command table between "${START}" and "${END}"`);
  return {
    before: reference.slice(0, start + START.length),
    table: reference.slice(start + START.length, end).trim(),
    after: reference.slice(end),
  };
}

const cellsOf = (table: string) =>
  table
    .split('\n')
    .slice(2)
    .map((row) =>
      row
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );

describe("the reference's command table", () => {
  if (process.env.UPDATE_REFERENCE) {
    const { before, after } = tableIn(readFileSync(REFERENCE, 'utf8'));
    writeFileSync(REFERENCE, `${before}\n\n${markdownTable(declaredRows())}\n\n${after}`);
  }

  it('names every declared command, its route and who records it, and nothing else', () => {
    const { table } = tableIn(readFileSync(REFERENCE, 'utf8'));
    expect(cellsOf(table)).toEqual(declaredRows());
  });
});
