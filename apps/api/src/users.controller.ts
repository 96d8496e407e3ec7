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
import { CurrentContext, type RequestContext } from './request-context';

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

  // The service applies the whole password policy (assertAcceptablePassword); the length here only joins the other field errors.
  @ApiProperty({
    format: 'password',
    writeOnly: true,
    minLength: 12,
    description:
      'At least 12 characters and at most 72 bytes in UTF-8; not the username nor containing it; hard to guess (zxcvbn score 3 of 4 or more). ' +
      'Refusals: `password_too_short`, `password_too_long`, `password_contains_username`, `password_too_weak`',
    example: 'hoa-sen-nở-muộn-7',
  })
  @IsString()
  @MinLength(12, { message: 'must have at least 12 characters', context: { code: 'password_too_short', params: { min: 12 } } })
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
class UpdateUserDto extends PartialType(CreateUserDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({ description: 'true: remove the account’s second factor (a lost phone); it signs in with the password alone and may enrol again' })
  @ValidateIf((_, v) => v !== undefined)
  @IsBoolean()
  twoFactorReset?: boolean;
}

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
  create(@Body() body: CreateUserDto, @CurrentContext() context: RequestContext) {
    return this.users.create(body, context);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update an account', description: 'Changes the fields sent. A new password, deactivation, or a change of roles or agency ends the account’s existing tokens at once (a new name does not).' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Anything else is a 404' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415)
  update(@Param('id') id: string, @Body() body: UpdateUserDto, @CurrentContext() context: RequestContext) {
    return this.users.update(id, body, context);
  }
}
