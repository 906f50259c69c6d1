// What the generators under scripts/ share: where the recorded data lives, and formatting their output so the
// committed files pass the lint.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The shared data folder: the first command-line argument, else `../shared/data` beside the repository (or one
 * level further up).
 */
export function sharedDataDir(argv = process.argv) {
  const dir = argv[2] ?? [join(root, '../shared/data'), join(root, '../../shared/data')].find((d) => existsSync(d));
  if (!dir) throw new Error('shared data folder not found: pass its path as the first argument');
  return dir;
}

/** Formats generated files with the project's biome, run through Node so it works on every platform. */
export function formatWithBiome(files) {
  const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
  execFileSync(process.execPath, [biome, 'format', '--write', ...files], { cwd: root, stdio: 'inherit' });
}
