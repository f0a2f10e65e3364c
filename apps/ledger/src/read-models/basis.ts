import { BadRequestException } from '@nestjs/common';
import { formatMicros } from '@ledger/event-store';

/** What a read was answered from: the ledger as known at `position` (transaction time). */
export interface Basis {
  position: number;
  /** Transaction time of the newest fact the answer rests on; null for an empty ledger. */
  recordedAt: string | null;
  /** The `asKnownAt` asked for, echoed; null when the head was used. */
  asked: string | null;
}

export type AsKnownAt = { position: number } | { timestamp: string } | 'head';

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** `asKnownAt` is a ledger position (an integer) or an ISO timestamp with a zone; absent means the head. */
export function parseAsKnownAt(value: string | undefined): AsKnownAt {
  if (value === undefined || value === '') return 'head';
  if (/^\d+$/.test(value)) return { position: Number(value) };
  if (ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value))) {
    // In UTC, keeping the microseconds transaction times carry (Date keeps only milliseconds).
    const fraction = (/\.(\d{1,6})/.exec(value)?.[1] ?? '').padEnd(6, '0');
    return { timestamp: formatMicros(Date.parse(value.replace(/\.\d{1,6}/, '')) * 1000 + Number(fraction)) };
  }
  throw new BadRequestException(`asKnownAt must be a ledger position (integer) or an ISO timestamp with a zone, got "${value}"`);
}
