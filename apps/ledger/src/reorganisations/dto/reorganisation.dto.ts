import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Area, CommissioningFunction, GRANTED_DELEGATIONS_ON_MERGER, GrantedDelegationsOnMerger } from '@ledger/governance';
import { ArrayNotEmpty, IsArray, IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { ProvenanceDto } from '../../recording/dto/provenance.dto';
import { IsAreaList, IsCivilDate, IsFunctionList, IsLedgerId } from '../../recording/dto/validators';

export class RecordMergerDto extends ProvenanceDto {
  @ApiProperty({ example: 'cheshire-ccgs-merger-2020' })
  @IsLedgerId()
  reorganisationId: string;

  @ApiProperty({ example: ['nhs-eastern-cheshire-ccg', 'nhs-south-cheshire-ccg', 'nhs-vale-royal-ccg', 'nhs-west-cheshire-ccg'] })
  @IsArray()
  @ArrayNotEmpty()
  @IsLedgerId({ each: true })
  predecessorBodyIds: string[];

  @ApiProperty({ example: 'nhs-cheshire-ccg' })
  @IsLedgerId()
  successorBodyId: string;

  @ApiProperty({ example: '2020-04-01', description: 'the predecessors end on it (closed-open) and the successor starts on it' })
  @IsCivilDate()
  legalDate: string;

  @ApiPropertyOptional({
    enum: GRANTED_DELEGATIONS_ON_MERGER,
    default: 'carry-over',
    description: 'delegations the predecessors had granted',
  })
  @IsOptional()
  @IsIn(GRANTED_DELEGATIONS_ON_MERGER)
  grantedDelegations?: GrantedDelegationsOnMerger;
}

export class RecordTransferSchemeDto extends ProvenanceDto {
  @ApiProperty({ example: 'cheshire-and-merseyside-transfer-scheme-2022' })
  @IsLedgerId()
  reorganisationId: string;

  @ApiProperty({ example: ['nhs-cheshire-ccg', 'nhs-wirral-ccg'] })
  @IsArray()
  @ArrayNotEmpty()
  @IsLedgerId({ each: true })
  abolishedBodyIds: string[];

  @ApiProperty({ example: 'nhs-cheshire-and-merseyside-icb' })
  @IsLedgerId()
  receivingBodyId: string;

  @ApiProperty({ example: '2022-07-01' })
  @IsCivilDate()
  legalDate: string;

  @IsFunctionList({ optional: true, description: 'absent: every function transfers' })
  functions?: CommissioningFunction[];

  @IsAreaList({ optional: true, description: 'absent: every area transfers' })
  areas?: Area[];

  @ApiPropertyOptional({ example: 'property, rights and liabilities of the abolished CCGs' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  liabilities?: string;
}
