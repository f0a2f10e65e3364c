import { OfficerDecisionCommand } from '@ledger/governance/officer-decisions/officer-decision.commands';
import { CatalogueEntry } from '../recording/command-catalogue';
import { RecordOfficerDecisionDto } from './dto/officer-decision.dto';
import { RecordOfficerDecision } from './record-officer-decision';

export const OFFICER_DECISIONS_COMMANDS: CatalogueEntry[] = [
  {
    command: 'RecordOfficerDecision',
    dto: RecordOfficerDecisionDto,
    pathIds: [],
    dispatch: (data, recording) =>
      new RecordOfficerDecision({ type: 'RecordOfficerDecision', data } as unknown as OfficerDecisionCommand, recording),
  },
];
