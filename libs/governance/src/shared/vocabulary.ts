/** The controlled vocabularies of DOMAIN.md §3–§5. */

export const BODY_KINDS = [
  'ccg',
  'icb',
  'nhs-england',
  'local-authority',
  'joint-committee',
  'committees-in-common',
  'committee',
  'health-and-wellbeing-board',
  'advisory-group',
  'partnership',
  'healthwatch',
  // A CCG's membership: its GP member practices, one vote per practice (ballots on its constitution, a merger).
  'member-practices',
  // A management team or governance shared by bodies that stay separate: a fact about those bodies, never a succession.
  'joint-management',
  // A pooled fund under s.75 NHS Act 2006, held by its partners: an arrangement between them, never a body that decides.
  'pooled-budget',
] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export const FUNCTIONS = [
  'primary-medical-services',
  'pharmaceutical-services',
  'general-ophthalmic-services',
  'dental-services',
  'community-health-services',
  'mental-health-services',
  'learning-disability-services',
  'acute-hospital-services',
  'continuing-healthcare',
  'intermediate-care',
  'better-care-fund',
  'adult-social-care',
  'public-health',
  'childrens-services',
] as const;
export type CommissioningFunction = (typeof FUNCTIONS)[number];

/** Places (local-authority footprints) and the atomic areas each is made of. */
export const PLACES = {
  'cheshire-east': ['eastern-cheshire', 'south-cheshire'],
  'cheshire-west-and-chester': ['west-cheshire', 'vale-royal'],
  sefton: ['southport-and-formby', 'south-sefton'],
  halton: ['halton'],
  knowsley: ['knowsley'],
  liverpool: ['liverpool'],
  'st-helens': ['st-helens'],
  warrington: ['warrington'],
  wirral: ['wirral'],
  'bath-and-north-east-somerset': ['bath-and-north-east-somerset'],
  swindon: ['swindon'],
  wiltshire: ['wiltshire'],
} as const;
export type Place = keyof typeof PLACES;
export type Area = (typeof PLACES)[Place][number];
export const AREAS = [...new Set(Object.values(PLACES).flat())] as Area[];

/** Atomic areas named by an area or a place identifier; undefined when it is neither. */
export function atomicAreas(areaOrPlace: string): Area[] | undefined {
  // An own property only: `constructor`, `__proto__`, `toString`… are no places.
  if (Object.hasOwn(PLACES, areaOrPlace)) return [...PLACES[areaOrPlace as Place]];
  return (AREAS as string[]).includes(areaOrPlace) ? [areaOrPlace as Area] : undefined;
}

export const INSTRUMENT_KINDS = [
  'statute',
  'constitution',
  'scheme-of-reservation-and-delegation',
  'terms-of-reference',
  'section-75-agreement',
  'delegation-agreement',
  'transfer-scheme',
] as const;
export type InstrumentKind = (typeof INSTRUMENT_KINDS)[number];

export const VOTE_OPTIONS = ['for', 'against', 'abstain', 'abstained-no-vote-cast'] as const;
export type VoteOption = (typeof VOTE_OPTIONS)[number];

export const INTEREST_ACTIONS = ['noted', 'remained-no-vote', 'withdrew'] as const;
export type InterestAction = (typeof INTEREST_ACTIONS)[number];

/** `noted`: a report only noted, which exercises no function (so its item need name none). */
export const DECISION_OUTCOMES = ['carried', 'defeated', 'agreed-without-vote', 'referred-back', 'deferred', 'noted'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** Local Government Act 1972 Schedule 12A paragraphs. */
export const SCHEDULE_12A_PARAGRAPHS = [1, 2, 3, 4, 5, 6, 7] as const;
