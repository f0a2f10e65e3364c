import { Actor } from '../access/actor';
import { csv } from '@ledger/public-contract';
import { ProjectionRunner } from '../read-models/projection-runner';
import { CHANGES_CSV_HEADER, changesCsv, LedgerChanges } from '../transparency/changes/ledger-changes';
import { Ledger } from './ledger-context';

/** The CLI reads as an auditor would: whoever runs it holds the data folder (an audit copy opens no confidential content). */
export const CLI_AUDITOR: Actor = { keyId: 'cli', role: 'auditor', bodies: [] };

/**
 * `npm run ledger -- changes [--from X] [--to Y] [--body B] [--csv]`, offline (on an audit copy too): every page of
 * GET /ledger/changes, as text lines or as one CSV.
 */
export async function printChanges(ledger: Ledger, options: Record<string, string[]>, out: (line: string) => void): Promise<number> {
  await ledger.get(ProjectionRunner).catchUp();
  const changes = ledger.get(LedgerChanges);
  const rows: string[][] = [];
  let after: number | undefined;
  let window = '';
  do {
    const page = await changes.page(
      { from: options.from?.[0], to: options.to?.[0], body: options.body?.[0], after, limit: 1000 },
      CLI_AUDITOR,
    );
    window = `positions ${page.from.position} to ${page.to.position}${page.body ? `, ${page.body.id} and its ${page.body.withCommittees.length} committees` : ''}`;
    if (options.csv) rows.push(...changesCsv(page));
    else
      for (const change of page.changes) {
        const who = `${change.key ?? 'unknown key'}${change.person ? ` (${change.person})` : ''}`;
        const fields = change.fields
          .map(({ field, before, after: now }) => ` ${field}: ${JSON.stringify(before)} → ${JSON.stringify(now)}`)
          .join(';');
        out(
          `${change.position} ${change.recordedAt} ${change.kind} ${change.about}; by ${who}${change.reason ? `; reason: ${change.reason}` : ''}${fields ? `;${fields}` : ''}`,
        );
      }
    after = page.next ?? undefined;
  } while (after !== undefined);
  if (options.csv) out(csv(CHANGES_CSV_HEADER, rows).trimEnd());
  else out(`(${window})`);
  return 0;
}
