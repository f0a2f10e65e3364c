import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isCivilDate, MeetingDecisionView } from '@ledger/governance';
import { DecisionRegisterQueries } from '../decisions/decision-register.queries';
import { csv } from '@ledger/public-contract';
import { ProjectionRunner } from '../read-models/projection-runner';
import { DecisionEvidence } from '../transparency/decision-evidence';
import { TransparencyStatus } from '../transparency/transparency-status';
import { CLI_AUDITOR } from './changes.command';
import { Ledger } from './ledger-context';

const PAGE = 100;

/**
 * `npm run ledger -- sample --seed S --size N --from D1 --to D2 [--body B] DIR`: N meeting decisions dated in
 * [D1, D2] (of B and its committees), chosen as an external auditor samples under ISA 530: at random, and
 * reproducibly. Each decision is ranked by SHA-256(seed ‖ its id) and the N lowest taken, so the same seed over
 * the same ledger gives the same sample, whatever order the decisions are listed in. Each one's evidence file is
 * written to DIR, with an index (sample.csv) and the ledger's policy (policy.txt).
 */
export async function sampleDecisions(
  ledger: Ledger,
  options: Record<string, string[]>,
  dir: string,
  out: (line: string) => void,
): Promise<number> {
  const [seed, size, from, to, body] = [
    options.seed?.[0],
    Number(options.size?.[0]),
    options.from?.[0],
    options.to?.[0],
    options.body?.[0],
  ];
  if (!seed) throw new Error('sample needs --seed S (any text: the same seed gives the same sample)');
  if (!Number.isInteger(size) || size < 1) throw new Error('sample needs --size N, a whole number of decisions');
  for (const [name, date] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (!date || !isCivilDate(date)) throw new Error(`sample needs --${name} YYYY-MM-DD`);
  const target = resolve(dir);
  if (existsSync(target) && readdirSync(target).length > 0) throw new Error(`${target} is not empty: give a new folder`);

  await ledger.get(ProjectionRunner).catchUp();
  const queries = ledger.get(DecisionRegisterQueries);
  const population: MeetingDecisionView[] = [];
  let basis: { position: number } | undefined;
  for (let offset: number | null = 0; offset !== null;) {
    const page = await queries.decisions(
      { from, to, body, committees: body ? 'true' : undefined, offset, limit: PAGE, asKnownAt: basis ? String(basis.position) : undefined },
      CLI_AUDITOR,
    );
    basis ??= page.asKnownAt;
    population.push(...(page.decisions as { kind: string }[]).filter((view): view is MeetingDecisionView => view.kind === 'meeting'));
    offset = page.next;
  }
  const rank = (view: MeetingDecisionView) => createHash('sha256').update(`${seed}\n${view.decisionId}`).digest('hex');
  const chosen = population
    .map((view) => ({ view, rank: rank(view) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : 1))
    .slice(0, size);

  mkdirSync(target, { recursive: true });
  const evidence = ledger.get(DecisionEvidence);
  const rows: (string | number)[][] = [];
  for (const [index, { view, rank: hash }] of chosen.entries()) {
    const bundle = await evidence.of(view.meeting.id, view.item.id, view.decidingBody.id, CLI_AUDITOR, String(basis!.position));
    const file = `${String(index + 1).padStart(3, '0')}-${view.decisionId.replace(/[^A-Za-z0-9._-]+/g, '_')}.json`;
    writeFileSync(join(target, file), JSON.stringify(bundle, null, 2));
    rows.push([
      index + 1,
      view.decisionId,
      view.date,
      view.decidingBody.id,
      view.item.title,
      view.outcome,
      view.verdict.valid ? 'valid' : 'not valid',
      hash,
      file,
    ]);
  }
  writeFileSync(
    join(target, 'sample.csv'),
    csv(['rank', 'decision_id', 'date', 'body', 'title', 'outcome', 'verdict', 'sha256_of_seed_and_id', 'evidence_file'], rows),
  );
  writeFileSync(join(target, 'policy.txt'), (await ledger.get(TransparencyStatus).view()).policy);
  out(
    `sampled ${chosen.length} of ${population.length} meeting decisions dated ${from} to ${to}${body ? ` of ${body} and its committees` : ''}, as known at position ${basis?.position}, with seed "${seed}": ${target}/sample.csv`,
  );
  return 0;
}
