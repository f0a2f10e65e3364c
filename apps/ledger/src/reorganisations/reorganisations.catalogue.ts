import { CatalogueEntry } from '../recording/command-catalogue';

export const REORGANISATIONS_COMMANDS: CatalogueEntry[] = [];
