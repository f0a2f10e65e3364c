import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { Observable, tap } from 'rxjs';
import type { LedgerRequest } from '../access/records.decorator';
import { Clock } from '../clock/clock';
import { ContentRightsProjection } from '../read-models/content-rights.projection';

/**
 * What a cache may do with a read. An answer for a key is that reader's alone: `private, no-store`.
 * A public answer is the same for everyone at its basis, as long as no one's rights to content changed
 * and the day is the same (a lift takes effect on its date): its ETag says exactly that, so a cache
 * may keep it and revalidate (`no-cache`) for a 304. Every read varies on Authorization.
 */
@Injectable()
export class ReadCachingInterceptor implements NestInterceptor {
  constructor(
    private readonly rights: ContentRightsProjection,
    private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<LedgerRequest>();
    if (request.method !== 'GET' && request.method !== 'HEAD') return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
    const keyed = request.actor !== undefined || request.header('authorization') !== undefined;
    return next.handle().pipe(
      tap((answer) => {
        response.vary('Authorization');
        if (keyed) {
          response.setHeader('Cache-Control', 'private, no-store');
          return;
        }
        response.setHeader('Cache-Control', 'public, no-cache');
        const position = (answer as { asKnownAt?: { position?: unknown } } | null)?.asKnownAt?.position;
        if (typeof position === 'number') {
          response.setHeader('ETag', `W/"ledger-${position}-rights-${this.rights.changedAt}-${this.clock.today()}"`);
        }
      }),
    );
  }
}
