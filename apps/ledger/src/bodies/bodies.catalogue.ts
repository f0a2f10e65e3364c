import { BodyCommand } from '@ledger/governance';
import { CatalogueEntry } from '../recording/command-catalogue';
import {
  AppointMemberDto,
  AssignStatutoryFunctionsDto,
  DissolveBodyDto,
  EndMembershipDto,
  EstablishBodyDto,
  RenameBodyDto,
} from './dto/body.dto';
import { RecordBodyFact } from './record-body-fact';

const entry = (command: BodyCommand['type'], dto: CatalogueEntry['dto'], pathIds: string[]): CatalogueEntry => ({
  command,
  dto,
  pathIds,
  // The DTO has validated `data` against this command's shape before dispatch.
  dispatch: (data, recording) => new RecordBodyFact({ type: command, data } as unknown as BodyCommand, recording),
});

export const BODY_COMMANDS: CatalogueEntry[] = [
  entry('EstablishBody', EstablishBodyDto, []),
  entry('RenameBody', RenameBodyDto, ['bodyId']),
  entry('DissolveBody', DissolveBodyDto, ['bodyId']),
  entry('AssignStatutoryFunctions', AssignStatutoryFunctionsDto, ['bodyId']),
  entry('AppointMember', AppointMemberDto, ['bodyId']),
  entry('EndMembership', EndMembershipDto, ['bodyId', 'membershipId']),
];
