import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsObject, IsString, MaxLength, ValidateIf } from 'class-validator';
import { ProvenanceDto } from '../../recording/dto/provenance.dto';
import { IsLedgerId } from '../../recording/dto/validators';

export class CorrectFactDto extends ProvenanceDto {
  @ApiProperty({ example: 'body-nhs-vale-royal-ccg', description: 'the stream of the fact to correct, as a write answered it' })
  @IsLedgerId()
  stream: string;

  @ApiProperty({ description: 'the id of the event to correct, as a write answered it' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  correctedEventId: string;

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
  // Absent is fine; null is not (it is neither changes nor their absence).
  @ValidateIf((_, value) => value !== undefined)
  @IsObject({ message: 'changes must be an object of replacement values (or absent)' })
  changes?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'true: the fact should never have been recorded (instead of changes)' })
  @ValidateIf((_, value) => value !== undefined)
  @IsBoolean({ message: 'withdrawn must be a boolean (or absent)' })
  withdrawn?: boolean;
}
