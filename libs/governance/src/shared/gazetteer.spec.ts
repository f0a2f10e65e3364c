import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GAZETTEER, placesIn } from './gazetteer';
import { AREAS } from './vocabulary';

/** The five source documents, kept in the repository (LEDGER_SEED_SOURCES names another folder). */
const SOURCES = resolve(process.env.LEDGER_SEED_SOURCES ?? join(__dirname, '../../../../apps/ledger/seed/sources'));

describe('the gazetteer of towns and former districts', () => {
  it('places every entry in areas of the vocabulary, with a source', () => {
    for (const entry of GAZETTEER) {
      expect([entry.name, entry.areas.length > 0, entry.areas.every((area) => AREAS.includes(area))]).toEqual([entry.name, true, true]);
      expect([entry.name, typeof entry.source.title, Boolean(entry.source.url ?? entry.source.reference)]).toEqual([
        entry.name,
        'string',
        true,
      ]);
    }
  });

  it('given Vale Royal, South Cheshire and Sefton, names the towns a resident would type', () => {
    expect(placesIn('vale-royal')).toEqual(expect.arrayContaining(['Winsford', 'Northwich', 'Vale Royal']));
    expect(placesIn('south-cheshire')).toEqual(expect.arrayContaining(['Crewe', 'Nantwich', 'Crewe and Nantwich']));
    expect(placesIn('eastern-cheshire')).toEqual(expect.arrayContaining(['Macclesfield', 'Congleton', 'Knutsford']));
    expect(placesIn('west-cheshire')).toEqual(expect.arrayContaining(['Chester', 'Ellesmere Port']));
    expect(placesIn('southport-and-formby')).toEqual(expect.arrayContaining(['Southport', 'Formby']));
    expect(placesIn('south-sefton')).toContain('Bootle');
    // A town is in one area only: Winsford is not in West Cheshire.
    expect(placesIn('west-cheshire')).not.toContain('Winsford');
    expect(placesIn('no-such-area')).toEqual([]);
  });

  const seeds = existsSync(SOURCES);
  if (!seeds) console.log(`gazetteer citations not checked: the source documents are not in ${SOURCES}`);
  (seeds ? it : it.skip)('names each town in the seed file and section it cites', () => {
    let checked = 0;
    for (const entry of GAZETTEER) {
      const file = /^(00[0-4]_[0-9a-f]{16}\.txt)/.exec(entry.source.reference ?? '')?.[1];
      if (!file) continue;
      const text = readFileSync(join(SOURCES, file), 'utf8');
      // A quoted heading: the section runs to the next heading. A numbered paragraph: that paragraph (one line).
      const reference = entry.source.reference!.slice(file.length + 2);
      const heading = /^"([^"]+)"$/.exec(reference)?.[1];
      const paragraph = /^(\d+(?:\.\d+)+) /.exec(reference)?.[1];
      const start = heading ? text.indexOf(`# ${heading}`) : text.indexOf(`\n${paragraph} `);
      expect([entry.name, reference, start >= 0]).toEqual([entry.name, reference, true]);
      const end = text.indexOf(heading ? '\n#' : '\n', start + 1);
      expect([entry.name, text.slice(start, end > start ? end : undefined).includes(entry.name)]).toEqual([entry.name, true]);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(7);
  });
});
