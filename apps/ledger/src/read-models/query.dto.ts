import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BODY_KINDS, BodyKind, FUNCTIONS } from '@ledger/governance';
import { IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { IsCivilDate } from '../recording/dto/validators';

/** Transaction time of a read: a ledger position or an ISO timestamp; absent = the head. */
export class AsKnownAtQuery {
  @ApiPropertyOptional({ description: 'ledger position (integer) or ISO timestamp; default: the head', example: '2026-11-23T12:00:00Z' })
  @IsOptional()
  @IsString()
  asKnownAt?: string;
}

export class AuthorityTimelineQuery extends AsKnownAtQuery {
  @ApiProperty({ example: 'community-health-services' })
  @IsString()
  @IsNotEmpty()
  function: string;

  @ApiProperty({ description: 'an atomic area or a place', example: 'vale-royal' })
  @IsString()
  @IsNotEmpty()
  area: string;
}

export class AuthorityPointQuery extends AuthorityTimelineQuery {
  @ApiProperty({ description: 'valid date', example: '2021-06-01' })
  @IsCivilDate()
  at: string;
}

export class BodiesQuery extends AsKnownAtQuery {
  @ApiProperty({ description: 'valid date: the bodies that existed then, with the names they bore', example: '2021-06-01' })
  @IsCivilDate()
  at: string;

  @ApiPropertyOptional({ enum: BODY_KINDS })
  @IsOptional()
  @IsIn(BODY_KINDS)
  kind?: BodyKind;
}

export class DecisionsQuery extends AsKnownAtQuery {
  @ApiPropertyOptional({ description: 'the deciding body' })
  @IsOptional()
  @IsString()
  body?: string;

  @ApiPropertyOptional({ description: 'decided on or after (valid date)' })
  @IsOptional()
  @IsCivilDate()
  from?: string;

  @ApiPropertyOptional({ description: 'decided before (valid date, closed-open)' })
  @IsOptional()
  @IsCivilDate()
  to?: string;

  @ApiPropertyOptional({ enum: FUNCTIONS })
  @IsOptional()
  @IsString()
  function?: string;
}
