export { type Actor, SYSTEM_ACTOR } from './actor';
export { AuthModule } from './auth.module';
export { AuthService, type LoginResult } from './auth.service';
export { hashPassword } from './password';
export { User } from './user.entity';
export { DEMO_AGENCY, type UserInput, UsersService } from './users.service';
