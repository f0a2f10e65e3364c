import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { isLedgerId } from './dto/validators';
import { HTTP_RULES, NotFound } from '../http/ledger-errors';

/**
 * Route parameters named `…Id` (`bodyId`, `itemId`, `meetingId`…) name something recorded under a ledger
 * id, so one that is not a ledger id (`constructor`, `__proto__`, `Foo Bar`) names nothing: 404
 * `unknown-reference`, before any handler looks it up.
 */
@Injectable()
export class LedgerIdParamsPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'param' || !metadata.data?.endsWith('Id') || isLedgerId(value)) return value;
    const what = metadata.data.slice(0, -2);
    throw new NotFound(HTTP_RULES.unknownReference, `unknown ${what}: ${String(value).slice(0, 200)} (not a ledger id)`);
  }
}
