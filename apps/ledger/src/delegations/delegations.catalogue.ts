import { CatalogueEntry } from '../recording/command-catalogue';

export const DELEGATIONS_COMMANDS: CatalogueEntry[] = [];
