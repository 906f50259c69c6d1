import { accessSync, constants, statSync } from 'node:fs';
import type { ProblemList } from './problems.js';
import type { StartReference } from './read-context.js';

/**
 * Checks what the collector will read at start, without reading it: each variable is set and not empty, each file
 * exists, is a file and may be read by this process.
 */
export function checkStartReferences(
  references: readonly StartReference[],
  problems: ProblemList,
  env: NodeJS.ProcessEnv,
): void {
  for (const reference of references) {
    if (!problems.isSound(reference.path)) continue;
    if (reference.kind === 'env') {
      const value = env[reference.name];
      if (value === undefined || value === '') {
        problems.add({
          path: reference.path,
          problem: `the variable ${reference.name} is ${value === undefined ? 'not set' : 'empty'}`,
          allowed: "a variable set in the collector's environment",
        });
      }
      continue;
    }
    const problem = fileProblem(reference.file);
    if (problem !== undefined) {
      const shown = reference.written === reference.file ? reference.file : `${reference.written} (${reference.file})`;
      problems.add({
        path: reference.path,
        problem: `the file ${shown} ${problem}`,
        allowed: 'a file this process can read',
      });
    }
  }
}

function fileProblem(file: string): string | undefined {
  try {
    if (statSync(file).isDirectory()) return 'is a folder';
    accessSync(file, constants.R_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'does not exist';
    if (code === 'EACCES' || code === 'EPERM') return 'cannot be read by this process (permission denied)';
    return `cannot be read (${code ?? String(error)})`;
  }
}
