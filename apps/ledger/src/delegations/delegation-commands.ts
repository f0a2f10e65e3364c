import { delegationAggregate } from '@ledger/governance';
import { declareCommands } from '../recording/command-declaration';
import { GrantDelegationDto, RevokeDelegationDto, VaryDelegationDto } from './dto/delegation.dto';

/** Delegations are recorded by the delegator's officers. */
export const DELEGATION_COMMANDS = declareCommands('delegations', delegationAggregate, {
  GrantDelegation: {
    summary: 'Record a delegation of functions in areas, by which instrument',
    dto: GrantDelegationDto,
    route: 'delegations',
    roles: ['officer', 'admin'],
  },
  VaryDelegation: {
    summary: 'Record a variation of a delegation, from a date',
    dto: VaryDelegationDto,
    route: 'delegations/:delegationId/variations',
    roles: ['officer', 'admin'],
  },
  RevokeDelegation: {
    summary: 'Record the revocation of a delegation',
    dto: RevokeDelegationDto,
    route: 'delegations/:delegationId/revocation',
    roles: ['officer', 'admin'],
  },
});
