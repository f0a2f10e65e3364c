import { CatalogueEntry } from '../recording/command-catalogue';

export const OFFICER_DECISIONS_COMMANDS: CatalogueEntry[] = [];
