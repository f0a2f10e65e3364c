import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { createHash } from 'node:crypto';
import { Actor } from '../access/actor';
import { BODY_COMMANDS } from '../bodies/bodies.catalogue';
import { CORRECTIONS_COMMANDS } from '../corrections/corrections.catalogue';
import { DELEGATIONS_COMMANDS } from '../delegations/delegations.catalogue';
import { describeLedgerError } from '../http/ledger-exception.filter';
import { commandValidation } from '../ledger.app';
import { MEETINGS_COMMANDS } from '../meetings/meetings.catalogue';
import { OFFICER_DECISIONS_COMMANDS } from '../officer-decisions/officer-decisions.catalogue';
import { RECOMMENDATIONS_COMMANDS } from '../recommendations/recommendations.catalogue';
import { CatalogueEntry } from '../recording/command-catalogue';
import { isLedgerId } from '../recording/dto/validators';
import { RecordedFacts } from '../recording/ledger-writer';
import { REORGANISATIONS_COMMANDS } from '../reorganisations/reorganisations.catalogue';

export const COMMAND_CATALOGUE: ReadonlyMap<string, CatalogueEntry> = new Map(
  [
    ...BODY_COMMANDS,
    ...MEETINGS_COMMANDS,
    ...DELEGATIONS_COMMANDS,
    ...REORGANISATIONS_COMMANDS,
    ...RECOMMENDATIONS_COMMANDS,
    ...OFFICER_DECISIONS_COMMANDS,
    ...CORRECTIONS_COMMANDS,
  ].map((entry) => [entry.command, entry]),
);

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
  constructor(private readonly commands: CommandBus) {}

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
    const entry = COMMAND_CATALOGUE.get(parsed.command);
    if (!entry) throw new ImportLineRefused(line, 'unknown-command', 400, `no command named "${parsed.command}"`);

    const body: Record<string, unknown> = { ...parsed.data };
    const ids: Record<string, string> = {};
    for (const field of entry.pathIds) {
      const value = body[field];
      if (!isLedgerId(value)) {
        throw new ImportLineRefused(line, 'invalid-field', 400, `${field} must be a lower-case identifier (letters, digits, hyphens)`);
      }
      ids[field] = value;
      delete body[field];
    }
    let dto: object;
    try {
      dto = await commandValidation().transform(body, { type: 'body', metatype: entry.dto });
    } catch (error) {
      // The same refusal as over HTTP: `invalid-field` naming the field, or `json-too-deep`.
      const { status, body: described } = describeLedgerError(error);
      throw new ImportLineRefused(line, String(described.rule ?? 'invalid-field'), status, String(described.message));
    }
    const commandId = `import:${createHash('sha256').update(raw).digest('hex')}`;
    try {
      return await this.commands.execute(entry.dispatch({ ...dto, ...ids }, { actor, commandId }));
    } catch (error) {
      const { status, body: described } = describeLedgerError(error);
      throw new ImportLineRefused(line, String(described.rule ?? described.error ?? 'refused'), status, String(described.message));
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
