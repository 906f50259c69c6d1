// The local Audit Logs API emulator: `import { startEmulator } from 'slack-audit-logs/emulator'`.
export { type EmulatorCommandIo, type RunEmulatorCommandOptions, runEmulatorCommand } from './command.js';
export type { EmulatorOrg, EnterpriseIdentity, ListEntriesOptions, OrgAccess } from './emulated-org.js';
export { type Emulator, startEmulator } from './emulator.js';
export { FAULT_KINDS, type FaultKind, type FaultProbabilities, type ScriptedFault } from './faults.js';
export type { IngestDelayRange } from './ingest-delay.js';
export { EmulatorListenError } from './listen.js';
export { DEFAULT_LIMIT, DEFAULT_TOKEN, type EmulatorOptions, type ForbiddenTokenError, MAX_ORGS } from './options.js';
export type { EmulatorStats } from './request-counters.js';
export type { RecordedRequest } from './request-log.js';
