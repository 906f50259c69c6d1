// The model as the package promises it: every type, the known names, and the one helper users call. The typed-body
// views (`toLogsResponse`…) stay inside: `response.typedBody` is how users get them.
export type * from './aaa-rule.js';
export * from './actions.js';
export type * from './actor.js';
export type * from './context.js';
export type * from './details.js';
export type * from './details-objects.js';
export * from './entity.js';
export type * from './entity-objects.js';
export * from './known-actions.js';
export * from './limits.js';
export type * from './location.js';
export type * from './logs.js';
export type * from './schemas.js';
export * from './user-ids.js';
