import { CivilDate } from './civil-date';
import { DomainError } from './domain-error';

/**
 * The bank holidays of England and Wales, 2012–2027, as GOV.UK publishes them
 * (https://www.gov.uk/bank-holidays, the `england-and-wales` division): each the day off, so a substitute
 * day where the holiday fell on a weekend, and the one-off days (the 2012 and 2022 jubilees, the 2022
 * state funeral, the 2023 coronation, VE Day moved in 2020). Cross-checked against the `holidays`
 * package's England calendar (weekdays). A year beyond the table is not guessed: see `assertHolidaysKnown`.
 */
export const BANK_HOLIDAYS_SOURCE = { title: 'UK bank holidays, England and Wales', url: 'https://www.gov.uk/bank-holidays' };

const BY_YEAR: Readonly<Record<number, readonly CivilDate[]>> = {
  2012: ['2012-01-02', '2012-04-06', '2012-04-09', '2012-05-07', '2012-06-04', '2012-06-05', '2012-08-27', '2012-12-25', '2012-12-26'],
  2013: ['2013-01-01', '2013-03-29', '2013-04-01', '2013-05-06', '2013-05-27', '2013-08-26', '2013-12-25', '2013-12-26'],
  2014: ['2014-01-01', '2014-04-18', '2014-04-21', '2014-05-05', '2014-05-26', '2014-08-25', '2014-12-25', '2014-12-26'],
  2015: ['2015-01-01', '2015-04-03', '2015-04-06', '2015-05-04', '2015-05-25', '2015-08-31', '2015-12-25', '2015-12-28'],
  2016: ['2016-01-01', '2016-03-25', '2016-03-28', '2016-05-02', '2016-05-30', '2016-08-29', '2016-12-26', '2016-12-27'],
  2017: ['2017-01-02', '2017-04-14', '2017-04-17', '2017-05-01', '2017-05-29', '2017-08-28', '2017-12-25', '2017-12-26'],
  2018: ['2018-01-01', '2018-03-30', '2018-04-02', '2018-05-07', '2018-05-28', '2018-08-27', '2018-12-25', '2018-12-26'],
  2019: ['2019-01-01', '2019-04-19', '2019-04-22', '2019-05-06', '2019-05-27', '2019-08-26', '2019-12-25', '2019-12-26'],
  2020: ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28'],
  2021: ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28'],
  2022: [
    '2022-01-03',
    '2022-04-15',
    '2022-04-18',
    '2022-05-02',
    '2022-06-02',
    '2022-06-03',
    '2022-08-29',
    '2022-09-19',
    '2022-12-26',
    '2022-12-27',
  ],
  2023: ['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26'],
  2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
};

export const BANK_HOLIDAY_YEARS = { from: 2012, to: 2027 } as const;

const HOLIDAYS: ReadonlySet<CivilDate> = new Set(Object.values(BY_YEAR).flat());

export function isBankHoliday(date: CivilDate): boolean {
  return HOLIDAYS.has(date);
}

function dayOfWeek(date: CivilDate): number {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

function nextDay(date: CivilDate): CivilDate {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/** Not a Saturday, a Sunday or a bank holiday of England and Wales. */
export function isWorkingDay(date: CivilDate): boolean {
  const weekday = dayOfWeek(date);
  return weekday !== 0 && weekday !== 6 && !isBankHoliday(date);
}

/** The table covers the years of both dates, or the count would silently miss holidays. */
export function assertHolidaysKnown(field: string, ...dates: CivilDate[]): void {
  for (const date of dates) {
    const year = Number(date.slice(0, 4));
    if (year < BANK_HOLIDAY_YEARS.from || year > BANK_HOLIDAY_YEARS.to) {
      throw new DomainError(
        'bank-holidays-unknown',
        `${field} ${date}: the ledger's table of bank holidays covers ${BANK_HOLIDAY_YEARS.from}–${BANK_HOLIDAY_YEARS.to}, so clear days cannot be counted`,
      );
    }
  }
}

/**
 * Clear working days between two dates: the days strictly between them (neither the day of the
 * event nor the day of the meeting counts), less weekends and bank holidays. 0 when `to` is not after `from`.
 */
export function clearWorkingDays(from: CivilDate, to: CivilDate): number {
  let count = 0;
  for (let day = nextDay(from); day < to; day = nextDay(day)) if (isWorkingDay(day)) count += 1;
  return count;
}
