import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BODY_KINDS, BodyKind, FUNCTIONS } from '@ledger/governance';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { IsCivilDate } from '../recording/dto/validators';
import { AS_KNOWN_AT_RULE, isAsKnownAt } from './basis';

const IsAsKnownAt = () =>
  ValidateBy({
    name: 'isAsKnownAt',
    validator: { validate: (value: unknown) => isAsKnownAt(value), defaultMessage: () => AS_KNOWN_AT_RULE },
  });

/** Transaction time of a read: a ledger position or an ISO timestamp; absent = the head. */
export class AsKnownAtQuery {
  @ApiPropertyOptional({ description: 'ledger position (integer) or ISO timestamp; default: the head', example: '2026-11-23T12:00:00Z' })
  @IsOptional()
  @IsString()
  @IsAsKnownAt()
  asKnownAt?: string;
}

export class AuthorityTimelineQuery extends AsKnownAtQuery {
  @ApiProperty({ example: 'community-health-services' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  function: string;

  @ApiProperty({ description: 'an atomic area or a place', example: 'vale-royal' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  area: string;
}

export class AuthorityPointQuery extends AuthorityTimelineQuery {
  @ApiProperty({ description: 'valid date', example: '2021-06-01' })
  @IsCivilDate()
  at: string;
}

export class BodiesQuery extends AsKnownAtQuery {
  @ApiPropertyOptional({
    description: 'valid date: the bodies that existed then, with the names they bore; without it, every body ever recorded',
    example: '2021-06-01',
  })
  @IsOptional()
  @IsCivilDate()
  at?: string;

  @ApiPropertyOptional({ description: 'NHS ODS code (any case): the body that bears it', example: '27D' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  odsCode?: string;

  @ApiPropertyOptional({ enum: BODY_KINDS })
  @IsOptional()
  @IsIn(BODY_KINDS)
  kind?: BodyKind;
}

/** Decisions per page of `GET /decisions`, by default and at most. */
export const DECISIONS_PAGE = 100;
const DECISIONS_PAGE_MAX = 1000;

export class DecisionsQuery extends AsKnownAtQuery {
  @ApiPropertyOptional({ description: 'the deciding body' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  body?: string;

  @ApiPropertyOptional({ description: "with `body`: include the decisions of the body's committees (and theirs)", enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  committees?: 'true' | 'false';

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
  @MaxLength(200)
  function?: string;

  @ApiPropertyOptional({ description: 'how many decisions to skip, in register order (date, then id)', default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;

  @ApiPropertyOptional({ description: 'how many decisions to return', default: DECISIONS_PAGE, maximum: DECISIONS_PAGE_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(DECISIONS_PAGE_MAX)
  limit?: number;
}
