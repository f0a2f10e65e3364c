import { BANK_HOLIDAY_YEARS, clearWorkingDays, isBankHoliday, isWorkingDay } from './bank-holidays';

/** Easter Sunday (anonymous Gregorian computus), independent of the table. */
function easter(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}
const iso = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
const shift = (date: string, days: number) => {
  const [y, m, d] = date.split('-').map(Number);
  return iso(y, m, d + days);
};
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const mondayOnOrAfter = (date: string) => shift(date, (8 - weekday(date)) % 7);
const lastMonday = (year: number, month: number) => {
  const last = iso(year, month + 1, 0);
  return shift(last, -((weekday(last) + 6) % 7));
};

/** The standing rules of the Banking and Financial Dealings Act 1971 schedule, as gov.uk applies them. */
function byRule(year: number): string[] {
  const newYear = iso(year, 1, 1);
  const christmas = iso(year, 12, 25);
  const days = [
    weekday(newYear) === 0 || weekday(newYear) === 6 ? mondayOnOrAfter(newYear) : newYear,
    shift(easter(year), -2),
    shift(easter(year), 1),
    mondayOnOrAfter(iso(year, 5, 1)),
    lastMonday(year, 5),
    lastMonday(year, 8),
  ];
  // Christmas and Boxing Day: a day falling on a weekend is made up on the next weekday not already a holiday.
  const christmasDays =
    weekday(christmas) === 6
      ? [shift(christmas, 2), shift(christmas, 3)]
      : weekday(christmas) === 5
        ? [christmas, shift(christmas, 3)]
        : weekday(christmas) === 0
          ? [shift(christmas, 1), shift(christmas, 2)]
          : [christmas, shift(christmas, 1)];
  return [...days, ...christmasDays];
}

/** Proclaimed one-offs and moves (gov.uk): added, and the standing day they replaced. */
const PROCLAIMED: Record<number, { added: string[]; replaced: string[] }> = {
  2012: { added: ['2012-06-04', '2012-06-05'], replaced: ['2012-05-28'] },
  2020: { added: ['2020-05-08'], replaced: ['2020-05-04'] },
  2022: { added: ['2022-06-02', '2022-06-03', '2022-09-19'], replaced: ['2022-05-30'] },
  2023: { added: ['2023-05-08'], replaced: [] },
};

describe('bank holidays of England and Wales', () => {
  it('agrees, year by year, with the standing rules and the proclaimed changes', () => {
    for (let year = BANK_HOLIDAY_YEARS.from; year <= BANK_HOLIDAY_YEARS.to; year++) {
      const { added = [], replaced = [] } = PROCLAIMED[year] ?? {};
      const expected = [...byRule(year).filter((day) => !replaced.includes(day)), ...added].sort();
      const inTable: string[] = [];
      for (let day = iso(year, 1, 1); day <= iso(year, 12, 31); day = shift(day, 1)) if (isBankHoliday(day)) inTable.push(day);
      expect({ year, days: inTable }).toEqual({ year, days: expected });
    }
  });

  it('counts clear working days: neither end, no weekend, no bank holiday', () => {
    expect(isWorkingDay('2026-12-25')).toBe(false);
    expect(isWorkingDay('2026-12-26')).toBe(false);
    expect(isWorkingDay('2026-12-29')).toBe(true);
    // Mon 14 to Mon 21 December 2026: Tuesday to Friday.
    expect(clearWorkingDays('2026-12-14', '2026-12-21')).toBe(4);
    // Across Christmas and New Year: 21–24 and 29–31 December.
    expect(clearWorkingDays('2026-12-18', '2027-01-04')).toBe(7);
    expect(clearWorkingDays('2026-12-21', '2026-12-21')).toBe(0);
    expect(clearWorkingDays('2026-12-22', '2026-12-21')).toBe(0);
  });
});
