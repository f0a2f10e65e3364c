import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Recording } from '../access/actor';
import { RecordingAs, Records } from '../access/records.decorator';
import { RecordedFacts } from '../recording/ledger-writer';
import { RecordMergerDto, RecordTransferSchemeDto } from './dto/reorganisation.dto';
import { RecordReorganisation } from './record-reorganisation';

@ApiTags('reorganisations')
@Controller('reorganisations')
export class ReorganisationsController {
  constructor(private readonly commands: CommandBus) {}

  @Post('mergers')
  @Records('admin')
  recordMerger(@Body() dto: RecordMergerDto, @RecordingAs() recording: Recording): Promise<RecordedFacts> {
    return this.commands.execute(new RecordReorganisation({ type: 'RecordMerger', data: dto }, recording));
  }

  @Post('transfer-schemes')
  @Records('admin')
  recordTransferScheme(@Body() dto: RecordTransferSchemeDto, @RecordingAs() recording: Recording): Promise<RecordedFacts> {
    return this.commands.execute(new RecordReorganisation({ type: 'RecordTransferScheme', data: dto }, recording));
  }
}
