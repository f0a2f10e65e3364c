/**
 * What the public site shares with the ledger: the rows of the public projection, the transparency view, and the
 * few words and checks of the domain the site shows. The public site imports nothing else of the ledger's.
 */
export * from './public-rows';
export * from './transparency-view';
export { AREAS, FUNCTIONS, PLACES } from '@ledger/governance/shared/vocabulary';
export { isCivilDate } from '@ledger/governance/shared/civil-date';
export * from './csv';
export * from './assets';
export * from './listening-host';
export * from './public-search';
export * from './public-lists';
export { GAZETTEER, placesIn } from '@ledger/governance/shared/gazetteer';
export type { GazetteerEntry } from '@ledger/governance/shared/gazetteer';
export * from './html';
export * from './in-words';
