import { isCivilDate } from '@ledger/governance';
import { Matches, ValidateBy, ValidationOptions } from 'class-validator';

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

/** Identifiers are lower-case slugs (`nhs-cheshire-ccg`), stable across renames. */
export const IsLedgerId = (options?: ValidationOptions) =>
  Matches(/^[a-z0-9][a-z0-9-]{0,127}$/, {
    message: ({ property }) => `${property} must be a lower-case identifier (letters, digits, hyphens)`,
    ...options,
  });
