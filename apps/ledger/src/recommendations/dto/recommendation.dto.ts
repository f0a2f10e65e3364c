import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Area, CommissioningFunction, RECOMMENDATION_RESPONSES, RecommendationResponse } from '@ledger/governance';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ProvenanceDto } from '../../recording/dto/provenance.dto';
import { IsAreaList, IsCivilDate, IsFunctionList, IsLedgerId } from '../../recording/dto/validators';

export class MakeRecommendationDto extends ProvenanceDto {
  @ApiProperty({ example: 'wirral-bcf-2020-21' })
  @IsLedgerId()
  recommendationId: string;

  @ApiProperty({ example: 'wirral-jhcc-executive-group', description: 'the advisory group that recommends' })
  @IsLedgerId()
  fromBodyId: string;

  @ApiProperty({
    example: ['wirral-adult-social-care-and-health-committee', 'nhs-wirral-ccg-governing-body'],
    description: 'the bodies asked for parallel approval (at least two, each deciding for itself)',
  })
  @IsArray()
  @IsLedgerId({ each: true })
  toBodyIds: string[];

  @ApiProperty({ example: 'Better Care Fund 2020/21' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiProperty({ description: 'the proposal text as recommended' })
  @IsString()
  @IsNotEmpty()
  proposal: string;

  @IsFunctionList()
  functions: CommissioningFunction[];

  @IsAreaList()
  areas: Area[];

  @ApiProperty({ example: '2020-09-01' })
  @IsCivilDate()
  date: string;
}

export class DecisionReferenceDto {
  @ApiProperty({ example: 'wirral-ash-2020-10-06' })
  @IsLedgerId()
  meetingId: string;

  @ApiProperty({ example: 'item-7' })
  @IsLedgerId()
  itemId: string;
}

export class RespondToRecommendationDto extends ProvenanceDto {
  @ApiProperty({ example: 'nhs-wirral-ccg-governing-body', description: 'one of the bodies the recommendation went to' })
  @IsLedgerId()
  bodyId: string;

  @ApiProperty({ enum: RECOMMENDATION_RESPONSES })
  @IsIn(RECOMMENDATION_RESPONSES)
  response: RecommendationResponse;

  @ApiProperty({ example: '2020-10-06' })
  @IsCivilDate()
  date: string;

  @ApiPropertyOptional({ type: DecisionReferenceDto, description: 'the meeting item at which the body decided' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DecisionReferenceDto)
  decision?: DecisionReferenceDto;

  @ApiPropertyOptional({ example: 'The risk share needs to be set out' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  reason?: string;
}

export class ReviseRecommendationDto extends ProvenanceDto {
  @ApiProperty({ description: 'the revised proposal text: every named body is asked afresh' })
  @IsString()
  @IsNotEmpty()
  proposal: string;

  @ApiProperty({ example: '2020-11-01' })
  @IsCivilDate()
  date: string;
}
