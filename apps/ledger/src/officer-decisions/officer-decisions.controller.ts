import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Recording } from '../access/actor';
import { RecordingAs, Records } from '../access/records.decorator';
import { RecordedFacts } from '../recording/ledger-writer';
import { RecordOfficerDecisionDto } from './dto/officer-decision.dto';
import { RecordOfficerDecision } from './record-officer-decision';

@ApiTags('officer decisions')
@Controller('officer-decisions')
export class OfficerDecisionsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Records('officer', 'admin')
  record(@Body() dto: RecordOfficerDecisionDto, @RecordingAs() recording: Recording): Promise<RecordedFacts> {
    return this.commands.execute(new RecordOfficerDecision({ type: 'RecordOfficerDecision', data: dto }, recording));
  }
}
