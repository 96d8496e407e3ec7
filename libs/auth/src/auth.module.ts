import { type DynamicModule, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createSecretKey, randomBytes } from 'node:crypto';
import type { AppConfig } from '@app/config';
import { AgenciesModule } from '@app/agencies';
import { AuditModule } from '@app/audit';
import { AuthService } from './auth.service';
import { EndedSession } from './ended-session.entity';
import { LoginLockoutService } from './login-lockout.service';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';
import { TotpService } from './totp.service';
import { TwoFactorService } from './two-factor.service';
import { User } from './user.entity';
import { UsersService } from './users.service';

@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    // Without JWT_SECRET (a development start only) tokens are signed with a per-process secret: they die with the process.
    // A KeyObject: given a string, jsonwebtoken first tries to parse it as a public key on every verification (a third of a request's CPU).
    const secret = createSecretKey(Buffer.from(config.auth.jwtSecret ?? randomBytes(48).toString('base64url')));
    return {
      module: AuthModule,
      imports: [
        AgenciesModule,
        AuditModule,
        TypeOrmModule.forFeature([User, EndedSession]),
        JwtModule.register({ secret: secret as unknown as string, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
      ],
      providers: [AuthService, UsersService, TotpService, TwoFactorService, SessionService, SessionRepository, LoginLockoutService],
      exports: [AuthService, UsersService, TwoFactorService, SessionService, LoginLockoutService],
    };
  }
}
