import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags, PartialType } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { UsersService } from '@app/auth';
import type { Actor } from '@app/auth';
import { ROLES, type Role } from '@app/common';
import { ACTING_ROLES, CurrentActor, Roles } from './auth.decorators';

class CreateUserDto {
  @ApiProperty()
  @Matches(/^[a-z0-9._-]{2,100}$/, { message: 'must be 2–100 lower-case letters, digits, dots, dashes or underscores' })
  username!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  fullName!: string;

  @ApiProperty()
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsString()
  @MaxLength(50)
  agencyCode?: string | null;

  @ApiPropertyOptional()
  @ValidateIf((_, v) => v !== undefined) // optional, but null is not a value: the column is NOT NULL
  @IsBoolean()
  active?: boolean;
}

// A null name, password, roles or active is a 400, not a NOT NULL violation; agencyCode stays nullable.
class UpdateUserDto extends PartialType(CreateUserDto, { skipNullProperties: false }) {}

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list() {
    return this.users.list();
  }

  /** Colleagues an officer may assign a dossier to: the caller's own agency, no other account data. */
  @Get('officers')
  @Roles(...ACTING_ROLES, 'supervisor')
  officers(@CurrentActor() actor: Actor) {
    return this.users.officers(actor.agencyCode);
  }

  @Post()
  create(@Body() body: CreateUserDto) {
    return this.users.create(body);
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() body: UpdateUserDto) {
    return this.users.update(id, body);
  }
}
