import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { AgencyService } from '@app/agencies';
import type { Actor } from '@app/auth';
import { AGENCY_LEVELS, type AgencyLevel } from '@app/common';
import { DeadlineRecomputeService } from '@app/dossiers';
import { ALL_ROLES, CurrentActor, Roles } from './auth.decorators';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

class OfficeIntervalDto {
  @ApiProperty({ example: '07:30' })
  @Matches(HH_MM, { message: 'must be a time HH:mm' })
  from!: string;

  @ApiProperty({ example: '11:30' })
  @Matches(HH_MM, { message: 'must be a time HH:mm' })
  to!: string;
}

class CreateAgencyDto {
  @ApiProperty({ example: 'H12.01.07' })
  @Matches(/^[A-Za-z0-9._-]{1,50}$/, { message: 'must be 1–50 letters, digits, dots, dashes or underscores' })
  code!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  @ApiProperty({ enum: AGENCY_LEVELS })
  @IsIn(AGENCY_LEVELS)
  level!: AgencyLevel;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsString()
  @MaxLength(50)
  parentCode?: string | null;

  @ApiPropertyOptional({ type: [OfficeIntervalDto], nullable: true })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsArray()
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
  async list(@CurrentActor() actor: Actor) {
    return this.agencies.list(await this.agencies.treeOf(actor));
  }

  @Post()
  @Roles('admin')
  create(@Body() body: CreateAgencyDto) {
    return this.agencies.create(body);
  }

  @Patch(':code')
  @Roles('admin')
  update(@Param('code') code: string, @Body() body: UpdateAgencyDto, @CurrentActor() actor: Actor) {
    return this.recompute.updateAgency(code, body, actor);
  }
}
