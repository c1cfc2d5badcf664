export * from './errors';
export * from './common';
export * from './catalog';
export * from './customers';
export * from './sales';
export * from './register-api';
export * from './sync-events';
export * from './sync-api';
