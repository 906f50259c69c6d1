// Reads the fenced blocks of the documentation and the marks that say what the docs test does with them; the
// conventions are described at the top of code-blocks.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What a mark before a fenced block asks for. */
export type BlockMark = 'runnable' | 'runnable-until-sigint' | 'output' | 'transcript';

/** One fenced block of a Markdown file. */
export interface DocBlock {
  /** The file, relative to the repository root: `docs/client.md`. */
  file: string;
  /** The line of the opening fence, from 1. */
  line: number;
  /** The fence's language: `ts`, `sh`, `console`… (empty when none). */
  lang: string;
  /** The lines between the fences, joined. */
  code: string;
  /** The mark on the line before the fence, if any. */
  mark: BlockMark | undefined;
  /** For a runnable block: the `<!-- output -->` block that follows it. */
  output?: DocBlock;
}

const MARKS: Readonly<Record<string, BlockMark>> = {
  '<!-- runnable -->': 'runnable',
  '<!-- runnable: until SIGINT -->': 'runnable-until-sigint',
  '<!-- output -->': 'output',
  '<!-- transcript -->': 'transcript',
};

/** The languages whose blocks are TypeScript programs or fragments. */
export const TYPESCRIPT_LANGS: ReadonlySet<string> = new Set(['ts', 'typescript']);

/** README.md, CHANGELOG.md, bench/README.md and every docs/*.md, relative to `root`. */
export function docFiles(root: string): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => join('docs', name));
  return ['README.md', ...docs, join('bench', 'README.md'), 'CHANGELOG.md'];
}

/**
 * The fenced blocks of a Markdown file, with their marks. An unknown `<!-- … -->` line right before a fence is an
 * error rather than a silently skipped block, and so is an output mark that does not follow a runnable block.
 */
export function readBlocks(root: string, file: string): DocBlock[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i] ?? '');
    if (!open) continue;
    const [, indent = '', fence = '```', lang = ''] = open;
    const start = i;
    const body: string[] = [];
    for (i += 1; i < lines.length && !(lines[i] ?? '').trim().startsWith(fence); i++) {
      body.push((lines[i] ?? '').startsWith(indent) ? (lines[i] ?? '').slice(indent.length) : (lines[i] ?? ''));
    }
    const before = (lines[start - 1] ?? '').trim();
    const mark = markOf(before, file, start);
    const block: DocBlock = {
      file: relative(root, join(root, file)),
      line: start + 1,
      lang,
      code: body.join('\n'),
      mark,
    };
    if (mark === 'output') {
      const previous = blocks.at(-1);
      if (!previous?.mark?.startsWith('runnable')) {
        throw new Error(`${file}:${start + 1}: <!-- output --> must follow a runnable block`);
      }
      previous.output = block;
    }
    blocks.push(block);
  }
  return blocks;
}

function markOf(line: string, file: string, index: number): BlockMark | undefined {
  if (!line.startsWith('<!--')) return undefined;
  const mark = MARKS[line];
  if (mark === undefined) {
    throw new Error(`${file}:${index}: unknown mark ${line}; known: ${Object.keys(MARKS).join(', ')}`);
  }
  return mark;
}

/** `docs/client.md:42`: where a block is, as the failures name it. */
export function whereIs(block: Pick<DocBlock, 'file' | 'line'>): string {
  return `${block.file}:${block.line}`;
}
