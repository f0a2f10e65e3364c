import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import {
  Area,
  CALL_IN_RESULTS,
  CallInResult,
  CommissioningFunction,
  DECISION_OUTCOMES,
  DecisionOutcome,
  INTEREST_ACTIONS,
  InterestAction,
  MEETING_TIME,
  MINUTES_APPROVALS,
  MinutesApproval,
  Schedule12AParagraph,
  SCHEDULE_12A_PARAGRAPHS,
  VOTE_OPTIONS,
  VoteOption,
} from '@ledger/governance';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ProvenanceDto } from '../../recording/dto/provenance.dto';
import { IsAreaList, IsCivilDate, IsFunctionList, IsLedgerId } from '../../recording/dto/validators';

export class MeetingBodyDto {
  @ApiProperty({ example: 'nhs-vale-royal-ccg-governing-body' })
  @IsLedgerId()
  bodyId: string;

  @ApiProperty({ description: 'voting members who must be present and not conflicted for an item', example: 4 })
  @IsInt()
  @Min(1)
  quorum: number;
}

export class ConveneMeetingDto extends ProvenanceDto {
  @ApiProperty({ example: 'cheshire-governing-bodies-2019-09' })
  @IsLedgerId()
  meetingId: string;

  @ApiProperty({ example: '2019-09-24', description: 'the day it is (or was) held; a date still to come schedules it' })
  @IsCivilDate()
  date: string;

  @ApiPropertyOptional({ example: '14:00', description: 'when it starts, HH:MM (24-hour, Europe/London)' })
  @IsOptional()
  @Matches(MEETING_TIME, { message: 'time must be HH:MM (24-hour)' })
  time?: string;

  @ApiProperty({ type: [MeetingBodyDto], description: 'one body, or several bodies’ committees meeting in common' })
  @IsArray()
  @ArrayNotEmpty()
  @ValidateNested({ each: true })
  @Type(() => MeetingBodyDto)
  bodies: MeetingBodyDto[];

  @ApiPropertyOptional({ description: 'true, and required, when more than one body meets: each committee decides for itself' })
  @IsOptional()
  @IsBoolean()
  inCommon?: boolean;

