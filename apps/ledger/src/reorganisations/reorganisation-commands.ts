import { reorganisationAggregate } from '@ledger/governance';
import { declareCommands } from '../recording/command-declaration';
import { RecordMergerDto, RecordTransferSchemeDto } from './dto/reorganisation.dto';

/** Reorganisations are recorded by admins, as one event in the reorganisation's own stream; body streams are not touched. */
export const REORGANISATION_COMMANDS = declareCommands('reorganisations', reorganisationAggregate, {
  RecordMerger: {
    summary: 'Record a merger: predecessors end, the successor starts, on the legal date',
    dto: RecordMergerDto,
    route: 'reorganisations/mergers',
    roles: ['admin'],
  },
  RecordTransferScheme: {
    summary: 'Record a statutory transfer scheme from abolished bodies to a receiving body',
    dto: RecordTransferSchemeDto,
    route: 'reorganisations/transfer-schemes',
    roles: ['admin'],
  },
});
