import { DomainError } from './domain-error';

/** A civil date in Europe/London, `YYYY-MM-DD`. Valid time is always one of these, never a timestamp. */
export type CivilDate = string;

const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCivilDate(value: unknown): value is CivilDate {
  if (typeof value !== 'string') return false;
  const match = CIVIL_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function dayBefore(date: CivilDate): CivilDate {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day - 1)).toISOString().slice(0, 10);
}

export function assertCivilDate(field: string, value: unknown): asserts value is CivilDate {
  if (!isCivilDate(value)) throw new DomainError('civil-date', `${field} must be a date YYYY-MM-DD, got ${String(value)}`);
}

// en-CA formats as YYYY-MM-DD. One formatter for the process: building one costs far more than formatting.
const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The civil date in Europe/London at an instant: the day on which something is recorded. */
export function civilDateAt(instant: Date): CivilDate {
  return LONDON_DAY.format(instant);
}
