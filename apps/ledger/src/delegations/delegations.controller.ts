import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Recording } from '../access/actor';
import { RecordingAs, Records } from '../access/records.decorator';
import { RecordedFacts } from '../recording/ledger-writer';
import { GrantDelegationDto, RevokeDelegationDto, VaryDelegationDto } from './dto/delegation.dto';
import { RecordDelegationFact } from './record-delegation-fact';

@ApiTags('delegations')
@Controller('delegations')
export class DelegationsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Records('officer', 'admin')
  grant(@Body() dto: GrantDelegationDto, @RecordingAs() recording: Recording): Promise<RecordedFacts> {
    return this.commands.execute(new RecordDelegationFact({ type: 'GrantDelegation', data: dto }, recording));
  }

  @Post(':delegationId/variations')
  @Records('officer', 'admin')
  vary(
    @Param('delegationId') delegationId: string,
    @Body() dto: VaryDelegationDto,
    @RecordingAs() recording: Recording,
  ): Promise<RecordedFacts> {
    return this.commands.execute(new RecordDelegationFact({ type: 'VaryDelegation', data: { ...dto, delegationId } }, recording));
  }

  @Post(':delegationId/revocation')
  @Records('officer', 'admin')
  revoke(
    @Param('delegationId') delegationId: string,
    @Body() dto: RevokeDelegationDto,
    @RecordingAs() recording: Recording,
  ): Promise<RecordedFacts> {
    return this.commands.execute(new RecordDelegationFact({ type: 'RevokeDelegation', data: { ...dto, delegationId } }, recording));
  }
}
