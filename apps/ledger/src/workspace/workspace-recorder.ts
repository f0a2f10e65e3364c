import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { Actor } from '../access/actor';
import { commandIdFor } from '../access/records.decorator';
import { describeLedgerError } from '../http/ledger-exception.filter';
import { CommandRegistry, pathIdsOf } from '../recording/command-declaration';
import { validatedCommandData } from '../recording/command-validation';
import { PreviewCommand, PreviewedFacts, RecordCommand, RecordedFacts } from '../recording/record-command';

/** The ledger's refusal of a form, as the API would answer it: the rule, the field it names, the message. */
export interface Refusal {
  status: number;
  rule: string;
  field?: string;
  message: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

/**
 * The workspace's only way into the ledger: a form's command, named as declared, validated by the declaration's
 * DTO and sent through the one write pipeline with the signed-in key. `preview` decides it and writes nothing.
 */
@Injectable()
export class WorkspaceRecorder {
  constructor(
    private readonly commands: CommandBus,
    private readonly registry: CommandRegistry,
  ) {}

  /** A command id for a form: carried in it, so a second submission of the same form records nothing new. */
  static newCommandId(): string {
    return randomUUID();
  }

  /** `commandId` is the form's: used as the API uses an Idempotency-Key (per key). */
  record(actor: Actor, command: string, data: Record<string, unknown>, commandId: string): Promise<Outcome<RecordedFacts>> {
    return this.attempt(command, data, (declaration, valid) =>
      this.commands.execute<RecordCommand, RecordedFacts>(
        new RecordCommand(declaration, valid, { actor, commandId: commandIdFor(actor, commandId) }),
      ),
    );
  }

  preview(actor: Actor, command: string, data: Record<string, unknown>): Promise<Outcome<PreviewedFacts>> {
    return this.attempt(command, data, (declaration, valid) =>
      this.commands.execute<PreviewCommand, PreviewedFacts>(new PreviewCommand(declaration, valid, actor)),
    );
  }

  private async attempt<T>(
    command: string,
    data: Record<string, unknown>,
    run: (declaration: NonNullable<ReturnType<CommandRegistry['declarationOf']>>, valid: Record<string, unknown>) => Promise<T>,
  ): Promise<Outcome<T>> {
    const declaration = this.registry.declarationOf(command);
    if (!declaration) throw new Error(`no command ${command} is declared`);
    try {
      const valid = await validatedCommandData(declaration, data, pathIdsOf(declaration.route));
      return { ok: true, value: await run(declaration, valid) };
    } catch (error) {
      const { status, body } = describeLedgerError(error);
      // A fault of the ledger's own is not a refusal to show beside a field: it stays an error (a 500 page).
      if (status >= 500) throw error;
      const field = typeof body.field === 'string' ? body.field : undefined;
      return { ok: false, refusal: { status, rule: String(body.rule), message: String(body.message), ...(field ? { field } : {}) } };
    }
  }
}