  @ApiPropertyOptional({ example: 'Middlewich' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  location?: string;
}

export class ConfidentialityDto {
  @ApiProperty({ enum: SCHEDULE_12A_PARAGRAPHS, description: 'Local Government Act 1972 Schedule 12A paragraph' })
  @IsIn(SCHEDULE_12A_PARAGRAPHS)
  paragraph: Schedule12AParagraph;

  @ApiProperty({ example: 'the public interest in withholding the tender prices outweighs that in disclosing them' })
  @IsString()
  @IsNotEmpty()
  publicInterestReason: string;

  @ApiProperty({ description: 'what the public sees instead of the text', example: 'Award of the community services contract' })
  @IsString()
  @IsNotEmpty()
  publicSummary: string;
}

export class AddAgendaItemDto extends ProvenanceDto {
  @ApiProperty({ example: 'merger-ballot-result' })
  @IsLedgerId()
  itemId: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title: string;

  @ApiProperty({ description: 'the report or proposal as put to the meeting' })
  @IsString()
  @IsNotEmpty()
  text: string;

  @IsFunctionList({ allowEmpty: true })
  functions: CommissioningFunction[];

  @IsAreaList({ allowEmpty: true })
  areas: Area[];

  @ApiPropertyOptional({ type: ConfidentialityDto, description: 'a Part 2 item' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ConfidentialityDto)
  confidential?: ConfidentialityDto;

  @ApiPropertyOptional({
    description:
      'required once the agenda is published and fewer than 5 clear working days remain: why the item cannot wait (shown to everyone)',
    example: 'the contract must be signed before the end of the month',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  lateReason?: string;
}

export class SubstitutionDto {
  @ApiProperty({ description: 'the membership of the member sitting in place of another', example: 'vr-substitute' })
  @IsLedgerId()
  membershipId: string;

  @ApiProperty({ description: 'the membership of the absent member of the same body', example: 'vr-gp-1' })
  @IsLedgerId()
  substituteFor: string;
}

export class InAttendanceDto {
  @ApiProperty({ example: 'Jane Smith' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'Director of Public Health' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  role: string;
}

export class RecordAttendanceDto extends ProvenanceDto {
  @ApiProperty({
    description: 'membershipIds of the members present; a later record adds to an earlier one (correct a record to change it)',
    example: ['vr-chair', 'vr-gp-1'],
  })
  @IsArray()
  @ArrayUnique()
  @IsLedgerId({ each: true })
  present: string[];

  @ApiPropertyOptional({ description: 'membershipIds of the members who sent apologies', example: ['vr-lay'] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsLedgerId({ each: true })
  apologies?: string[];

  @ApiPropertyOptional({ type: [SubstitutionDto], description: 'members sitting (and voting) in place of absent members of their body' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SubstitutionDto)
  substitutes?: SubstitutionDto[];

  @ApiPropertyOptional({ type: [InAttendanceDto], description: 'non-members present: officers, advisers' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => InAttendanceDto)
  inAttendance?: InAttendanceDto[];
}

export class RecordArrivalDto extends ProvenanceDto {
  @ApiProperty({ description: 'the member who arrived late' })
  @IsLedgerId()
  membershipId: string;

  @ApiProperty({ description: 'the item before which they arrived: present from it on' })
  @IsLedgerId()
  beforeItem: string;
}

export class RecordDepartureDto extends ProvenanceDto {
  @ApiProperty({ description: 'the member who left early' })
  @IsLedgerId()
  membershipId: string;

  @ApiProperty({ description: 'the item after which they left: present up to and including it' })
  @IsLedgerId()
  afterItem: string;
}

export class DeclareInterestDto extends ProvenanceDto {
  @ApiProperty()
  @IsLedgerId()
  membershipId: string;

  @ApiProperty({ example: 'partner in a practice bidding for the contract' })
  @IsString()
  @IsNotEmpty()
  interest: string;

  @ApiProperty({ enum: INTEREST_ACTIONS })
  @IsIn(INTEREST_ACTIONS)
  action: InterestAction;
}

export class ProposeMotionDto extends ProvenanceDto {
  @ApiProperty()
  @IsLedgerId()
  motionId: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  wording: string;

  @ApiProperty({ description: 'membershipId of the mover (present)' })
  @IsLedgerId()
  mover: string;

  @ApiProperty({ description: 'membershipId of the seconder (present)' })
  @IsLedgerId()
  seconder: string;
}

export class CastVoteDto extends ProvenanceDto {
  @ApiProperty()
  @IsLedgerId()
  membershipId: string;

  @ApiProperty({ enum: VOTE_OPTIONS })
  @IsIn(VOTE_OPTIONS)
  vote: VoteOption;

  @ApiPropertyOptional({ description: 'the motion put to the vote' })
  @IsOptional()
  @IsLedgerId()
  motionId?: string;
}

export class CountsDto {
  @ApiProperty()
  @IsInt()
  @Min(0)
  for: number;

  @ApiProperty()
  @IsInt()
  @Min(0)
  against: number;

  @ApiProperty()
  @IsInt()
  @Min(0)
  abstain: number;
}

export class CastingVoteDto {
  @ApiProperty({ description: "the chair's membership (a voting member of the deciding body present)" })
  @IsLedgerId()
  membershipId: string;

  @ApiProperty({ enum: ['for', 'against'] })
  @IsIn(['for', 'against'])
  vote: 'for' | 'against';
}

export class RecordDecisionDto extends ProvenanceDto {
  @ApiPropertyOptional({ description: 'the deciding body; required at a meeting of committees in common' })
  @IsOptional()
  @IsLedgerId()
  bodyId?: string;

  @ApiProperty({ enum: DECISION_OUTCOMES })
  @IsIn(DECISION_OUTCOMES)
  outcome: DecisionOutcome;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  resolution: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsLedgerId()
  motionId?: string;

  @ApiPropertyOptional({ type: CountsDto, description: 'a historic aggregate (ballot tally), only where no individual votes are recorded' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CountsDto)
  counts?: CountsDto;

  @ApiPropertyOptional({
    type: CastingVoteDto,
    description: "the chair's casting vote, recorded as such: it breaks a tie and nothing else",
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CastingVoteDto)
  castingVote?: CastingVoteDto;
}

export class LiftConfidentialityDto extends ProvenanceDto {
  @ApiProperty({ example: '2019-04-01' })
  @IsCivilDate()
  effective: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  reason: string;
}

/** The same three fields as an item taken in private from the start, with its provenance. */
export class ImposeConfidentialityDto extends IntersectionType(ProvenanceDto, ConfidentialityDto) {}

export class EraseConfidentialContentDto extends ProvenanceDto {
  @ApiProperty({
    description: 'why the content is erased (shown to everyone: give no personal data here)',
    example: 'personal data published in error',
  })
  @IsString()
  @IsNotEmpty()
  reason: string;
}

/** An amendment to the minutes about one item of the minuted meeting (its text is that item's content). */
export class ItemAmendmentDto {
  @ApiProperty({ description: 'an agenda item of the meeting whose minutes are approved' })
  @IsLedgerId()
  itemId: string;

  @ApiProperty({ example: 'The resolution should read "for three years", not "for two years"' })
  @IsString()
  @IsNotEmpty()
  text: string;
}

export class ApproveMinutesDto extends ProvenanceDto {
  @ApiProperty({ description: 'the earlier meeting whose minutes are approved' })
  @IsLedgerId()
  minutesOfMeetingId: string;

  @ApiProperty({ enum: MINUTES_APPROVALS })
  @IsIn(MINUTES_APPROVALS)
  approval: MinutesApproval;

  @ApiPropertyOptional({
    type: [String],
    description: 'amendments about the minutes as a whole; subject-to-amendments needs one of these or of itemAmendments',
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  amendments?: string[];

  @ApiPropertyOptional({
    type: [ItemAmendmentDto],
    description: 'amendments each about one item of the minuted meeting: public when that item is, whatever the others are',
  })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ItemAmendmentDto)
  itemAmendments?: ItemAmendmentDto[];
}

export class CallInDto extends ProvenanceDto {
  @ApiPropertyOptional({ description: 'the deciding body; required at a meeting of committees in common' })
  @IsOptional()
  @IsLedgerId()
  bodyId?: string;

  @ApiProperty({ example: '2018-10-23' })
  @IsCivilDate()
  effective: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  reason: string;
}

export class RecordCallInResultDto extends ProvenanceDto {
  @ApiPropertyOptional({ description: 'the deciding body; required at a meeting of committees in common' })
  @IsOptional()
  @IsLedgerId()
  bodyId?: string;

  @ApiProperty({ enum: CALL_IN_RESULTS })
  @IsIn(CALL_IN_RESULTS)
  result: CallInResult;

  @ApiProperty()
  @IsCivilDate()
  effective: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  reason?: string;
}

export class RescheduleMeetingDto extends ProvenanceDto {
  @ApiProperty({ example: '2026-03-12', description: 'the new date' })
  @IsCivilDate()
  date: string;

  @ApiPropertyOptional({ example: '14:00', description: 'the new start time, HH:MM; left out when not known' })
  @IsOptional()
  @Matches(MEETING_TIME, { message: 'time must be HH:MM (24-hour)' })
  time?: string;

  @ApiProperty({ example: 'the chair is unavailable' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class CancelMeetingDto extends ProvenanceDto {
  @ApiProperty({ example: 'no business to transact' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class PublishAgendaDto extends ProvenanceDto {
  @ApiProperty({ example: '2026-03-02', description: 'the day the agenda was made open to the public' })
  @IsCivilDate()
  publishedOn: string;
}

export class RecordForwardPlanEntryDto extends ProvenanceDto {
  @ApiProperty({ example: '2027-02-01', description: 'the day the key decision was published on the forward plan' })
  @IsCivilDate()
  publishedOn: string;
}
