import { ApiProperty } from '@nestjs/swagger';

export class TwoFactorStatusDto {
  @ApiProperty({ description: 'A second factor is on: signing in needs a code of the authenticator app' })
  enabled!: boolean;

  @ApiProperty({ description: 'A secret was set up and awaits its first code (POST /api/v1/auth/2fa/enable)' })
  pending!: boolean;

  @ApiProperty({ description: 'One of the account’s roles requires a second factor (REQUIRE_2FA_ROLES)' })
  required!: boolean;

  @ApiProperty({ description: 'Required but not enabled yet: every endpoint but enrolment answers 403 `two_factor_required`' })
  setupRequired!: boolean;
}

export class TwoFactorSetupDto {
  @ApiProperty({ example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', description: 'The Base32 secret, for typing into an authenticator app by hand' })
  secret!: string;

  @ApiProperty({
    example: 'otpauth://totp/M%E1%BB%99t%20c%E1%BB%ADa:admin?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=M%E1%BB%99t%20c%E1%BB%ADa&period=30',
    description: 'The same secret as an otpauth:// URI: show it as a QR code for the app to scan',
  })
  otpauthUrl!: string;
}
