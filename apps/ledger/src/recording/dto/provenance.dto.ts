import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export class SourceDto {
  @ApiProperty({ example: 'Wirral report 9 Nov 2020' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  url?: string;

  @ApiPropertyOptional({ example: '§3.2.2' })
  @IsOptional()
  @IsString()
  reference?: string;

  @ApiPropertyOptional({ description: 'hash of the cited document, e.g. sha256:…' })
  @IsOptional()
  @IsString()
  contentHash?: string;

  @ApiPropertyOptional({ description: 'true for a meeting or member the sources do not name' })
  @IsOptional()
  @IsBoolean()
  illustrative?: boolean;
}

/** Every recorded fact cites its source; approximate dates say so. */
export class ProvenanceDto {
  @ApiProperty({ type: SourceDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SourceDto)
  source: SourceDto;

  @ApiPropertyOptional({ enum: ['exact', 'approximate'] })
  @IsOptional()
  @IsIn(['exact', 'approximate'])
  dateCertainty?: 'exact' | 'approximate';
}
