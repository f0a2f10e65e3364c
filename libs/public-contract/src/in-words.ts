import { isCivilDate } from '@ledger/governance/shared/civil-date';
import { AREAS, FUNCTIONS, PLACES } from '@ledger/governance/shared/vocabulary';

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

/** What a member did about a declared interest, in words. */
export const INTEREST_ACTIONS_IN_WORDS: Record<string, string> = {
  noted: 'interest noted; took part',
  'remained-no-vote': 'stayed in the room but did not vote',
  withdrew: 'left the room for the item',
};

/** A date, or a token the ledger writes as an identifier (a body, a member, a function, an area, an action). */
const TOKEN = /\b\d{4}-\d{2}-\d{2}\b|[a-z0-9]+(?:-[a-z0-9]+)*/g;

/**
 * A verdict's finding as people read it: the ledger writes findings with identifiers and ISO dates (they are for
 * auditors too); here each date, function, area and action is in words, and each body and member named by `names`.
 */
export function findingInWords(
  message: string,
  names: { body: (id: string) => string | undefined; member: (id: string) => string | undefined },
): string {
  return message.replace(TOKEN, (token) => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(token)) return isCivilDate(token) ? dayInWords(token) : token;
    const member = names.member(token);
    if (member !== undefined) return member;
    if ((FUNCTIONS as readonly string[]).includes(token)) return words(token);
    if ((AREAS as readonly string[]).includes(token) || Object.hasOwn(PLACES, token)) return areaName(token);
    if (Object.hasOwn(INTEREST_ACTIONS_IN_WORDS, token)) return INTEREST_ACTIONS_IN_WORDS[token];
    return names.body(token) ?? token;
  });
}
