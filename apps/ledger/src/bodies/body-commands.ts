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
export const BODY_COMMANDS = declareCommands('bodies', bodyAggregate, {
  EstablishBody: { summary: 'Record that a body was established', dto: EstablishBodyDto, route: 'bodies', roles: ['admin'] },
  RenameBody: {
    summary: 'Record a new name of a body (not a succession)',
    dto: RenameBodyDto,
    route: 'bodies/:bodyId/renamings',
    roles: ['admin'],
  },
  DissolveBody: {
    summary: 'Record that a body ceased to exist',
    dto: DissolveBodyDto,
    route: 'bodies/:bodyId/dissolution',
    roles: ['admin'],
  },
  AssignStatutoryFunctions: {
    summary: 'Record the functions a body holds by statute, in which areas, from when',
    dto: AssignStatutoryFunctionsDto,
    route: 'bodies/:bodyId/statutory-functions',
    roles: ['admin'],
  },
  AppointMember: {
    summary: 'Record a membership of a body',
    dto: AppointMemberDto,
    route: 'bodies/:bodyId/memberships',
    roles: ['officer', 'admin'],
  },
  EndMembership: {
    summary: 'Record the end of a membership',
    dto: EndMembershipDto,
    route: 'bodies/:bodyId/memberships/:membershipId/end',
    roles: ['officer', 'admin'],
  },
});
