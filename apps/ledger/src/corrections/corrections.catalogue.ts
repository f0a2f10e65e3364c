import { CatalogueEntry } from '../recording/command-catalogue';

export const CORRECTIONS_COMMANDS: CatalogueEntry[] = [];
