// Normalising audit entries into the Elastic Common Schema and the Open Cybersecurity Schema Framework.
export type { EcsDocument, EcsEvent, EcsUser, SlackAuditRemainder } from './ecs-document.js';
export {
  ECS_VERSION,
  type EcsEventCategory,
  type EcsEventKind,
  type EcsEventOutcome,
  type EcsEventType,
} from './ecs-schema.js';
export {
  ENTRY_FORMATS,
  type EntryFormat,
  entryFormatter,
  type FormattedEntry,
  formatEntry,
  isEntryFormat,
} from './entry-format.js';
export type {
  OcsfActor,
  OcsfEndpoint,
  OcsfEvent,
  OcsfEvidence,
  OcsfFile,
  OcsfFindingInfo,
  OcsfGroup,
  OcsfHttpRequest,
  OcsfManagedEntity,
  OcsfMetadata,
  OcsfNamed,
  OcsfUser,
} from './ocsf-event.js';
export { OCSF_VERSION } from './ocsf-schema.js';
export { toEcs } from './to-ecs.js';
export { toOcsf } from './to-ocsf.js';
