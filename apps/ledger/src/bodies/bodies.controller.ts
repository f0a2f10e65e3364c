import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Recording } from '../access/actor';
import { RecordingAs, Records } from '../access/records.decorator';
import { RecordedFacts } from '../recording/ledger-writer';
import {
  AppointMemberDto,
  AssignStatutoryFunctionsDto,
  DissolveBodyDto,
  EndMembershipDto,
  EstablishBodyDto,
  RenameBodyDto,
} from './dto/body.dto';
import { RecordBodyFact } from './record-body-fact';

@ApiTags('bodies')
@Controller('bodies')
export class BodiesController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Records('admin')
  establish(@Body() dto: EstablishBodyDto, @RecordingAs() recording: Recording): Promise<RecordedFacts> {
    return this.commands.execute(new RecordBodyFact({ type: 'EstablishBody', data: dto }, recording));
  }

  @Post(':bodyId/renamings')
  @Records('admin')
  rename(@Param('bodyId') bodyId: string, @Body() dto: RenameBodyDto, @RecordingAs() recording: Recording): Promise<RecordedFacts> {
    return this.commands.execute(new RecordBodyFact({ type: 'RenameBody', data: { ...dto, bodyId } }, recording));
  }

  @Post(':bodyId/dissolution')
  @Records('admin')
  dissolve(@Param('bodyId') bodyId: string, @Body() dto: DissolveBodyDto, @RecordingAs() recording: Recording): Promise<RecordedFacts> {
    return this.commands.execute(new RecordBodyFact({ type: 'DissolveBody', data: { ...dto, bodyId } }, recording));
  }

  @Post(':bodyId/statutory-functions')
  @Records('admin')
  assignFunctions(
    @Param('bodyId') bodyId: string,
    @Body() dto: AssignStatutoryFunctionsDto,
    @RecordingAs() recording: Recording,
  ): Promise<RecordedFacts> {
    return this.commands.execute(new RecordBodyFact({ type: 'AssignStatutoryFunctions', data: { ...dto, bodyId } }, recording));
  }

  @Post(':bodyId/memberships')
  @Records('officer', 'admin')
  appoint(@Param('bodyId') bodyId: string, @Body() dto: AppointMemberDto, @RecordingAs() recording: Recording): Promise<RecordedFacts> {
    return this.commands.execute(new RecordBodyFact({ type: 'AppointMember', data: { ...dto, bodyId } }, recording));
  }

  @Post(':bodyId/memberships/:membershipId/end')
  @Records('officer', 'admin')
  endMembership(
    @Param('bodyId') bodyId: string,
    @Param('membershipId') membershipId: string,
    @Body() dto: EndMembershipDto,
    @RecordingAs() recording: Recording,
  ): Promise<RecordedFacts> {
    return this.commands.execute(new RecordBodyFact({ type: 'EndMembership', data: { ...dto, bodyId, membershipId } }, recording));
  }
}
