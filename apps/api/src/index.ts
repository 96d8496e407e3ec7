export { ApiModule } from './api.module';
export { createApi, setupApi } from './create-api';
