import { decideCorrection } from '@ledger/governance';
import { declareCommands } from '../recording/command-declaration';
import { CorrectFactDto } from './dto/correct-fact.dto';

/**
 * A correction is a new fact in the corrected fact's stream; the original stays as it was recorded. It is
 * judged by the corrected fact's own declaration: the same DTO, authority and decider.
 */
export const CORRECTION_COMMANDS = declareCommands(
  'corrections',
  { judges: decideCorrection },
  {
    CorrectFact: {
      summary: 'Correct or withdraw an earlier fact (needs the authority that recorded it; re-judged by the same rules)',
      dto: CorrectFactDto,
      route: 'corrections',
      roles: ['officer', 'admin'],
    },
  },
);
