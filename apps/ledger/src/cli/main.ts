import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { AnswerProvenance, PROVENANCE_LEGEND, provenanceMark } from '@ledger/governance';
import { ApiKeys } from '../access/api-keys';
import { CommandImport, ImportLineRefused } from '../import/command-import';
import { AuthorityQueries } from '../authority/authority.queries';
import { ProjectionRunner } from '../read-models/projection-runner';
import { HistorySeed } from '../seed/history-seed';
import { auditCopy } from './audit-copy.command';
import { printChanges } from './changes.command';
import { createKey, listKeys, moveKeys, revokeKey, unrecordedBodies } from './keys.command';
import { Ledger, parseOptions as parseOptionsOf, withLedger } from './ledger-context';
import { sampleDecisions } from './sample.command';
import { rebuildTree } from './tree.command';
import { runVerification } from './verify.command';

const USAGE = `usage: npm run ledger -- <command>
  import FILE [--key KEY]                       record the commands of a JSON-lines file, in order, as the key's holder
                                                (the key from --key or LEDGER_KEY; held to its role and bodies)
  keys create --name "Full Name" --role officer|auditor|admin [--body BODY_ID ...] [--label TEXT]
                                                create a person's API key (printed once; stored hashed)
  keys list                                     every key: id, person, role, bodies, created, revoked
  keys revoke ID                                refuse the key from now on (API and workspace sessions)
  keys move                                     move private keys out of the data folder into LEDGER_KEYS_DIR
  authority --function F --area A --at DATE [--as-known-at POSITION|TIMESTAMP] [--json]
                                                who held authority for F in A on DATE
  timeline --function F --area A [--as-known-at POSITION|TIMESTAMP] [--json]
                                                the same over all valid time
  rebuild                                       drop every projection and replay the ledger from position 0
  seed                                          record the real history (apps/ledger/seed/history.jsonl) in an empty ledger
  verify [--data-dir DIR] [--policy FILE | --public-key FILE] [--checkpoint FILE]
                                                check a copy of the ledger offline against its signed checkpoints
  verify --url URL [--checkpoint FILE] [--policy FILE | --public-key FILE] [--save-checkpoint FILE]
                                                check a running ledger extends the checkpoint you saved
  verify-evidence FILE [--policy FILE | --public-key FILE]
                                                check an evidence file (GET /decisions/.../evidence)
  audit-copy DIR                                write what an auditor needs, and nothing secret, into a new folder
  tree rebuild --reason TEXT                    rebuild the Merkle tree from the events, in the open (see docs/reference.md)
  changes [--from X] [--to Y] [--body B] [--csv]
                                                what was recorded, corrected, withdrawn, erased between two dates of knowledge
  sample --seed S --size N --from DATE --to DATE [--body B] DIR
                                                a reproducible sample of N decisions, with their evidence files`;

/** The ledger's command line, on the same store and configuration as the HTTP service (LEDGER_DATA_DIR...). */
export async function runCli(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'verify') return runVerification(command, [], parseOptions(rest), out);
  if (command === 'verify-evidence' && rest.length > 0) return runVerification(command, rest.slice(0, 1), parseOptions(rest.slice(1)), out);
  if (command === 'import' && rest.length % 2 === 1) {
    const token = parseOptions(rest.slice(1)).key?.[0] ?? process.env.LEDGER_KEY;
    if (!token) throw new Error(`import records as a named key: give it with --key or LEDGER_KEY\n${USAGE}`);
    return withLedger(async (ledger) => runImport(ledger, token, rest[0], out), { writes: true });
  }
  if (command === 'keys' && rest[0] === 'move' && rest.length === 1) return moveKeys(out);
  if (command === 'audit-copy' && rest.length === 1) return withLedger((ledger) => auditCopy(ledger, rest[0], out));
  if (command === 'tree' && rest[0] === 'rebuild') {
    const reason = parseOptions(rest.slice(1)).reason?.[0] ?? '';
    return withLedger((ledger) => rebuildTree(ledger, reason, out));
  }
  if (command === 'changes') return withLedger((ledger) => printChanges(ledger, parseOptionsOf(rest, USAGE, ['csv']), out));
  if (command === 'sample' && rest.length % 2 === 1) {
    return withLedger((ledger) => sampleDecisions(ledger, parseOptions(rest.slice(0, -1)), rest[rest.length - 1], out), { writes: true });
  }
  if (command === 'keys' && rest[0] === 'create') return withLedger((ledger) => createKey(ledger, parseOptions(rest.slice(1)), out));
  if (command === 'keys' && rest[0] === 'list' && rest.length === 1) return withLedger(async (ledger) => listKeys(ledger, out));
  if (command === 'keys' && rest[0] === 'revoke' && rest.length === 2) return withLedger(async (ledger) => revokeKey(ledger, rest[1], out));
  if (command === 'seed' && rest.length === 0) {
    return withLedger(
      async (ledger) => {
        const outcome = await ledger.get(HistorySeed).seedIfEmpty();
        out(
          outcome.seeded
            ? `seeded ${describeResumed(outcome.recorded, outcome.alreadyRecorded, outcome.file)}`
            : `nothing seeded: ${outcome.reason}`,
        );
        return 0;
      },
      { writes: true },
    );
  }
  if (command === 'rebuild' && rest.length === 0) {
    return withLedger(async (ledger) => {
      const report = await ledger.get(ProjectionRunner).rebuild();
      out(`rebuilt every projection from ${report.events} events in ${report.seconds.toFixed(2)} s (${report.eventsPerSec} events/s)`);
      return 0;
    });
  }
  if ((command === 'authority' || command === 'timeline') && rest.length > 0) {
    const options = parseOptions(rest.filter((arg) => arg !== '--json'));
    const json = rest.includes('--json');
    const [fn, area, at, asKnownAt] = [options.function?.[0], options.area?.[0], options.at?.[0], options['as-known-at']?.[0]];
    if (!fn || !area || (command === 'authority' && !at))
      throw new Error(`${command} needs --function, --area${command === 'authority' ? ' and --at' : ''}\n${USAGE}`);
    return withLedger(async (ledger) => {
      await ledger.get(ProjectionRunner).catchUp();
      const queries = ledger.get(AuthorityQueries);
      const answer =
        command === 'authority' ? await queries.at(fn, area, at as string, asKnownAt) : await queries.timeline(fn, area, asKnownAt);
      out(json ? JSON.stringify(answer, null, 2) : describeAuthority(answer as unknown as Answer));
      return 0;
    });
  }
  out(USAGE);
  return 2;
}

