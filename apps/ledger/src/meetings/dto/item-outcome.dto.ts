import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { ProvenanceDto } from '../../recording/dto/provenance.dto';
import { CastVoteDto, DeclareInterestDto, ProposeMotionDto, RecordDecisionDto } from './meeting.dto';

/** More than any body's membership: a bound on the work one request can ask for. */
const MAX_PARTS = 500;

// Each part is validated as the separate command's fields are (the same decorators, picked), without its own source.
export class OutcomeDeclarationDto extends PickType(DeclareInterestDto, ['membershipId', 'interest', 'action'] as const) {}
export class OutcomeMotionDto extends PickType(ProposeMotionDto, ['motionId', 'wording', 'mover', 'seconder'] as const) {}
export class OutcomeVoteDto extends PickType(CastVoteDto, ['membershipId', 'vote'] as const) {}
export class OutcomeDecisionDto extends PickType(RecordDecisionDto, ['bodyId', 'outcome', 'resolution', 'castingVote'] as const) {}

export class RecordItemOutcomeDto extends ProvenanceDto {
  @ApiPropertyOptional({ type: [OutcomeDeclarationDto], description: 'declarations of interest on the item, before the vote' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PARTS)
  @ValidateNested({ each: true })
  @Type(() => OutcomeDeclarationDto)
  declarations?: OutcomeDeclarationDto[];

  @ApiPropertyOptional({ type: OutcomeMotionDto, description: 'the motion put; the votes and the decision are on it' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OutcomeMotionDto)
  motion?: OutcomeMotionDto;

  @ApiPropertyOptional({ type: [OutcomeVoteDto], description: "every member's vote (none for an item agreed without a vote)" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PARTS)
  @ValidateNested({ each: true })
  @Type(() => OutcomeVoteDto)
  votes?: OutcomeVoteDto[];

  @ApiProperty({ type: OutcomeDecisionDto, description: 'the decision (its tally is derived from the votes)' })
  @IsObject()
  @ValidateNested()
  @Type(() => OutcomeDecisionDto)
  decision: OutcomeDecisionDto;
}
