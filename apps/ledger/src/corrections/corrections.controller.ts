import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Recording } from '../access/actor';
import { RecordingAs, Records } from '../access/records.decorator';
import { RecordedFacts } from '../recording/ledger-writer';
import { CorrectFactDto } from './dto/correct-fact.dto';
import { RecordCorrection } from './record-correction';

@ApiTags('corrections')
@Controller('corrections')
export class CorrectionsController {
  constructor(private readonly commands: CommandBus) {}

  /** A correction is a new fact in the corrected fact's stream; the original stays as it was recorded. */
  @Post()
  @Records('officer', 'admin')
  correct(@Body() dto: CorrectFactDto, @RecordingAs() recording: Recording): Promise<RecordedFacts> {
    return this.commands.execute(new RecordCorrection({ type: 'CorrectFact', data: dto }, recording));
  }
}
