import { HttpException, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { createHash } from 'node:crypto';
import { Actor } from '../access/actor';
import { describeLedgerError } from '../http/ledger-exception.filter';
import { CommandCatalogue } from '../command-catalogue';
import { pathIdsOf } from '../recording/command-declaration';
import { validatedCommandData } from '../recording/command-validation';
import { RecordCommand } from '../recording/record-command';
import { RecordedCommands } from '../recording/recorded-commands';

/** A line of an import file that was refused; lines before it were recorded, it and those after were not. */
export class ImportLineRefused extends Error {
  constructor(
    readonly line: number,
    readonly rule: string,
    readonly status: number,
    readonly detail: string,
  ) {
    super(`line ${line}: ${rule} (${status}): ${detail}`);
    this.name = 'ImportLineRefused';
  }
}

/**
 * The seed's system actor: the real history (apps/ledger/seed/history.jsonl), reviewed in the repository, is
 * recorded by the ledger itself, not by any person's key. No token authenticates as it (key ids are 12 hex digits);
 * `ledger import` records as the named key it is given instead.
 */
export const SEED_ACTOR: Actor = { keyId: 'seed', role: 'admin', bodies: [], person: null };

/** What became of one line: recorded now, found already recorded (skipped), or blank or a comment. */
export type LineOutcome = 'recorded' | 'already-recorded' | 'blank';

export interface ImportReport {
  recorded: number;
  /** Lines that recorded nothing new: already recorded, blank, or comments. */
  skipped: number;
  /** Of those, the lines already recorded (an import or seed run before). */
  alreadyRecorded: number;
}

/** The command id of an import line: its content, so the same line is the same command in any file, any run. */
export function importCommandId(raw: string): string {
  return `import:${createHash('sha256').update(raw.trim()).digest('hex')}`;
}

/**
 * Records the commands of a JSON-lines file, one `{ "command": "...", "data": {...} }` per line, in order.
 * Each line is one command and one atomic append; the first line refused stops the import. Command ids
 * derive from the line's content, so a line already recorded is recognised in the event store and
 * skipped: running the same file again resumes after what an earlier run (or a crash) left recorded.
 */
@Injectable()
export class CommandImport {
  constructor(
    private readonly commands: CommandBus,
    private readonly catalogue: CommandCatalogue,
    private readonly recordedCommands: RecordedCommands,
  ) {}

  /** `onLineDone` hears of each line once it is recorded or skipped. */
  async importText(
    text: string,
    { actor = SEED_ACTOR, onLineDone }: { actor?: Actor; onLineDone?: (line: number, outcome: LineOutcome) => void } = {},
  ): Promise<{ recorded: number; skipped: number }> {
    const report = await this.importLines(text, { actor, onLineDone });
    // The counts of lines recorded and of lines that recorded nothing; `report` says why they did not.
    return { recorded: report.recorded, skipped: report.skipped };
  }

  /** As importText, with how many of the skipped lines were already recorded. */
  async importLines(
    text: string,
    { actor = SEED_ACTOR, onLineDone }: { actor?: Actor; onLineDone?: (line: number, outcome: LineOutcome) => void } = {},
  ): Promise<ImportReport> {
    const report: ImportReport = { recorded: 0, skipped: 0, alreadyRecorded: 0 };
    const lines = text.split(/\r?\n/);
    for (let index = 0; index < lines.length; index++) {
      const raw = lines[index].trim();
      const outcome = raw === '' || raw.startsWith('//') ? 'blank' : await this.importLine(raw, index + 1, actor);
      if (outcome === 'recorded') report.recorded++;
      else report.skipped++;
      if (outcome === 'already-recorded') report.alreadyRecorded++;
      onLineDone?.(index + 1, outcome);
    }
    return report;
  }

  private async importLine(raw: string, line: number, actor: Actor): Promise<'recorded' | 'already-recorded'> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw new ImportLineRefused(line, 'malformed-json', 400, (error as Error).message);
    }
    if (!isCommandLine(parsed)) {
      throw new ImportLineRefused(line, 'line-shape', 400, 'each line is { "command": "<name>", "data": { ... } }');
    }
    const declaration = this.catalogue.declarationOf(parsed.command);
    if (!declaration) throw new ImportLineRefused(line, 'unknown-command', 400, `no command named "${parsed.command}"`);
    const commandId = importCommandId(raw);
    try {
      const data = await validatedCommandData(declaration, parsed.data, pathIdsOf(declaration.route));
      if (await this.recordedCommands.find(commandId, this.recordedCommands.hashOf(declaration.command, data))) return 'already-recorded';
      await this.commands.execute(new RecordCommand(declaration, data, { actor, commandId }));
      return 'recorded';
    } catch (error) {
      const { status, body } = describeLedgerError(error);
      const rule = String(body.rule ?? body.error ?? 'refused');
      const detail = error instanceof HttpException && Array.isArray(body.message) ? body.message.join('; ') : String(body.message);
      throw new ImportLineRefused(line, rule, status, detail);
    }
  }
}

function isCommandLine(value: unknown): value is { command: string; data: Record<string, unknown> } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const line = value as Record<string, unknown>;
  return (
    typeof line.command === 'string' &&
    line.data !== null &&
    typeof line.data === 'object' &&
    !Array.isArray(line.data) &&
    Object.keys(line).every((key) => key === 'command' || key === 'data')
  );
}
