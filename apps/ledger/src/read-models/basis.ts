import { BadRequestException, ServiceUnavailableException } from '@nestjs/common';
import { formatMicros } from '@ledger/event-store';
import { isCivilDate } from '@ledger/governance';
import { InvalidField } from '../http/ledger-errors';

/** What a read was answered from: the ledger as known at `position` (transaction time). */
export interface Basis {
  position: number;
  /** Transaction time of the newest fact the answer rests on; null for an empty ledger. */
  recordedAt: string | null;
  /** The `asKnownAt` asked for, echoed; null when the head was used. */
  asked: string | null;
}

export type AsKnownAt = { position: number } | { timestamp: string } | 'head';

/** A ledger position: a whole number, short enough to be exact. */
const POSITION = /^\d{1,15}$/;
const ISO_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * The timestamp in microseconds since the epoch, or undefined unless every part of it exists: a calendar
 * date (no 30 February), hours to 23, minutes and seconds to 59, an offset within a day, on or after 1970.
 */
export function timestampMicros(value: string): number | undefined {
  const match = ISO_TIMESTAMP.exec(value);
  if (!match) return undefined;
  const [, date, hours, minutes, seconds = '00', fraction = '', , offsetHours = '00', offsetMinutes = '00'] = match;
  if (!isCivilDate(date) || Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return undefined;
  if (Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return undefined;
  const millis = Date.parse(value.replace(/\.\d{1,6}/, ''));
  if (Number.isNaN(millis) || millis < 0) return undefined;
  // Date keeps only milliseconds; transaction times carry microseconds.
  return millis * 1000 + Number(fraction.slice(1).padEnd(6, '0'));
}

export function isAsKnownAt(value: unknown): value is string {
  return typeof value === 'string' && (value === '' || POSITION.test(value) || timestampMicros(value) !== undefined);
}

export const AS_KNOWN_AT_RULE = 'asKnownAt must be a ledger position (integer) or an ISO timestamp with a zone, on a date that exists';

/** `asKnownAt` is a ledger position (an integer) or an ISO timestamp with a zone; absent means the head. */
export function parseAsKnownAt(value: string | undefined): AsKnownAt {
  if (value === undefined || value === '') return 'head';
  if (POSITION.test(value)) return { position: Number(value) };
  const micros = timestampMicros(value);
  // In UTC, keeping the microseconds.
  if (micros !== undefined) return { timestamp: formatMicros(micros) };
  throw new InvalidField('asKnownAt', `${AS_KNOWN_AT_RULE}, got "${value.slice(0, 100)}"`);
}

/**
 * 400 `basis-not-reached`: a basis names a moment the ledger has reached (a position at most its head, a time at
 * most now), so the same question always gets the same answer; one beyond it would be answered differently later.
 */
export class BasisNotReached extends BadRequestException {
  constructor(field: string, message: string) {
    super({ statusCode: 400, error: 'BasisNotReached', rule: 'basis-not-reached', field, message });
  }
}

/** 503: the ledger has reached the basis, but its read models have not yet (they follow the store); ask again shortly. */
export class BasisNotProjected extends ServiceUnavailableException {
  constructor(position: number) {
    super({
      statusCode: 503,
      error: 'BasisNotProjected',
      rule: 'basis-not-projected',
      message: `the read models have not reached position ${position} yet; ask again shortly`,
    });
  }
}
