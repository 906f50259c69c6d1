export type * from './actions.js';
export * from './known-actions.js';
export type * from './logs.js';
export type * from './schemas.js';
