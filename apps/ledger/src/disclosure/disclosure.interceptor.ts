import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, mergeMap, Observable } from 'rxjs';
import type { LedgerRequest } from '../access/records.decorator';
import { ContentDisclosure } from './content-disclosure';

const RAW_RECORDS = 'ledger:raw-records';

/** A route that answers with events as stored (sealed content stays sealed: those bytes are what the log proves). */
export const RawRecords = () => SetMetadata(RAW_RECORDS, true);

/** Every answer passes through disclosure on its way out, so no route can hand out content its reader may not read. */
@Injectable()
export class DisclosureInterceptor implements NestInterceptor {
  constructor(
    private readonly disclosure: ContentDisclosure,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (
      context.getType() !== 'http' ||
      this.reflector.getAllAndOverride<boolean>(RAW_RECORDS, [context.getHandler(), context.getClass()])
    ) {
      return next.handle();
    }
    const actor = context.switchToHttp().getRequest<LedgerRequest>().actor;
    return next.handle().pipe(mergeMap((answer) => from(this.disclosure.disclose(answer, actor))));
  }
}
