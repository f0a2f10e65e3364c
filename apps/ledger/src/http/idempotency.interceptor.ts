import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { canonicalJson } from '@ledger/event-store';
import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { Observable, of, tap } from 'rxjs';
import type { LedgerRequest } from '../access/records.decorator';
import { LocalDatabase } from '../local-database/local-database';
import { IdempotencyKeyReused } from './ledger-errors';

/**
 * `Idempotency-Key` on a write: the same key and body again returns the first response and writes
 * nothing; the same key with another body is 422. Keys are per API key. Only successes are kept:
 * a refused command wrote nothing, so retrying it decides afresh.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly local: LocalDatabase) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<LedgerRequest>();
    const key = request.header('idempotency-key');
    if (!key || !request.actor) return next.handle();
    const keyId = request.actor.keyId;
    const requestHash = createHash('sha256')
      .update(canonicalJson({ method: request.method, path: request.path, body: request.body ?? null }))
      .digest('hex');
    const earlier = this.local.db
      .prepare('SELECT request_hash AS requestHash, status, response FROM idempotency_keys WHERE key_id = ? AND idempotency_key = ?')
      .get(keyId, key) as { requestHash: string; status: number; response: string } | undefined;
    if (earlier) {
      if (earlier.requestHash !== requestHash) {
        throw new IdempotencyKeyReused(`Idempotency-Key "${key}" was already used with a different request`);
      }
      http.getResponse<Response>().status(earlier.status);
      return of(JSON.parse(earlier.response));
    }
    return next.handle().pipe(
      tap((body) => {
        const status = http.getResponse<Response>().statusCode;
        this.local.db
          .prepare(
            'INSERT OR IGNORE INTO idempotency_keys (key_id, idempotency_key, request_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(keyId, key, requestHash, status, JSON.stringify(body ?? null), new Date().toISOString());
      }),
    );
  }
}
