import { ReorganisationCommand } from '@ledger/governance/reorganisations/reorganisation.commands';
import { CatalogueEntry } from '../recording/command-catalogue';
import { RecordMergerDto, RecordTransferSchemeDto } from './dto/reorganisation.dto';
import { RecordReorganisation } from './record-reorganisation';

/** `data` has passed the DTO, so it has the command's shape. */
const entry = (command: ReorganisationCommand['type'], dto: CatalogueEntry['dto']): CatalogueEntry => ({
  command,
  dto,
  pathIds: [],
  dispatch: (data, recording) => new RecordReorganisation({ type: command, data } as unknown as ReorganisationCommand, recording),
});

export const REORGANISATIONS_COMMANDS: CatalogueEntry[] = [
  entry('RecordMerger', RecordMergerDto),
  entry('RecordTransferScheme', RecordTransferSchemeDto),
];
