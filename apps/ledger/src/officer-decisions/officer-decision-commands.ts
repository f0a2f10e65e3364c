import { officerDecisionAggregate } from '@ledger/governance';
import { declareCommands } from '../recording/command-declaration';
import { RecordOfficerDecisionDto } from './dto/officer-decision.dto';

/** Officers of the body on whose behalf the decision was taken (or of a body it is a committee of) record it. */
export const OFFICER_DECISION_COMMANDS = declareCommands('officer-decisions', officerDecisionAggregate, {
  RecordOfficerDecision: {
    summary: 'Record a decision an officer took under delegated authority',
    dto: RecordOfficerDecisionDto,
    route: 'officer-decisions',
    roles: ['officer', 'admin'],
  },
});
