import { DelegationCommand } from '@ledger/governance/delegations/delegation.commands';
import { CatalogueEntry } from '../recording/command-catalogue';
import { GrantDelegationDto, RevokeDelegationDto, VaryDelegationDto } from './dto/delegation.dto';
import { RecordDelegationFact } from './record-delegation-fact';

/** `data` has passed the DTO, so it has the command's shape. */
const entry = (command: DelegationCommand['type'], dto: CatalogueEntry['dto'], pathIds: string[]): CatalogueEntry => ({
  command,
  dto,
  pathIds,
  dispatch: (data, recording) => new RecordDelegationFact({ type: command, data } as unknown as DelegationCommand, recording),
});

export const DELEGATIONS_COMMANDS: CatalogueEntry[] = [
  entry('GrantDelegation', GrantDelegationDto, []),
  entry('VaryDelegation', VaryDelegationDto, ['delegationId']),
  entry('RevokeDelegation', RevokeDelegationDto, ['delegationId']),
];
