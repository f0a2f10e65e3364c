/**
 * `npm run bench:confidentiality`: the cost of sealing content on the command path. The same meeting
 * commands (an item, a motion, a decision: every one with content to seal; BENCH_MEETINGS meetings of BENCH_ITEMS items) are recorded through the one
 * write pipeline, in process, three ways in the same run: public items, Part 2 items, and — the baseline —
 * public items with sealing switched off (content stored in clear, as before sealing existed). Then the
 * cost of opening: a Part 2 decision read by an entitled reader against the same read by the public.
 * Last line: one JSON object.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { DomainEvent } from '@ledger/governance';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Actor } from '../src/access/actor';
import { ContentDisclosure } from '../src/disclosure/content-disclosure';
import { ContentSealing } from '../src/confidentiality/content-sealing';
import { DecisionRegisterQueries } from '../src/decisions/decision-register.queries';
import { CommandImport } from '../src/import/command-import';
import { LedgerModule } from '../src/ledger.module';
import { ProjectionRunner } from '../src/read-models/projection-runner';

/** Meetings of a realistic size: a public projection rewrites a meeting's decisions whenever it changes. */
const MEETINGS = Number(process.env.BENCH_MEETINGS ?? 20);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 20);
const READS = Number(process.env.BENCH_READS ?? 2000);
const source = { title: 'Benchmark', illustrative: true };
const admin: Actor = { keyId: 'bench', role: 'admin', bodies: [] };

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

function setup(): string[] {
  const line = (command: string, data: object) => JSON.stringify({ command, data: { source, ...data } });
  return [
    line('EstablishBody', {
      bodyId: 'wirral-council',
      kind: 'local-authority',
      name: 'Wirral Council',
      areas: ['wirral'],
      effective: '2013-04-01',
    }),
    line('EstablishBody', {
      bodyId: 'wirral-cabinet',
      kind: 'committee',
      name: 'Cabinet',
      parentBodyId: 'wirral-council',
      areas: ['wirral'],
      effective: '2013-04-01',
    }),
    line('AppointMember', {
      bodyId: 'wirral-cabinet',
      membershipId: 'cab-1',
      member: { seat: 'cab-1' },
      role: 'member',
      voting: true,
      from: '2013-04-01',
    }),
    line('AppointMember', {
      bodyId: 'wirral-cabinet',
      membershipId: 'cab-2',
      member: { seat: 'cab-2' },
      role: 'member',
      voting: true,
      from: '2013-04-01',
    }),
  ];
}

/** A meeting with `ITEMS` items, each with its motion and decision: 2 + 3 × ITEMS commands with content. */
function meeting(meetingId: string, part2: boolean): string[] {
  const line = (command: string, data: object) => JSON.stringify({ command, data: { source, meetingId, ...data } });
  const lines = [
    line('ConveneMeeting', { date: '2024-01-15', bodies: [{ bodyId: 'wirral-cabinet', quorum: 1 }] }),
    line('RecordAttendance', { present: ['cab-1', 'cab-2'] }),
  ];
  for (let i = 0; i < ITEMS; i++) {
    const itemId = `item-${i}`;
    lines.push(
      line('AddAgendaItem', {
        itemId,
        title: `Item ${i}`,
        text: `The report for item ${i}: `.padEnd(600, 'x'),
        functions: ['adult-social-care'],
        areas: ['wirral'],
        ...(part2 ? { confidential: { paragraph: 3, publicInterestReason: 'commercial', publicSummary: `Summary ${i}` } } : {}),
      }),
      line('ProposeMotion', { itemId, motionId: `mo-${i}`, wording: `That item ${i} be approved`, mover: 'cab-1', seconder: 'cab-2' }),
      line('RecordDecision', { itemId, outcome: 'agreed-without-vote', resolution: `Item ${i} approved as set out in the report` }),
    );
  }
  return lines;
}

async function ledgerWith(sealing: boolean) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-confidential-'));
  process.env.LEDGER_DATA_DIR = dataDir;
  process.env.LEDGER_SEED = 'off';
  const app = await NestFactory.createApplicationContext(LedgerModule, { logger: false });
  if (!sealing) {
    // The baseline: content as it was stored before sealing, in clear.
    const clear = app.get(ContentSealing);
    clear.seal = (_stream: string, events: readonly DomainEvent[]) => [...events];
  }
  await app.init();
  const commands = app.get(CommandImport);
  // Refused lines throw: the benchmark stops rather than measure refusals.
  const record = (lines: string[]) => commands.importText(lines.join('\n'), { actor: admin });
  await record(setup());
  return {
    app,
    record,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function commandsPerSec(sealing: boolean, part2: boolean): Promise<number> {
  const ledger = await ledgerWith(sealing);
  const lines = Array.from({ length: MEETINGS }, (_, n) => meeting(`bench-meeting-${n}`, part2)).flat();
  const start = process.hrtime.bigint();
  await ledger.record(lines);
  const rate = lines.length / seconds(start);
  await ledger.close();
  return Math.round(rate);
}

async function readsPerSec(): Promise<{ entitled: number; public: number }> {
  const ledger = await ledgerWith(true);
  await ledger.record(meeting('bench-meeting-0', true));
  await ledger.app.get(ProjectionRunner).catchUp();
  const queries = ledger.app.get(DecisionRegisterQueries);
  const disclosure = ledger.app.get(ContentDisclosure);
  const rate = async (actor: Actor | undefined) => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < READS; i++) {
      // What the HTTP route does: the view, then disclosure on its way out.
      const view = await queries.meetingDecision('bench-meeting-0', `item-${i % ITEMS}`, 'wirral-cabinet', actor);
      await disclosure.disclose(view, actor);
    }
    return Math.round(READS / seconds(start));
  };
  const result = { public: await rate(undefined), entitled: await rate({ keyId: 'auditor', role: 'auditor', bodies: [] }) };
  await ledger.close();
  return result;
}

async function main(): Promise<void> {
  const clear = await commandsPerSec(false, false);
  const publicItems = await commandsPerSec(true, false);
  const part2Items = await commandsPerSec(true, true);
  console.log(`commands/s, content in clear (baseline): ${clear}`);
  console.log(`commands/s, public items (sealed):       ${publicItems}  (${(publicItems / clear).toFixed(2)}x baseline)`);
  console.log(`commands/s, Part 2 items (sealed):       ${part2Items}  (${(part2Items / clear).toFixed(2)}x baseline)`);
  const reads = await readsPerSec();
  console.log(`decision reads/s (in process), public:   ${reads.public}`);
  console.log(`decision reads/s, entitled (opened):     ${reads.entitled}  (${(reads.entitled / reads.public).toFixed(2)}x public)`);
  console.log(
    JSON.stringify({
      commandsPerSecClear: clear,
      commandsPerSecPublicItems: publicItems,
      commandsPerSecPart2Items: part2Items,
      part2SealingRatio: Number((part2Items / clear).toFixed(3)),
      publicSealingRatio: Number((publicItems / clear).toFixed(3)),
      decisionReadsPerSecPublic: reads.public,
      decisionReadsPerSecEntitled: reads.entitled,
      openingRatio: Number((reads.entitled / reads.public).toFixed(3)),
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
