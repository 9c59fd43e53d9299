import 'reflect-metadata';
export { ServiceEnv } from './config/service-env';
export { validateServiceEnv, type ServiceDefaults } from './config/validate-service-env';
export { KAFKA, MONGO_CONNECTION, REDIS } from './connections/tokens';
export { RuntimeModule, type RuntimeOptions } from './runtime.module';
export { createServiceApp, listen } from './bootstrap';
