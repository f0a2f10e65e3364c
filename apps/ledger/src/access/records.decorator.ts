import { applyDecorators, createParamDecorator, ExecutionContext, HttpCode, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { Actor, Recording, Role } from './actor';

export const RECORDING_ROLES = 'ledger:recording-roles';

export type LedgerRequest = Request & { actor?: Actor };

/**
 * A route that writes to the ledger: needs an API key of one of `roles`, honours Idempotency-Key (the
 * write pipeline recognises the command's events in the store), answers 201.
 */
export const Records = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(RECORDING_ROLES, roles),
    HttpCode(201),
    ApiBearerAuth(),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Retrying with the same key and body writes nothing new and answers as the first time',
    }),
  );

/** A command's id from an Idempotency-Key: per key, so two keys choosing the same one never meet. */
export function commandIdFor(actor: Actor, idempotencyKey: string): string {
  return `${actor.keyId}:${idempotencyKey}`;
}

/** The recording context of a write: the actor, and a command id derived from the Idempotency-Key when there is one. */
export function recordingOf(request: LedgerRequest): Recording {
  if (!request.actor) throw new Error('a write reached its route without an authenticated key');
  const key = request.header('idempotency-key');
  const correlationId = request.header('x-correlation-id');
  return {
    actor: request.actor,
    commandId: key ? commandIdFor(request.actor, key) : randomUUID(),
    ...(correlationId ? { correlationId } : {}),
  };
}

/** The reader's key holder when a key was sent (officers and auditors see confidential text). */
export const Reader = createParamDecorator(
  (_: unknown, context: ExecutionContext): Actor | undefined => context.switchToHttp().getRequest<LedgerRequest>().actor,
);
