// Type-checks TypeScript blocks of the documentation as separate modules in one compiler program, against the types
// of the built package, as a user's editor would see them.
import { join } from 'node:path';
import ts from 'typescript';

/**
 * The compiler's complaints about each file (blocks already written to disk), by path; a file that compiles has an
 * empty list. `root` is the checkout, whose @types the blocks see.
 */
export function typeCheck(files: readonly string[], root: string): Map<string, string[]> {
  const program = ts.createProgram([...files], {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts'],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
    typeRoots: [join(root, 'node_modules', '@types')],
  });
  const problems = new Map<string, string[]>(files.map((file) => [file, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const path = diagnostic.file?.fileName;
    const list = path === undefined ? undefined : problems.get(path);
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (list === undefined || diagnostic.file === undefined || diagnostic.start === undefined) {
      // A problem outside the blocks (a missing build, a broken declaration) concerns them all.
      for (const other of problems.values()) other.push(text);
      continue;
    }
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    list.push(`line ${line + 1} of the block: ${text}`);
  }
  return problems;
}
