import { CatalogueEntry } from '../recording/command-catalogue';

export const MEETINGS_COMMANDS: CatalogueEntry[] = [];
