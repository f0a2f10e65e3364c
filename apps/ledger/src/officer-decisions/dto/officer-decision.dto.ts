import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Area, CommissioningFunction } from '@ledger/governance';
import { Type } from 'class-transformer';
import { IsArray, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ProvenanceDto } from '../../recording/dto/provenance.dto';
import { IsAreaList, IsCivilDate, IsFunctionList, IsLedgerId } from '../../recording/dto/validators';

export class OfficerDto {
  @ApiProperty({ example: 'A. Example' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'Director of Commissioning' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  post: string;
}

export class DelegationReliedDto {
  @ApiPropertyOptional({ example: 'cheshire-ccg-sord-2020', description: 'the recorded delegation, when the ledger holds it' })
  @IsOptional()
  @IsLedgerId()
  delegationId?: string;

  @ApiProperty({ example: 'Scheme of reservation and delegation 2020, para 4.2' })
  @IsString()
  @IsNotEmpty()
  instrument: string;
}

export class DeclaredConflictDto {
  @ApiProperty({ example: 'Spouse employed by the incumbent provider' })
  @IsString()
  @IsNotEmpty()
  interest: string;

  @ApiPropertyOptional({ example: 'Withdrew from the evaluation; the deputy decided' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  dispensation?: string;
}

export class RecordOfficerDecisionDto extends ProvenanceDto {
  @ApiProperty({ example: 'cheshire-ccg-od-2021-017' })
  @IsLedgerId()
  decisionId: string;

  @ApiProperty({ type: OfficerDto })
  @IsObject()
  @ValidateNested()
  @Type(() => OfficerDto)
  officer: OfficerDto;

  @ApiProperty({ example: 'nhs-cheshire-ccg', description: 'the body on whose behalf the officer decided' })
  @IsLedgerId()
  bodyId: string;

  @ApiProperty({ type: DelegationReliedDto })
  @IsObject()
  @ValidateNested()
  @Type(() => DelegationReliedDto)
  delegationRelied: DelegationReliedDto;

  @ApiProperty({ example: '2021-03-15' })
  @IsCivilDate()
  date: string;

  @ApiProperty({ description: 'what was decided' })
  @IsString()
  @IsNotEmpty()
  decision: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  reasons: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  alternativesRejected: string[];

  @ApiProperty({ type: [DeclaredConflictDto] })
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => DeclaredConflictDto)
  conflicts: DeclaredConflictDto[];

  @IsFunctionList()
  functions: CommissioningFunction[];

  @IsAreaList()
  areas: Area[];
}
