import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { AsKnownAtQuery } from '../../read-models/query.dto';
import { IsCivilDate, IsLedgerId } from '../../recording/dto/validators';

/** `at`: the valid date on which a meeting's status is judged (a meeting whose date has passed is held). */
export class MeetingQuery extends AsKnownAtQuery {
  @ApiPropertyOptional({ description: 'valid date on which each status is judged; default: today (Europe/London)', example: '2026-12-05' })
  @IsOptional()
  @IsCivilDate()
  at?: string;
}

export class BodyMeetingsQuery extends MeetingQuery {
  @ApiPropertyOptional({ description: 'meetings dated on or after (valid date)', example: '2026-01-01' })
  @IsOptional()
  @IsCivilDate()
  from?: string;

  @ApiPropertyOptional({ description: 'meetings dated before (valid date, closed-open)', example: '2027-01-01' })
  @IsOptional()
  @IsCivilDate()
  to?: string;
}

export class MeetingsQuery extends BodyMeetingsQuery {
  @ApiPropertyOptional({ description: 'a body meeting (alone or in common)', example: 'nhs-cheshire-ccg' })
  @IsOptional()
  @IsLedgerId()
  body?: string;
}
