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
  PartialType,
} from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { UsersService } from '@app/auth';
import type { Actor } from '@app/auth';
import { ROLES, type Role } from '@app/common';
import { OfficerListDto, UserDto, UserListDto } from './admin.responses';
import { ApiErrors } from './api-error.dto';
import { ACTING_ROLES, CurrentActor, Roles } from './auth.decorators';

const USERNAME = /^[a-z0-9._-]{2,100}$/;

class CreateUserDto {
  @ApiProperty({ pattern: USERNAME.source, minLength: 2, maxLength: 100, example: 'nguyenvana' })
  @Matches(USERNAME, { message: 'must be 2–100 lower-case letters, digits, dots, dashes or underscores' })
  username!: string;

  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Nguyễn Văn A' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  fullName!: string;

  @ApiProperty({ format: 'password', writeOnly: true, minLength: 8, maxLength: 200 })
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true, minItems: 1, example: ['reception'], description: 'Duplicates are dropped' })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 50, example: 'H12.01', description: 'An existing agency; null: none' })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsString()
  @MaxLength(50)
  agencyCode?: string | null;

  @ApiPropertyOptional({ description: 'Not null; a new account is active unless false is sent' })
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
  @ApiOperation({ summary: 'List accounts', description: 'Every account, by username; passwords are never returned.' })
  @ApiOkResponse({ type: UserListDto })
  @ApiErrors(401, 403)
  list() {
    return this.users.list();
  }

  /** Colleagues an officer may assign a dossier to: the caller's own agency, no other account data. */
  @Get('officers')
  @Roles(...ACTING_ROLES, 'supervisor')
  @ApiOperation({ summary: 'List colleagues', description: 'The active accounts of the caller’s agency, names and roles only: whom a dossier can be assigned to.' })
  @ApiOkResponse({ type: OfficerListDto })
  @ApiErrors(401)
  officers(@CurrentActor() actor: Actor) {
    return this.users.officers(actor.agencyCode);
  }

  @Post()
  @ApiOperation({ summary: 'Create an account', description: 'An officer’s account, active unless `active: false` is sent; the username must be free.' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiErrors(400, 401, 403, 409, 413, 415)
  create(@Body() body: CreateUserDto) {
    return this.users.create(body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update an account', description: 'Changes the fields sent. Roles, agency and deactivation reach the account’s existing tokens within 30 seconds.' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Anything else is a 404' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415)
  update(@Param('id') id: string, @Body() body: UpdateUserDto) {
    return this.users.update(id, body);
  }
}
