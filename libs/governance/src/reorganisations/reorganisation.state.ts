import { CivilDate } from '../shared/civil-date';

export type ReorganisationState =
  | { recorded: false }
  | { recorded: true; reorganisationId: string; kind: 'merger' | 'transfer-scheme'; legalDate: CivilDate; bodyIds: string[] };
