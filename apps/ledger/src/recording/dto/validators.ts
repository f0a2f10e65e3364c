import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AREAS, FUNCTIONS, isCivilDate } from '@ledger/governance';
import { ArrayNotEmpty, IsArray, IsIn, IsOptional, ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';

/** A civil date `YYYY-MM-DD` that exists on the calendar (valid time, Europe/London). */
export const IsCivilDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isCivilDate',
      validator: {
        validate: (value: unknown) => isCivilDate(value),
        defaultMessage: (args) => `${args?.property} must be a calendar date YYYY-MM-DD`,
      },
    },
    options,
  );

export const LEDGER_ID = /^[a-z0-9][a-z0-9-]{0,127}$/;

/**
 * The one slug Object.prototype also has: never an id, so that no look-up of a record by id (a plain
 * object keyed by ids) can reach the prototype instead of a recorded item.
 */
const RESERVED_IDS: ReadonlySet<string> = new Set(['constructor']);

export function isLedgerId(value: unknown): value is string {
  return typeof value === 'string' && LEDGER_ID.test(value) && !RESERVED_IDS.has(value);
}

/** Identifiers are lower-case slugs (`nhs-cheshire-ccg`), stable across renames. */
export const IsLedgerId = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isLedgerId',
      validator: {
        validate: (value: unknown) => isLedgerId(value),
        defaultMessage: (args) =>
          typeof args?.value === 'string' && RESERVED_IDS.has(args.value)
            ? `${args.property} must be a lower-case identifier (letters, digits, hyphens), and "${args.value}" is reserved`
            : `${args?.property} must be a lower-case identifier (letters, digits, hyphens)`,
      },
    },
    options,
  );

interface ListOptions {
  optional?: boolean;
  /** Agenda items and body areas may name none; grants and holdings may not. */
  allowEmpty?: boolean;
  description?: string;
}

/** A list drawn from a controlled vocabulary (functions, areas), documented as such in OpenAPI. */
function vocabularyList(vocabulary: readonly string[], { optional, allowEmpty, description }: ListOptions) {
  const documentation = { enum: [...vocabulary], isArray: true, ...(description ? { description } : {}) };
  return applyDecorators(
    ...(optional ? [ApiPropertyOptional(documentation), IsOptional()] : [ApiProperty(documentation)]),
    IsArray(),
    ...(allowEmpty ? [] : [ArrayNotEmpty()]),
    IsIn(vocabulary, { each: true }),
  );
}

export const IsFunctionList = (options: ListOptions = {}) => vocabularyList(FUNCTIONS, options);
export const IsAreaList = (options: ListOptions = {}) => vocabularyList(AREAS, options);

/** The end of a closed-open interval: a civil date, or null / absent for an open end. */
export const IsIntervalEnd = (description = 'first day no longer in force; null or absent: open-ended') =>
  applyDecorators(
    ApiPropertyOptional({ nullable: true, description }),
    IsOptional(),
    ValidateIf((_, value) => value !== null),
    IsCivilDate(),
  );
