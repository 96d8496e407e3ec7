export { ApiModule, type ApiModuleOptions } from './api.module';
export { createApi, setupApi } from './create-api';
