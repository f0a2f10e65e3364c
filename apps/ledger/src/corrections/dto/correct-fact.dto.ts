import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsNotEmpty,
  IsObject,
  IsString,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ProvenanceDto } from '../../recording/dto/provenance.dto';
import { IsLedgerId } from '../../recording/dto/validators';

/** More facts than one meeting's votes and decisions: a bound on the history one request asks to judge. */
const MAX_FACTS = 200;

/** One fact corrected: the event, and its replacement values or its withdrawal. */
export class CorrectedFactDto {
  @ApiProperty({ description: 'the id of the event to correct, as a write answered it' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  correctedEventId: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'replacement values for fields of the corrected fact; fields ending in Id cannot change',
    example: { name: 'NHS Vale Royal Clinical Commissioning Group' },
  })
  // Absent is fine; null is not (it is neither changes nor their absence).
  @ValidateIf((_, value) => value !== undefined)
  @IsObject({ message: 'changes must be an object of replacement values (or absent)' })
  changes?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'true: the fact should never have been recorded (instead of changes)' })
  @ValidateIf((_, value) => value !== undefined)
  @IsBoolean({ message: 'withdrawn must be a boolean (or absent)' })
  withdrawn?: boolean;
}

/** A fact of one stream corrected (`correctedEventId` with `changes` or `withdrawn`), or several (`facts`) judged as one history. */
export class CorrectFactDto extends ProvenanceDto {
  @ApiProperty({ example: 'body-nhs-vale-royal-ccg', description: 'the stream of the fact to correct, as a write answered it' })
  @IsLedgerId()
  stream: string;

  @ApiPropertyOptional({ description: 'the id of the event to correct, as a write answered it (required unless facts are given)' })
  @ValidateIf((dto: CorrectFactDto, value) => value !== undefined || dto.facts === undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  correctedEventId?: string;

  @ApiProperty({ example: 'Minutes approved subject to amendments: the name was misrecorded' })
  @IsString()
  @IsNotEmpty()
  reason: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'replacement values for fields of the corrected fact; fields ending in Id cannot change',
    example: { name: 'NHS Vale Royal Clinical Commissioning Group' },
  })
  @ValidateIf((_, value) => value !== undefined)
  @IsObject({ message: 'changes must be an object of replacement values (or absent)' })
  changes?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'true: the fact should never have been recorded (instead of changes)' })
  @ValidateIf((_, value) => value !== undefined)
  @IsBoolean({ message: 'withdrawn must be a boolean (or absent)' })
  withdrawn?: boolean;

  @ApiPropertyOptional({
    type: [CorrectedFactDto],
    description: 'several facts of the stream corrected at once, judged together as one corrected history (instead of correctedEventId)',
  })
  @ValidateIf((_, value) => value !== undefined)
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_FACTS)
  @ValidateNested({ each: true })
  @Type(() => CorrectedFactDto)
  facts?: CorrectedFactDto[];
}
