import type { CommandRegistrar } from '../program.js';
import { registerActionsCommand } from './actions.js';
import { registerCollectCommand } from './collect.js';
import { registerEmulatorCommand } from './emulator.js';
import { registerExportCommand } from './export.js';
import { registerFollowCommand } from './follow.js';
import { registerLogsCommand } from './logs.js';
import { registerSchemasCommand } from './schemas.js';

/** Every command of the binary, in the order --help lists them. */
export const COMMANDS: readonly CommandRegistrar[] = [
  registerLogsCommand,
  registerExportCommand,
  registerFollowCommand,
  registerCollectCommand,
  registerSchemasCommand,
  registerActionsCommand,
  registerEmulatorCommand,
];
