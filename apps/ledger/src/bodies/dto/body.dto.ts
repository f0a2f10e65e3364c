import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Area, BODY_KINDS, BodyKind, CommissioningFunction } from '@ledger/governance';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { ProvenanceDto } from '../../recording/dto/provenance.dto';
import { IsAreaList, IsCivilDate, IsFunctionList, IsIntervalEnd, IsLedgerId } from '../../recording/dto/validators';

export class EstablishBodyDto extends ProvenanceDto {
  @ApiProperty({ example: 'nhs-cheshire-ccg' })
  @IsLedgerId()
  bodyId: string;

  @ApiProperty({ enum: BODY_KINDS })
  @IsIn(BODY_KINDS)
  kind: BodyKind;

  @ApiProperty({ example: 'NHS Cheshire CCG' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: '27D' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  odsCode?: string;

  @ApiPropertyOptional({ description: 'for a committee: the body it is a committee of' })
  @IsOptional()
  @IsLedgerId()
  parentBodyId?: string;

  @IsAreaList({ allowEmpty: true })
  areas: Area[];

  @ApiProperty({ example: '2020-04-01' })
  @IsCivilDate()
  effective: string;
}

export class RenameBodyDto extends ProvenanceDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: '2022-07-01' })
  @IsCivilDate()
  effective: string;
}

export class DissolveBodyDto extends ProvenanceDto {
  @ApiProperty({ description: 'first day the body no longer exists (closed-open): dissolved "on 31 March 2020" is 2020-04-01' })
  @IsCivilDate()
  effective: string;
}

export class AssignStatutoryFunctionsDto extends ProvenanceDto {
  @IsFunctionList()
  functions: CommissioningFunction[];

  @IsAreaList()
  areas: Area[];

  @ApiProperty({ example: '2013-04-01' })
  @IsCivilDate()
  from: string;

  @IsIntervalEnd()
  to?: string | null;

  @ApiProperty({ example: 'Health and Social Care Act 2012' })
  @IsString()
  @IsNotEmpty()
  act: string;
}

export class MemberDto {
  @ApiPropertyOptional({ example: 'Dr A. Example' })
  @ValidateIf((member: MemberDto) => member.seat === undefined)
  @IsString()
  @IsNotEmpty({ message: 'member needs a person or a seat' })
  person?: string;

  @ApiPropertyOptional({ example: 'Healthwatch Cheshire East representative' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  seat?: string;
}

export class AppointMemberDto extends ProvenanceDto {
  @ApiProperty({ example: 'cjcc-cheshire-east-council' })
  @IsLedgerId()
  membershipId: string;

  @ApiProperty({ type: MemberDto })
  @IsObject()
  @ValidateNested()
  @Type(() => MemberDto)
  member: MemberDto;

  @ApiProperty({ example: 'member' })
  @IsString()
  @IsNotEmpty()
  role: string;

  @ApiProperty()
  @IsBoolean()
  voting: boolean;

  @ApiPropertyOptional({ description: 'joint committees and committees in common: the body this member acts for' })
  @IsOptional()
  @IsLedgerId()
  onBehalfOfBodyId?: string;

  @ApiProperty()
  @IsCivilDate()
  from: string;

  @IsIntervalEnd()
  to?: string | null;
}

export class EndMembershipDto extends ProvenanceDto {
  @ApiProperty({ description: 'first day no longer a member' })
  @IsCivilDate()
  to: string;
}
