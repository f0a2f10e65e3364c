import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Recording } from '../access/actor';
import { RecordingAs, Records } from '../access/records.decorator';
import { RecordedFacts } from '../recording/ledger-writer';
import { MakeRecommendationDto, RespondToRecommendationDto, ReviseRecommendationDto } from './dto/recommendation.dto';
import { RecordRecommendationFact } from './record-recommendation-fact';

@ApiTags('recommendations')
@Controller('recommendations')
export class RecommendationsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Records('officer', 'admin')
  make(@Body() dto: MakeRecommendationDto, @RecordingAs() recording: Recording): Promise<RecordedFacts> {
    return this.commands.execute(new RecordRecommendationFact({ type: 'MakeRecommendation', data: dto }, recording));
  }

  @Post(':recommendationId/responses')
  @Records('officer', 'admin')
  respond(
    @Param('recommendationId') recommendationId: string,
    @Body() dto: RespondToRecommendationDto,
    @RecordingAs() recording: Recording,
  ): Promise<RecordedFacts> {
    return this.commands.execute(
      new RecordRecommendationFact({ type: 'RespondToRecommendation', data: { ...dto, recommendationId } }, recording),
    );
  }

  @Post(':recommendationId/revisions')
  @Records('officer', 'admin')
  revise(
    @Param('recommendationId') recommendationId: string,
    @Body() dto: ReviseRecommendationDto,
    @RecordingAs() recording: Recording,
  ): Promise<RecordedFacts> {
    return this.commands.execute(
      new RecordRecommendationFact({ type: 'ReviseRecommendation', data: { ...dto, recommendationId } }, recording),
    );
  }
}
