import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  OmitType,
  PartialType,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { AgencyService } from '@app/agencies';
import type { Actor } from '@app/auth';
import { AGENCY_LEVELS, type AgencyLevel, RECEIVES_FOR, type ReceivesFor } from '@app/common';
import { DeadlineRecomputeService } from '@app/dossiers';
import { AgencyDto, AgencyListDto, OfficeIntervalDto, UpdatedAgencyDto } from './admin.responses';
import { ApiErrors } from './api-error.dto';
import { ALL_ROLES, CurrentActor, Roles } from './auth.decorators';
import { CurrentContext, type RequestContext } from './request-context';

const AGENCY_CODE = /^[A-Za-z0-9._-]{1,50}$/;

class CreateAgencyDto {
  @ApiProperty({ pattern: AGENCY_CODE.source, minLength: 1, maxLength: 50, example: 'H12.01.07' })
  @Matches(AGENCY_CODE, { message: 'must be 1–50 letters, digits, dots, dashes or underscores' })
  code!: string;

  @ApiProperty({ minLength: 1, maxLength: 300, example: 'UBND xã Phan Đình Phùng' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  @ApiProperty({ enum: AGENCY_LEVELS, enumName: 'AgencyLevel', example: 'commune', description: 'province, department or commune (or ministry); district is refused (400 retired_level): districts were abolished on 1 July 2025' })
  @IsIn(AGENCY_LEVELS)
  level!: AgencyLevel;

  @ApiPropertyOptional({ enum: RECEIVES_FOR, enumName: 'ReceivesFor', example: 'self', description: 'Whose dossiers its desk may receive; absent: self' })
  @IsOptional()
  @IsIn(RECEIVES_FOR)
  receivesFor?: ReceivesFor;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 50, example: 'H12.01', description: 'An existing agency, not this one nor one under it; null or absent: a root' })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsString()
  @MaxLength(50)
  parentCode?: string | null;

  @ApiPropertyOptional({
    type: [OfficeIntervalDto],
    nullable: true,
    description: 'Sorted, not overlapping; null or absent: the default hours (07:30–11:30, 13:30–17:00)',
  })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => OfficeIntervalDto)
  officeHours?: OfficeIntervalDto[] | null;
}

// A null name or level is a 400, not a NOT NULL violation; parentCode and officeHours stay nullable.
class UpdateAgencyDto extends PartialType(OmitType(CreateAgencyDto, ['code'] as const), { skipNullProperties: false }) {}

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('api/v1/agencies')
export class AgenciesController {
  constructor(
    private readonly agencies: AgencyService,
    private readonly recompute: DeadlineRecomputeService,
  ) {}

  /** The caller's own tree (an administrator sees every agency). */
  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'List agencies', description: 'The caller’s agency and every agency under it; an administrator sees them all.' })
  @ApiOkResponse({ type: AgencyListDto })
  @ApiErrors(401)
  async list(@CurrentActor() actor: Actor) {
    return this.agencies.list(await this.agencies.treeOf(actor));
  }

  @Get('receivable')
  @Roles('admin', 'reception')
  @ApiOperation({
    summary: 'List the agencies the caller may receive for',
    description:
      "The resolving agencies a reception officer may name at intake (liên thông): those its desk's `receivesFor` covers (itself, its subtree, or every agency of its province); an administrator: every agency.",
  })
  @ApiOkResponse({ type: AgencyListDto })
  @ApiErrors(401, 403)
  receivable(@CurrentActor() actor: Actor) {
    return this.agencies.receivable(actor);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create an agency', description: 'Adds an agency to the tree under an existing parent (or as a root).' })
  @ApiCreatedResponse({ type: AgencyDto })
  @ApiErrors(400, 401, 403, 409, 413, 415)
  create(@Body() body: CreateAgencyDto, @CurrentContext() context: RequestContext) {
    return this.agencies.create(body, context);
  }

  @Patch(':code')
  @Roles('admin')
  @ApiOperation({
    summary: 'Update an agency',
    description:
      'Changes the fields sent. Office hours sent move the deadlines of the agency’s open dossiers: recomputed as for a calendar change (recompute), also when they are the same, so a retry repairs what a crash left.',
  })
  @ApiParam({ name: 'code', example: 'H12.01' })
  @ApiOkResponse({ type: UpdatedAgencyDto })
  @ApiErrors(400, 401, 403, 404, 413, 415)
  update(@Param('code') code: string, @Body() body: UpdateAgencyDto, @CurrentContext() context: RequestContext) {
    return this.recompute.updateAgency(code, body, context);
  }
}
