import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/** Collects a child's stdout and stderr as text while it runs; read the fields once it has closed. */
export function collectOutput(child: ChildProcessByStdio<Writable | null, Readable, Readable>): {
  stdout: string;
  stderr: string;
} {
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output.stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output.stderr += chunk;
  });
  return output;
}
