/** Dates, instants and kinds of body as people say them: shared by the public site and the officers' workspace. */

const UK_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'long', timeStyle: 'short' });

/** An instant as people in the UK say it: 3 December 2026 at 14:05 (UK time). */
export const instantInWords = (iso: string) => `${UK_TIME.format(new Date(iso)).replace(', ', ' at ')} (UK time)`;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A civil date as people write it: 2020-11-09 → 9 November 2020. */
export function dayInWords(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** A closed-open interval by its first and last days: [2020-11-09, 2022-07-01) → 9 November 2020 to 30 June 2022. */
export function spanInWords(from: string, to: string | null): string {
  if (to === null) return `from ${dayInWords(from)}`;
  const last = new Date(`${to}T00:00:00Z`);
  last.setUTCDate(last.getUTCDate() - 1);
  return `${dayInWords(from)} to ${dayInWords(last.toISOString().slice(0, 10))}`;
}

export const KIND_NAMES: Record<string, string> = {
  ccg: 'Clinical commissioning group (CCG)',
  icb: 'Integrated care board (ICB)',
  'nhs-england': 'NHS England',
  'local-authority': 'Local authority (council)',
  'joint-committee': 'Joint committee',
  'committees-in-common': 'Committees in common',
  committee: 'Committee',
  'health-and-wellbeing-board': 'Health and wellbeing board',
  'advisory-group': 'Advisory group (no decision powers)',
  partnership: 'Partnership (non-statutory)',
  healthwatch: 'Healthwatch',
  'member-practices': 'Member practices',
  'joint-management': 'Joint management (the bodies stay separate)',
  'pooled-budget': 'Pooled budget (a fund its partners hold; it makes no decisions)',
};

/** An identifier in words: community-health-services → community health services. */
export const words = (identifier: string) => (identifier === 'childrens-services' ? "children's services" : identifier.replace(/-/g, ' '));
/** The first letter in capitals. */
export const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** An area or place as it is written: `vale-royal` → Vale Royal, `bath-and-north-east-somerset` → Bath and North East Somerset. */
export const areaName = (identifier: string) =>
  identifier
    .split('-')
    .map((word) => (word === 'and' ? word : capitalised(word)))
    .join(' ');
