import { bodyAggregate } from '@ledger/governance';
import { declareCommands } from '../recording/command-declaration';
import {
  AppointMemberDto,
  AssignStatutoryFunctionsDto,
  DissolveBodyDto,
  EndMembershipDto,
  EstablishBodyDto,
  RenameBodyDto,
} from './dto/body.dto';

/** Establishing, renaming and dissolving bodies and their statutory functions is for admins; memberships for the body's officers. */
export const BODY_COMMANDS = declareCommands('bodies', bodyAggregate, [
  { command: 'EstablishBody', summary: 'Record that a body was established', dto: EstablishBodyDto, route: 'bodies', roles: ['admin'] },
  {
    command: 'RenameBody',
    summary: 'Record a new name of a body (not a succession)',
    dto: RenameBodyDto,
    route: 'bodies/:bodyId/renamings',
    roles: ['admin'],
  },
  {
    command: 'DissolveBody',
    summary: 'Record that a body ceased to exist',
    dto: DissolveBodyDto,
    route: 'bodies/:bodyId/dissolution',
    roles: ['admin'],
  },
  {
    command: 'AssignStatutoryFunctions',
    summary: 'Record the functions a body holds by statute, in which areas, from when',
    dto: AssignStatutoryFunctionsDto,
    route: 'bodies/:bodyId/statutory-functions',
    roles: ['admin'],
  },
  {
    command: 'AppointMember',
    summary: 'Record a membership of a body',
    dto: AppointMemberDto,
    route: 'bodies/:bodyId/memberships',
    roles: ['officer', 'admin'],
  },
  {
    command: 'EndMembership',
    summary: 'Record the end of a membership',
    dto: EndMembershipDto,
    route: 'bodies/:bodyId/memberships/:membershipId/end',
    roles: ['officer', 'admin'],
  },
]);
