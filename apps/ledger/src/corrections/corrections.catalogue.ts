import { CorrectFact } from '@ledger/governance';
import { CatalogueEntry } from '../recording/command-catalogue';
import { CorrectFactDto } from './dto/correct-fact.dto';
import { RecordCorrection } from './record-correction';

export const CORRECTIONS_COMMANDS: CatalogueEntry[] = [
  {
    command: 'CorrectFact',
    dto: CorrectFactDto,
    pathIds: [],
    dispatch: (data, recording) => new RecordCorrection({ type: 'CorrectFact', data } as unknown as CorrectFact, recording),
  },
];
