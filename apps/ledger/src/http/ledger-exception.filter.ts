import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import { EventIdConflict, EventStoreError, InvalidAppend, WrongExpectedRevision } from '@ledger/event-store';
import { DomainError } from '@ledger/governance';
import type { Response } from 'express';

/**
 * Domain and store errors → HTTP. Each body names the rule broken, so a client (or the import CLI)
 * can say exactly what was wrong; nothing was written in any of these cases.
 */
@Catch(DomainError, EventStoreError)
export class LedgerExceptionFilter implements ExceptionFilter {
  catch(error: DomainError | EventStoreError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = describeLedgerError(error);
    response.status(status).json(body);
  }
}

export function describeLedgerError(error: unknown): { status: number; body: Record<string, unknown> } {
  if (error instanceof DomainError) {
    return {
      status: error.status,
      body: { statusCode: error.status, error: 'DomainRuleBroken', rule: error.rule, message: error.message },
    };
  }
  if (error instanceof WrongExpectedRevision) {
    return {
      status: 409,
      body: {
        statusCode: 409,
        error: 'ConcurrentWrite',
        rule: 'expected-revision',
        message: `${error.message}: someone recorded in this stream first; reload and retry`,
        stream: error.stream,
        currentRevision: error.actual,
      },
    };
  }
  if (error instanceof EventIdConflict) {
    return { status: 422, body: { statusCode: 422, error: 'EventIdConflict', rule: 'event-id-reused', message: error.message } };
  }
  if (error instanceof InvalidAppend) {
    return { status: 400, body: { statusCode: 400, error: 'InvalidAppend', rule: 'invalid-append', message: error.message } };
  }
  if (error instanceof HttpException) {
    const response = error.getResponse();
    return {
      status: error.getStatus(),
      body: typeof response === 'string' ? { statusCode: error.getStatus(), message: response } : (response as Record<string, unknown>),
    };
  }
  return { status: 500, body: { statusCode: 500, message: error instanceof Error ? error.message : String(error) } };
}
