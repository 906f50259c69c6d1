// Links between the documentation's pages must lead somewhere: every relative link names a file that exists and, when
// it has one, a heading of that file (as GitHub makes anchors of headings); the README links every page of docs/.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { docFiles } from './doc-blocks.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The lines of a Markdown file, those of fenced blocks (fences included) left empty. */
function outsideFences(file: string): string[] {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  let fence: string | undefined;
  return lines.map((line) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === undefined && marker) {
      fence = marker;
      return '';
    }
    if (fence !== undefined && marker?.startsWith(fence)) fence = undefined;
    return fence === undefined && !marker ? line : '';
  });
}

/** The text of a Markdown file outside fenced blocks and inline code, line by line. */
function prose(file: string): string[] {
  return outsideFences(file).map((line) => line.replace(/`[^`]*`/g, '``'));
}

/** The anchors GitHub gives the headings of a Markdown file. */
function anchorsOf(file: string): Set<string> {
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  for (const line of outsideFences(file)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const slug = heading
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const seen = counts.get(slug) ?? 0;
    counts.set(slug, seen + 1);
    anchors.add(seen === 0 ? slug : `${slug}-${seen}`);
  }
  return anchors;
}

test('every relative link of the documentation leads to a file and heading that exist', () => {
  const broken: string[] = [];
  for (const file of docFiles(ROOT)) {
    prose(file).forEach((line, index) => {
      for (const [, target = ''] of line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        if (/^[a-z]+:/i.test(target)) continue;
        const [path = '', anchor] = target.split('#');
        const linked = path === '' ? file : normalize(join(dirname(file), path));
        const where = `${file}:${index + 1}: ${target}`;
        if (!existsSync(join(ROOT, linked))) broken.push(`${where} (no such file)`);
        else if (anchor !== undefined && linked.endsWith('.md') && !anchorsOf(linked).has(anchor)) {
          broken.push(`${where} (no such heading in ${linked})`);
        }
      }
    });
  }
  assert.deepEqual(broken, []);
});

test('the README links every page of docs/, the changelog and the performance write-up', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const pages = readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  for (const page of [...pages, 'CHANGELOG.md', 'bench/README.md']) {
    assert.ok(readme.includes(`](${page})`) || readme.includes(`](${page}#`), `README.md links ${page}`);
  }
});
