import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { Response } from 'express';
import { Actor } from '../../access/actor';
import { Reader } from '../../access/records.decorator';
import { csv } from '@ledger/public-contract';
import { ChangeKind, CHANGES_CSV_HEADER, CHANGES_PAGE, changesCsv, ChangesPage, LedgerChanges } from './ledger-changes';

export class ChangesQueryDto {
  @ApiPropertyOptional({
    description: 'first position, or an ISO timestamp (the first fact recorded at or after it); default: the start',
    example: '1',
  })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  from?: string;

  @ApiPropertyOptional({ description: 'last position, or an ISO timestamp (the last fact recorded at or before it); default: the head' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  to?: string;

  @ApiPropertyOptional({ description: 'only what concerns this body and its committees', example: 'nhs-cheshire-ccg' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  body?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';

  @ApiPropertyOptional({ description: `changes a page (default ${CHANGES_PAGE})`, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: "the page after this position: the previous page's `next`" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after?: number;
}

/**
 * What the ledger learned between two dates of knowledge (GET /ledger/changes), and every correction and withdrawal
 * (GET /corrections): each with its position, time, kind, stream, what it is about in words, the key and the person
 * who recorded it, the reason, and the before and after of each corrected field. JSON, or CSV with `format=csv`.
 */
@ApiTags('transparency log')
@ApiBearerAuth()
@ApiSecurity({})
@Controller()
export class LedgerChangesController {
  constructor(private readonly changes: LedgerChanges) {}

  @Get('ledger/changes')
  list(@Query() query: ChangesQueryDto, @Reader() reader: Actor | undefined, @Res({ passthrough: true }) response: Response) {
    return this.answer(query, undefined, reader, response);
  }

  @Get('corrections')
  corrections(@Query() query: ChangesQueryDto, @Reader() reader: Actor | undefined, @Res({ passthrough: true }) response: Response) {
    return this.answer(query, ['corrected', 'withdrawn'], reader, response);
  }

  private async answer(
    query: ChangesQueryDto,
    kinds: ChangeKind[] | undefined,
    reader: Actor | undefined,
    response: Response,
  ): Promise<ChangesPage | string> {
    const page = await this.changes.page({ ...query, kinds }, reader);
    if (query.format !== 'csv') return page;
    response.type('text/csv; charset=utf-8');
    if (page.next !== null)
      response.setHeader('Link', `<?${new URLSearchParams({ ...stringsOf(query), after: String(page.next) })}>; rel="next"`);
    return csv(CHANGES_CSV_HEADER, changesCsv(page));
  }
}

const stringsOf = (query: ChangesQueryDto): Record<string, string> =>
  Object.fromEntries(
    Object.entries(query)
      .filter(([key, value]) => value !== undefined && key !== 'after')
      .map(([key, value]) => [key, String(value)]),
  );
