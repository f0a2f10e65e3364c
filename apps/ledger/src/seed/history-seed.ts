import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { existsSync, readFileSync } from 'node:fs';
import { ledgerConfig } from '../config/ledger.config';
import { CommandImport, importCommandId } from '../import/command-import';
import { eventIdFor } from '../recording/event-ids';

export type SeedOutcome = { seeded: true; file: string; recorded: number; alreadyRecorded: number } | { seeded: false; reason: string };

/**
 * Seeds an empty ledger with the real history (apps/ledger/seed/history.jsonl) once: an empty store is
 * seeded; a store holding anything else is left alone; a seed cut off midway (a crash, a kill) resumes
 * where it stopped. Where it stopped is read from the event store itself — each line's command id
 * derives from its content, so its events are found by id — never from a record kept beside it.
 */
@Injectable()
export class HistorySeed {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly importer: CommandImport,
    @Inject(ledgerConfig.KEY) private readonly config: ConfigType<typeof ledgerConfig>,
  ) {}

  async seedIfEmpty(): Promise<SeedOutcome> {
    const plan = await this.plan();
    if (!plan.due) return { seeded: false, reason: plan.reason };
    const { recorded, alreadyRecorded } = await this.importer.importLines(plan.text);
    return { seeded: true, file: plan.file, recorded, alreadyRecorded };
  }

  /** Whether a seed is due (the file has commands, the ledger is empty or was seeded in part), recording nothing. */
  async plan(): Promise<{ due: true; file: string; text: string } | { due: false; reason: string }> {
    const file = this.config.seedFile;
    if (!existsSync(file)) return { due: false, reason: `no seed file at ${file}` };
    const text = readFileSync(file, 'utf8');
    const commands = text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('//'));
    if (commands.length === 0) return { due: false, reason: `the seed file ${file} holds no commands` };
    const [first, last] = await Promise.all(
      [commands[0], commands[commands.length - 1]].map((line) => this.store.readEvent(eventIdFor(importCommandId(line), 0))),
    );
    if (last) return { due: false, reason: `already seeded from ${file} (its last line is at position ${last.globalPosition})` };
    const head = await this.store.head();
    if (head.position > 0 && !first) return { due: false, reason: `the ledger already holds ${head.eventCount} events` };
    return { due: true, file, text };
  }
}
