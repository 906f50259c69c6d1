import type { CommandRegistrar } from '../program.js';

/** Every command of the binary, in the order --help lists them. */
export const COMMANDS: readonly CommandRegistrar[] = [];
