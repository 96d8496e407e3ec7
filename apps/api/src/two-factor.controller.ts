import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { type Actor, TwoFactorService } from '@app/auth';
import { ApiErrors } from './api-error.dto';
import { ALL_ROLES, CurrentActor, DuringTwoFactorSetup, Roles } from './auth.decorators';
import { CurrentContext, type RequestContext } from './request-context';
import { TwoFactorSetupDto, TwoFactorStatusDto } from './two-factor.responses';

class TwoFactorCodeDto {
  @ApiProperty({ pattern: '^[0-9]{6}$', example: '123456', description: 'The current code of the authenticator app' })
  @Matches(/^[0-9]{6}$/, { message: 'must be the 6 digits of the authenticator app' })
  code!: string;
}

class TwoFactorSetupRequestDto {
  @ApiProperty({ format: 'password', writeOnly: true, minLength: 1, maxLength: 200, description: 'The account’s password, asked again (a wrong one is 400 naming `currentPassword` and counts as a failed login)' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword!: string;
}

/** The signed-in officer's own TOTP second factor; open during a required enrolment (REQUIRE_2FA_ROLES). */
@ApiTags('auth')
@ApiBearerAuth()
@Roles(...ALL_ROLES)
@DuringTwoFactorSetup()
@Controller('api/v1/auth/2fa')
export class TwoFactorController {
  constructor(private readonly twoFactor: TwoFactorService) {}

  @Get()
  @ApiOperation({ summary: 'My second factor', description: 'Whether the caller’s account has a second factor, one being set up, or one its roles require.' })
  @ApiOkResponse({ type: TwoFactorStatusDto })
  @ApiErrors(401)
  status(@CurrentActor() actor: Actor) {
    return this.twoFactor.status(actor.id);
  }

  @Post('setup')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Set up a second factor',
    description: 'The password asked again, then a new TOTP secret for the caller, pending until `POST /api/v1/auth/2fa/enable` confirms it with a first code; calling again replaces a pending one.',
  })
  @ApiOkResponse({ type: TwoFactorSetupDto })
  @ApiErrors(400, 401, 409, 413, 415, 429)
  setup(@CurrentActor() actor: Actor, @Body() body: TwoFactorSetupRequestDto) {
    return this.twoFactor.setup(actor.id, body.currentPassword);
  }

  @Post('enable')
  @HttpCode(204)
  @ApiOperation({ summary: 'Turn the second factor on', description: 'Confirms the pending secret with a current code (400 `invalid_totp_code` if wrong). From then on signing in needs a code.' })
  @ApiNoContentResponse({ description: 'Enabled' })
  @ApiErrors(400, 401, 409)
  async enable(@CurrentContext() context: RequestContext, @Body() body: TwoFactorCodeDto): Promise<void> {
    await this.twoFactor.enable(context.actor.id, body.code, context);
  }

  @Post('disable')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Turn the second factor off',
    description: 'Needs a current code. An administrator can also remove it (`PATCH /api/v1/users/{id}` with `twoFactorReset: true`) when the phone is lost.',
  })
  @ApiNoContentResponse({ description: 'Disabled' })
  @ApiErrors(400, 401, 409)
  async disable(@CurrentContext() context: RequestContext, @Body() body: TwoFactorCodeDto): Promise<void> {
    await this.twoFactor.disable(context.actor.id, body.code, context);
  }
}
