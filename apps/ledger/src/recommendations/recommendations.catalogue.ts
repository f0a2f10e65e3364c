import { CatalogueEntry } from '../recording/command-catalogue';

export const RECOMMENDATIONS_COMMANDS: CatalogueEntry[] = [];
