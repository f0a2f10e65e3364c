import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, ServiceUnavailableException } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import type { Request, Response } from 'express';
import { from, Observable, switchMap } from 'rxjs';
import { ledgerConfig } from '../config/ledger.config';
import { MIN_POSITION } from '../http/command-validation';
import { HTTP_RULES, InvalidField } from '../http/ledger-errors';
import { LedgerViews } from './ledger-views';

const POSITION = /^\d{1,15}$/;

/** How long a client that was refused `not-caught-up` is told to wait before asking again, in seconds. */
const RETRY_AFTER_SECONDS = 1;

/** 503 `not-caught-up`: this node's read models have not reached the position asked for within the wait. */
export class NotCaughtUp extends ServiceUnavailableException {
  constructor(position: number, reached: number, waitedMs: number) {
    super({
      statusCode: 503,
      error: 'NotCaughtUp',
      rule: HTTP_RULES.notCaughtUp,
      field: MIN_POSITION,
      message: `this node's read models are at position ${reached}, not yet at ${position}, after waiting ${waitedMs} ms; ask again shortly (or another node)`,
    });
  }
}

/**
 * Read-your-writes across nodes: a client that recorded at position P on one node reads with `minPosition=P`
 * on any other, which answers once its read models have reached P, or 503 `not-caught-up` (with Retry-After)
 * after LEDGER_MIN_POSITION_WAIT_MS. It only delays the read: the answer is still at the basis asked for.
 */
@Injectable()
export class MinPositionInterceptor implements NestInterceptor {
  constructor(
    private readonly views: LedgerViews,
    @Inject(ledgerConfig.KEY) private readonly config: ConfigType<typeof ledgerConfig>,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    if (request.method !== 'GET' && request.method !== 'HEAD') return next.handle();
    const asked: unknown = request.query?.[MIN_POSITION];
    if (asked === undefined) return next.handle();
    if (typeof asked !== 'string' || !POSITION.test(asked))
      throw new InvalidField(
        MIN_POSITION,
        `minPosition must be a ledger position (a whole number), got ${JSON.stringify(asked).slice(0, 100)}`,
      );
    const position = Number(asked);
    const response = context.switchToHttp().getResponse<Response>();
    return from(this.views.waitFor(position, this.config.minPositionWaitMs)).pipe(
      switchMap((reached) => {
        if (!reached) {
          response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
          throw new NotCaughtUp(position, this.views.position, this.config.minPositionWaitMs);
        }
        return next.handle();
      }),
    );
  }
}
