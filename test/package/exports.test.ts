import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, resolve } from 'node:path';
import { after, before, test } from 'node:test';

// These tests load the built package (npm test builds first), the way users will.
const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  repository?: { type: string; url: string };
  homepage?: string;
  bugs?: { url: string };
};

function node(cwd: string, args: string[]): string {
  return execFileSync(process.execPath, args, { cwd, encoding: 'utf8' }).trim();
}

const esmCheck = `import('slack-audit-logs').then((m) => console.log(typeof m.AuditLogsClient, typeof m.AuditLogsApiError, m.VERSION))`;
const cjsCheck = `const m = require('slack-audit-logs'); console.log(typeof m.AuditLogsClient, typeof m.AuditLogsApiError, m.VERSION)`;
const expected = `function function ${pkg.version}`;

test('the build loads through import and through require', () => {
  assert.equal(node(root, ['--input-type=module', '-e', esmCheck]), expected);
  assert.equal(node(root, ['--input-type=commonjs', '-e', cjsCheck]), expected);
});

test('the CommonJS build is CommonJS and the ESM build is ESM, with types beside each', () => {
  const cjsIndex = readFileSync(join(root, 'dist/cjs/index.js'), 'utf8');
  assert.match(cjsIndex, /exports\./);
  assert.equal(JSON.parse(readFileSync(join(root, 'dist/cjs/package.json'), 'utf8')).type, 'commonjs');
  assert.match(readFileSync(join(root, 'dist/esm/index.js'), 'utf8'), /^export /m);
  for (const types of ['dist/esm/index.d.ts', 'dist/cjs/index.d.ts']) {
    assert.match(readFileSync(join(root, types), 'utf8'), /AuditLogsClient/);
  }
});

let scratch: string;
let files: string[];
before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'sal-pack-'));
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, npm_config_ignore_scripts: 'true' },
  });
  const [packed] = JSON.parse(output) as Array<{ filename: string; files: Array<{ path: string }> }>;
  assert.ok(packed);
  files = packed.files.map((file) => file.path);
  // A scratch project with the tarball unpacked as its dependency; the package's own dependencies come from our
  // install so the test needs no network.
  const modules = join(scratch, 'project/node_modules');
  mkdirSync(join(modules, pkg.name), { recursive: true });
  execFileSync('tar', ['-xzf', join(scratch, packed.filename), '-C', join(modules, pkg.name), '--strip-components=1']);
  for (const dependency of Object.keys(pkg.dependencies)) {
    mkdirSync(dirname(join(modules, dependency)), { recursive: true });
    symlinkSync(join(root, 'node_modules', dependency), join(modules, dependency));
  }
  writeFileSync(join(scratch, 'project/package.json'), '{ "name": "scratch", "private": true }\n');
});
after(() => rmSync(scratch, { recursive: true, force: true }));

/** What the package holds besides dist/: the documentation its README links to, the changelog and the licence. */
const PACKED_DOCUMENTS = ['README.md', 'CHANGELOG.md', 'LICENSE', 'package.json', 'bench/README.md'];

test('npm pack holds the build, types, README, docs, changelog, LICENSE and package.json, and nothing else', () => {
  for (const file of files) {
    assert.ok(
      file.startsWith('dist/') || /^docs\/[\w-]+\.md$/.test(file) || PACKED_DOCUMENTS.includes(file),
      `unexpected file in the package: ${file}`,
    );
  }
  for (const needed of [...PACKED_DOCUMENTS, 'docs/cli.md', 'dist/esm/index.js', 'dist/esm/index.d.ts']) {
    assert.ok(files.includes(needed), `${needed} is packed`);
  }
  assert.ok(
    files.includes('dist/cjs/index.js') &&
      files.includes('dist/cjs/index.d.ts') &&
      files.includes('dist/cjs/package.json'),
  );
  assert.ok(!files.some((file) => file.startsWith('src/') || file.startsWith('test/')));
});

test('every relative link of the packed Markdown files leads to a packed file', () => {
  const broken: string[] = [];
  for (const file of files.filter((path) => path.endsWith('.md'))) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const [, target = ''] of text.matchAll(/\]\(([^)\s#]+)[^)]*\)/g)) {
      if (/^[a-z]+:/i.test(target)) continue;
      const linked = normalize(join(dirname(file), target));
      if (!files.includes(linked)) broken.push(`${file}: ${target}`);
    }
  }
  assert.deepEqual(broken, []);
});

test('package.json names the repository, and its home page and issues are on it, for npmjs.com', () => {
  const { repository, homepage, bugs } = pkg;
  assert.deepEqual(repository, { type: 'git', url: 'git+https://github.com/slack-audit-logs/slack-audit-logs.git' });
  const web = repository?.url.replace(/^git\+/, '').replace(/\.git$/, '');
  assert.equal(homepage, `${web}#readme`);
  assert.deepEqual(bugs, { url: `${web}/issues` });
});

test('the packed tarball loads from ESM and CommonJS in a scratch project', () => {
  const project = join(scratch, 'project');
  assert.equal(node(project, ['--input-type=module', '-e', esmCheck]), expected);
  assert.equal(node(project, ['--input-type=commonjs', '-e', cjsCheck]), expected);
});

test('the collector and ops subpaths load from ESM and CommonJS', () => {
  const project = join(scratch, 'project');
  const esm = `Promise.all([import('slack-audit-logs/collector'), import('slack-audit-logs/ops')]).then(([c, o]) => console.log(typeof c.Collector, typeof c.loadCollectorConfig, typeof o.startOpsServer))`;
  const cjs = `const c = require('slack-audit-logs/collector'); const o = require('slack-audit-logs/ops'); console.log(typeof c.Collector, typeof c.loadCollectorConfig, typeof o.startOpsServer)`;
  assert.equal(node(project, ['--input-type=module', '-e', esm]), 'function function function');
  assert.equal(node(project, ['--input-type=commonjs', '-e', cjs]), 'function function function');
});

test('importing the client loads none of what only the collector needs', () => {
  const project = join(scratch, 'project');
  const check = `require('slack-audit-logs'); const loaded = Object.keys(require.cache).filter((p) => /node_modules\\/(ajv|yaml|pino|prom-client|pg)\\//.test(p)); console.log(JSON.stringify(loaded))`;
  assert.equal(node(project, ['--input-type=commonjs', '-e', check]), '[]');
});
