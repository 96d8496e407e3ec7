export { AppConfig, ConfigError, loadConfig, type LogLevel } from './app-config';
export { Clock, FixedClock } from './clock';
export { ConfigModule } from './config.module';
