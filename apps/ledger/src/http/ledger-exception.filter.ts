import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { EventIdConflict, InvalidAppend, isStorageFull, WrongExpectedRevision } from '@ledger/event-store';
import { DomainError } from '@ledger/governance';
import type { Request, Response } from 'express';
import { describeHttpException, HTTP_RULES } from './ledger-errors';

/** How often a full disk is reported in the log while it lasts. */
const STORAGE_FULL_LOG_MS = 60_000;

/** Says when something repeated is due to be reported again, and how often it happened in between. */
export class OncePerInterval {
  private last = -Infinity;
  private suppressed = 0;

  constructor(private readonly intervalMs: number) {}

  /** The number of occurrences left unreported since the last report when one is due now; undefined otherwise. */
  due(now = Date.now()): number | undefined {
    if (now - this.last < this.intervalMs) {
      this.suppressed += 1;
      return undefined;
    }
    const suppressed = this.suppressed;
    this.last = now;
    this.suppressed = 0;
    return suppressed;
  }
}

/**
 * Every error → HTTP. Each 4xx body is `{ statusCode, error, rule, message }` (plus fields saying where),
 * so a client (or the import CLI) can say exactly what was wrong; nothing was written in any of these
 * cases. Anything unforeseen is a 500 that says nothing of the ledger's insides, and is logged.
 */
@Catch()
export class LedgerExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('LedgerExceptionFilter');
  private readonly storageFull = new OncePerInterval(STORAGE_FULL_LOG_MS);

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const { status, body } = describeLedgerError(error, request);
    if (status === 507) {
      // A full disk fails every write alike: one line per interval says so, not a stack trace per request.
      const suppressed = this.storageFull.due();
      if (suppressed !== undefined)
        this.logger.error(
          `storage full: writes refused with 507 (${suppressed} more since the last report): ${error instanceof Error ? error.message : String(error)}`,
        );
    } else if (status >= 500 && !(error instanceof HttpException)) {
      this.logger.error(`${request.method} ${request.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    response.status(status).json(body);
  }
}

/**
 * The status and body an error is answered with. `request` is the HTTP request being answered: over HTTP
 * an unforeseen error says nothing of its cause; without one (the import CLI) its message is kept.
 */
export function describeLedgerError(
  error: unknown,
  request?: { method?: string; url?: string },
): { status: number; body: Record<string, unknown> } {
  if (error instanceof DomainError) {
    return {
      status: error.status,
      body: {
        statusCode: error.status,
        error: 'DomainRuleBroken',
        rule: error.rule,
        message: error.message,
        ...(error.field !== undefined ? { field: error.field } : {}),
      },
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
  if (isStorageFull(error)) {
    return {
      status: 507,
      body: {
        statusCode: 507,
        error: 'InsufficientStorage',
        rule: HTTP_RULES.storageFull,
        message: 'the ledger has no space left to write: nothing was recorded; send the same request again once space is freed',
      },
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // A deliberate 5xx (the health check's 503) keeps the body it was given.
    if (status >= 500) {
      const response = error.getResponse();
      return {
        status,
        body:
          typeof response === 'object' && response !== null
            ? (response as Record<string, unknown>)
            : { statusCode: status, message: response },
      };
    }
    return { status, body: describeHttpException(error, request) };
  }
  return {
    status: 500,
    body: {
      statusCode: 500,
      error: 'InternalServerError',
      rule: HTTP_RULES.internalError,
      message: request ? 'the ledger could not answer this request' : error instanceof Error ? error.message : String(error),
    },
  };
}