export { unrecordedBodies };

type Holder = { name: string; id: string; odsCode: string | null } | null;
type Link = {
  body: NonNullable<Holder>;
  basis: string;
  instrument: { kind: string; reference: string } | null;
  from: string;
  to: string | null;
  provenance?: AnswerProvenance;
};
type Held = { accountable: Holder; exercisedBy: Holder; chain: readonly Link[]; provenance?: AnswerProvenance };

/** Plain text for people at a terminal; --json gives the same answer as the HTTP API. */
type Answer = Partial<Held> & {
  function: string;
  area: string;
  at?: string;
  asKnownAt: { position: number; recordedAt: string | null };
  answers?: (Held & { areas: string[] })[];
  intervals?: readonly (Held & { from: string; to: string | null })[];
  areas?: { area: string; intervals: readonly (Held & { from: string; to: string | null })[] }[];
};

function describeAuthority(answer: Answer): string {
  const basis = `as known at position ${answer.asKnownAt.position}${answer.asKnownAt.recordedAt ? ` (${answer.asKnownAt.recordedAt})` : ''}`;
  const holder = (body: Holder) => (body ? `${body.name} (${body.id}${body.odsCode ? `, ${body.odsCode}` : ''})` : 'nobody recorded');
  let marked = false;
  const mark = (provenance: AnswerProvenance | undefined) => {
    const shown = provenanceMark(provenance);
    if (shown) marked = true;
    return shown ? ` ${shown}` : '';
  };
  // Each link names the sources of the facts it rests on, once each.
  const sources = (link: Link, indent: string) =>
    [
      ...new Set((link.provenance?.facts ?? []).map(({ source }) => `${source.title}${source.reference ? `: ${source.reference}` : ''}`)),
    ].map((source) => `${indent}    source: ${source}`);
  const held = (entry: Held, indent: string) => [
    `${indent}accountable:  ${holder(entry.accountable)}`,
    `${indent}exercised by: ${holder(entry.exercisedBy)}`,
    ...entry.chain.flatMap((link) => [
      `${indent}  ${link.basis}: ${holder(link.body)}${link.instrument ? `, ${link.instrument.kind} "${link.instrument.reference}"` : ''} [${link.from}, ${link.to ?? 'open'})${mark(link.provenance)}`,
      ...sources(link, indent),
    ]),
  ];
  const lines = [`${answer.function} in ${answer.area}${answer.at ? ` on ${answer.at}` : ''}, ${basis}`];
  const during = (interval: { from: string; to: string | null; provenance?: AnswerProvenance }) =>
    `[${interval.from}, ${interval.to ?? 'open'})${mark(interval.provenance)}`;
  if (answer.answers) for (const entry of answer.answers) lines.push(`  ${entry.areas.join(', ')}:`, ...held(entry, '    '));
  else if (answer.intervals) for (const interval of answer.intervals) lines.push(`  ${during(interval)}:`, ...held(interval, '    '));
  else if (answer.areas)
    for (const { area, intervals } of answer.areas)
      for (const interval of intervals) lines.push(`  ${area} ${during(interval)}:`, ...held(interval, '    '));
  else lines.push(...held(answer as Held, '  '));
  if (marked) lines.push(PROVENANCE_LEGEND);
  return lines.join('\n');
}

/** Records as the key's holder, held to its role and bodies line by line like any request; a key not valid writes nothing. */
async function runImport(ledger: Ledger, token: string, file: string, out: (line: string) => void): Promise<number> {
  const actor = await ledger.get(ApiKeys).authenticate(token);
  if (!actor) {
    out('import refused: the key is not valid (unknown or revoked); nothing was recorded');
    return 1;
  }
  try {
    const { recorded, alreadyRecorded } = await ledger.get(CommandImport).importLines(readFileSync(file, 'utf8'), { actor });
    out(`imported ${describeResumed(recorded, alreadyRecorded, file)}`);
    out(`recorded as key ${actor.keyId} (${actor.person ?? 'no person named'})`);
    return 0;
  } catch (error) {
    if (!(error instanceof ImportLineRefused)) throw error;
    out(`import stopped at ${file}:${error.line}: rule ${error.rule} (${error.status}): ${error.detail}`);
    out(
      `lines before ${error.line} are recorded; line ${error.line} and after are not (run the import again once fixed: recorded lines are skipped)`,
    );
    return 1;
  }
}

/** "4 commands from FILE", and how many lines were skipped as already recorded by an earlier run. */
function describeResumed(recorded: number, alreadyRecorded: number, file: string): string {
  return `${recorded} commands from ${file}${alreadyRecorded > 0 ? `; skipped ${alreadyRecorded} lines already recorded` : ''}`;
}

function parseOptions(args: string[]): Record<string, string[]> {
  return parseOptionsOf(args, USAGE);
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
