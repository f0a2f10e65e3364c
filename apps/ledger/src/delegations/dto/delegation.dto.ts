import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Area, CommissioningFunction, INSTRUMENT_KINDS, InstrumentKind } from '@ledger/governance';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { ProvenanceDto } from '../../recording/dto/provenance.dto';
import { IsAreaList, IsCivilDate, IsFunctionList, IsIntervalEnd, IsLedgerId } from '../../recording/dto/validators';

export class InstrumentDto {
  @ApiProperty({ enum: INSTRUMENT_KINDS })
  @IsIn(INSTRUMENT_KINDS)
  kind: InstrumentKind;

  @ApiProperty({ example: 'Primary medical services delegation agreement 2022, schedule 2' })
  @IsString()
  @IsNotEmpty()
  reference: string;
}

export class ApprovingDecisionDto {
  @ApiProperty({ example: 'nhs-cheshire-ccg-governing-body-2020-03-26' })
  @IsLedgerId()
  meetingId: string;

  @ApiProperty({ example: 'item-7' })
  @IsLedgerId()
  itemId: string;
}

export class GrantDelegationDto extends ProvenanceDto {
  @ApiProperty({ example: 'nhse-to-cm-icb-primary-medical-services' })
  @IsLedgerId()
  delegationId: string;

  @ApiProperty({ example: 'nhs-england' })
  @IsLedgerId()
  delegatorBodyId: string;

  @ApiProperty({ example: 'nhs-cheshire-and-merseyside-icb' })
  @IsLedgerId()
  delegateBodyId: string;

  @IsFunctionList()
  functions: CommissioningFunction[];

  @IsAreaList()
  areas: Area[];

  @ApiProperty({ example: '2022-07-01' })
  @IsCivilDate()
  from: string;

  @IsIntervalEnd('first day no longer delegated; null or absent: open-ended')
  to?: string | null;

  @ApiProperty({ type: InstrumentDto })
  @IsObject()
  @ValidateNested()
  @Type(() => InstrumentDto)
  instrument: InstrumentDto;

  @ApiPropertyOptional({
    type: ApprovingDecisionDto,
    description: 'the meeting item whose decision approved it (a reference, not checked)',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ApprovingDecisionDto)
  approvedBy?: ApprovingDecisionDto;

  @ApiProperty()
  @IsBoolean()
  subDelegationAllowed: boolean;

  @ApiPropertyOptional({ description: 'for a sub-delegation: the delegation the delegator received' })
  @IsOptional()
  @IsLedgerId()
  parentDelegationId?: string;
}

/** Only the terms given change, from the effective date; at least one is needed. */
export class VaryDelegationDto extends ProvenanceDto {
  @ApiProperty({ example: '2023-04-01' })
  @IsCivilDate()
  effective: string;

  @IsFunctionList({ optional: true })
  functions?: CommissioningFunction[];

  @IsAreaList({ optional: true })
  areas?: Area[];

  @IsIntervalEnd('new end; null makes it open-ended, absent leaves it unchanged')
  to?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  subDelegationAllowed?: boolean;
}

export class RevokeDelegationDto extends ProvenanceDto {
  @ApiProperty({ description: 'first day no longer delegated; may be earlier than today (retrospective)' })
  @IsCivilDate()
  effective: string;
}
