import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SEEDED } from './seeded-ledger';

/**
 * The seed file's citations, read against the five source documents themselves, kept in the repository
 * (apps/ledger/seed/sources, as published; LEDGER_SEED_SOURCES names another folder); without them the
 * quotes cannot be checked and this says so once.
 */
const SOURCES = resolve(process.env.LEDGER_SEED_SOURCES ?? join(__dirname, '../apps/ledger/seed/sources'));
const FILE_NAME = /^(00[0-4])_[0-9a-f]{16}\.txt/;

/** Whitespace, typographic quotes, dashes and markdown emphasis apart, the text a reader sees. */
const plain = (text: string) =>
  text.replace(/\*/g, '').replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/–/g, '-').replace(/\s+/g, ' ').trim().toLowerCase();

const available = existsSync(SOURCES) && readdirSync(SOURCES).filter((name) => FILE_NAME.test(name)).length === 5;
if (!available) console.log(`seed citation quotes not checked: the five source documents are not in ${SOURCES} (set LEDGER_SEED_SOURCES)`);

describe('the seed file’s citations', () => {
  it('gives every line a source with a reference, and names no summary as one', () => {
    for (const [index, { data }] of SEEDED.entries()) {
      const { title, reference } = data.source;
      expect([index + 1, typeof title, typeof reference]).toEqual([index + 1, 'string', 'string']);
      expect([index + 1, title]).not.toEqual([index + 1, expect.stringMatching(/DOMAIN\.md|domain reference/i)]);
    }
  });

  (available ? it : it.skip)(
    'quotes each of the five sources as it reads: every “quotation” is in the file cited, or one the reference names',
    () => {
      const texts = new Map(
        readdirSync(SOURCES)
          .filter((name) => FILE_NAME.test(name))
          .map((name) => [name.slice(0, 3), plain(readFileSync(join(SOURCES, name), 'utf8'))]),
      );
      let quotes = 0;
      for (const [index, { data }] of SEEDED.entries()) {
        const cited = FILE_NAME.exec(data.source.title)?.[1];
        if (!cited) continue;
        const reference = data.source.reference ?? '';
        // The file of the title, and any other the reference names ("002 §5: …").
        const files = [cited, ...(reference.match(/\b00[0-4]\b/g) ?? [])];
        for (const [, quoted] of reference.matchAll(/“([^”]*)”/g)) {
          for (const piece of quoted
            .split('…')
            .map(plain)
            .filter((part) => part.length >= 4)) {
            const found = files.some((file) => texts.get(file)?.includes(piece));
            expect([index + 1, piece, found]).toEqual([index + 1, piece, true]);
            quotes++;
          }
        }
      }
      expect(quotes).toBeGreaterThan(200);
    },
  );
});
