import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { AuthService, type Session, SessionService } from '@app/auth';
import { LoginResponseDto, TokenResponseDto } from './admin.responses';
import { ApiErrors } from './api-error.dto';
import { ALL_ROLES, CurrentSession, DuringTwoFactorSetup, Public, Roles } from './auth.decorators';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { CurrentOrigin, type RequestOrigin } from './request-context';

class LoginDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'reception' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  username!: string;

  @ApiProperty({ format: 'password', writeOnly: true, minLength: 1, maxLength: 200, example: 'demo' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;

  @ApiPropertyOptional({ pattern: '^[0-9]{6}$', example: '123456', description: 'The current code of the authenticator app; required once the account has a second factor (else 401 `totp_required`)' })
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'must be the 6 digits of the authenticator app' })
  totpCode?: string;
}

class LogoutDto {
  @ApiPropertyOptional({ description: 'true: end every session of the account (all devices and tabs), not only this one (default false)' })
  @IsOptional()
  @IsBoolean()
  everywhere?: boolean;
}

class ChangePasswordDto {
  @ApiProperty({ format: 'password', writeOnly: true, minLength: 1, maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword!: string;

  @ApiProperty({ format: 'password', writeOnly: true, minLength: 1, maxLength: 200, description: 'Checked by the password policy (400 naming `newPassword`)' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  newPassword!: string;
}

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
  ) {}

  /** Throttled per client address and network (LOGIN_RATE_LIMIT_PER_MINUTE, LOGIN_NETWORK_RATE_LIMIT_PER_MINUTE), and per username (the lockout). */
  @Post('login')
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in',
    description:
      'Trades a username and password for a bearer token. Every failure (unknown user, wrong password, inactive account) is the same 401 ' +
      '`invalid_credentials`. Limited per client address (LOGIN_RATE_LIMIT_PER_MINUTE) and per /24 or /64 network (LOGIN_NETWORK_RATE_LIMIT_PER_MINUTE); ' +
      'after LOGIN_LOCKOUT_FAILURES failures a username, existing or not, is refused with 429 for a minute, then 2, 4, 8 up to 15. ' +
      'The token expires after `expiresIn` seconds without a refresh (the idle timeout). An account with a second factor, once the password is right: ' +
      'no `totpCode` is 401 `totp_required`, a wrong or already used one 401 `invalid_totp`.',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors(400, 401, 413, 415, 429)
  login(@Body() body: LoginDto, @CurrentOrigin() origin: RequestOrigin) {
    return this.auth.login(body.username, body.password, body.totpCode, origin);
  }

  @Post('logout')
  @ApiBearerAuth()
  @Roles(...ALL_ROLES)
  @DuringTwoFactorSetup()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Sign out',
    description:
      'Ends the caller’s session at once on every API process: its tokens (the one sent and those refreshed from the same sign-in) answer 401 from now on. ' +
      '`everywhere: true` ends every session of the account.',
  })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiErrors(400, 401, 413, 415)
  async logout(@CurrentSession() session: Session, @Body() body: LogoutDto, @CurrentOrigin() origin: RequestOrigin): Promise<void> {
    await this.sessions.end(session, body.everywhere ?? false, origin);
  }

  @Post('refresh')
  @ApiBearerAuth()
  @Roles(...ALL_ROLES)
  @DuringTwoFactorSetup()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Refresh the token',
    description:
      'A new token of the same session for a still valid one, so an officer at work is never asked to sign in again; an expired token cannot be refreshed ' +
      '(the idle timeout, JWT_TTL_MINUTES), nor a session past SESSION_MAX_HOURS since the password was typed (401).',
  })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiErrors(400, 401, 413, 415)
  refresh(@CurrentSession() session: Session) {
    return this.sessions.refresh(session);
  }

  @Post('password')
  @ApiBearerAuth()
  @Roles(...ALL_ROLES)
  @DuringTwoFactorSetup()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Change my password',
    description:
      'The caller’s own new password, after the current one (a wrong one is 400 naming `currentPassword`, and counts as a failed login of the username). ' +
      'Every other token of the account ends at once; this session goes on with the token returned.',
  })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiErrors(400, 401, 413, 415, 429)
  changePassword(@CurrentSession() session: Session, @Body() body: ChangePasswordDto, @CurrentOrigin() origin: RequestOrigin) {
    return this.sessions.changePassword(session, body.currentPassword, body.newPassword, origin);
  }
}
