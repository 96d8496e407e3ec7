import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { AuthService } from '@app/auth';
import { LoginResponseDto } from './admin.responses';
import { ApiErrors } from './api-error.dto';
import { Public } from './auth.decorators';

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
}

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Throttled per client address against password guessing (LOGIN_RATE_LIMIT_PER_MINUTE). */
  @Post('login')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in',
    description:
      'Trades a username and password for a bearer token. Every failure (unknown user, wrong password, inactive account) is the same 401 ' +
      '`invalid_credentials`. Limited per client address (LOGIN_RATE_LIMIT_PER_MINUTE).',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors(400, 401, 413, 415, 429)
  login(@Body() body: LoginDto) {
    return this.auth.login(body.username, body.password);
  }
}
