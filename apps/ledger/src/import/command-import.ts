import { HttpException, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { createHash } from 'node:crypto';
import { Actor } from '../access/actor';
import { describeLedgerError } from '../http/ledger-exception.filter';
import { CommandCatalogue } from '../recording/command-catalogue';
import { pathIdsOf } from '../recording/command-declaration';
import { validatedCommandData } from '../recording/command-validation';
import { RecordCommand, RecordedFacts } from '../recording/record-command';

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

const IMPORTER: Actor = { keyId: 'cli-import', role: 'admin', bodies: [] };

/**
 * Records the commands of a JSON-lines file, one `{ "command": "...", "data": {...} }` per line, in order.
 * Each line is one command and one atomic append; the first line refused stops the import. Command ids
 * derive from the line's content, so importing the same line again cannot write it twice.
 */
@Injectable()
export class CommandImport {
  constructor(
    private readonly commands: CommandBus,
    private readonly catalogue: CommandCatalogue,
  ) {}

  /**
   * `afterLine` resumes an interrupted import (lines up to it are taken as recorded); `onLineDone`
   * hears of each line once it is recorded or skipped.
   */
  async importText(
    text: string,
    { actor = IMPORTER, afterLine = 0, onLineDone }: { actor?: Actor; afterLine?: number; onLineDone?: (line: number) => void } = {},
  ): Promise<{ recorded: number; skipped: number }> {
    let recorded = 0;
    let skipped = 0;
    const lines = text.split(/\r?\n/);
    for (let index = afterLine; index < lines.length; index++) {
      const raw = lines[index].trim();
      if (raw === '' || raw.startsWith('//')) skipped++;
      else {
        await this.importLine(raw, index + 1, actor);
        recorded++;
      }
      onLineDone?.(index + 1);
    }
    return { recorded, skipped };
  }

  private async importLine(raw: string, line: number, actor: Actor): Promise<RecordedFacts> {
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
    const commandId = `import:${createHash('sha256').update(raw).digest('hex')}`;
    try {
      const data = await validatedCommandData(declaration, parsed.data, pathIdsOf(declaration.route));
      return await this.commands.execute(new RecordCommand(declaration, data, { actor, commandId }));
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
