import { BadRequestException, NotFoundException } from '@nestjs/common';

/**
 * The public reads of the log answer bad input with 400 and unknown things with 404, both in the
 * ledger's error shape { statusCode, error, rule, message } with the field named: never a 5xx.
 */
export function badInput(field: string, message: string): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    rule: 'invalid-parameter',
    field,
    message: `${field}: ${message}`,
  });
}

export function unknown(rule: string, message: string): NotFoundException {
  return new NotFoundException({ statusCode: 404, error: 'Not Found', rule, message });
}

/** A whole number within [min, max] from a path or query string; `fallback` when absent (if given). */
export function wholeNumber(
  field: string,
  text: string | undefined,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
  fallback?: number,
): number {
  if (text === undefined || text === '') {
    if (fallback !== undefined) return fallback;
    throw badInput(field, 'is required');
  }
  if (typeof text !== 'string' || !/^[0-9]{1,16}$/.test(text)) throw badInput(field, `must be a whole number, got "${String(text)}"`);
  const value = Number(text);
  if (value < min || value > max) throw badInput(field, `must be between ${min} and ${max}, got ${value}`);
  return value;
}
