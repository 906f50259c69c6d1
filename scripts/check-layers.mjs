// Fails when src/ has an import cycle or an import that goes up the layers: http, retry, client, paginate, stream,
// collector, CLI look only down; sinks and state stores sit below the collector; the CLI uses only the public surface
// (src/index.ts and the subpath entries src/emulator, src/collector and src/ops index.ts); the emulator shares only the
// model and the clock with the library.
// Usage: node scripts/check-layers.mjs [SRC_DIR]   (part of `npm run lint`; SRC_DIR defaults to src/)
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'src'));
const root = dirname(src);

/** The rank of each top-level part of src/: a file may import files of its own rank or lower. */
const RANKS = {
  // The foundation: the model, time, errors and the small helpers everything uses.
  model: 0,
  time: 0,
  types: 0,
  'version.ts': 0,
  internal: 0,
  'errors.ts': 0,
  'response.ts': 0,
  http: 2,
  normalise: 2,
  retry: 3,
  ratelimit: 3,
  // The client offers paginate() and entries() as conveniences over paginate/, which is built on the client's types.
  client: 4,
  paginate: 4,
  state: 6,
  sinks: 6,
  stream: 7,
  collector: 8,
  // Metrics, health and the status page observe the collector; the CLI composes the two.
  ops: 9,
  'index.ts': 10,
  emulator: 11,
  cli: 12,
};

/** Parts that may import only these, whatever their rank. */
const ONLY = {
  cli: ['cli', 'index.ts', 'emulator/index.ts', 'collector/index.ts', 'ops/index.ts'],
  emulator: ['emulator', 'model', 'time', 'types', 'version.ts'],
};

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function listFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(dir, name));
}

/** `cli`, `errors.ts`, … : the top-level part a file belongs to. */
function partOf(file) {
  return relative(src, file).split('/')[0];
}

function allowedByOnly(fromPart, target) {
  const list = ONLY[fromPart];
  if (!list) return true;
  const rel = relative(src, target);
  return list.some((entry) => rel === entry || rel.startsWith(`${entry}/`));
}

const files = listFiles(src);
const graph = new Map();
const problems = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const targets = [];
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2];
    const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
    targets.push(target);
    const from = partOf(file);
    const to = partOf(target);
    if (!(from in RANKS) || !(to in RANKS)) {
      problems.push(
        `${relative(root, file)}: ${!(from in RANKS) ? from : to} has no layer in scripts/check-layers.mjs`,
      );
      continue;
    }
    if (!allowedByOnly(from, target)) {
      problems.push(
        `${relative(root, file)} imports ${relative(root, target)}: ${from}/ may import only ${ONLY[from].join(', ')}`,
      );
    } else if (RANKS[to] > RANKS[from] && !ONLY[from]) {
      problems.push(
        `${relative(root, file)} imports ${relative(root, target)}: ${from} must not import the higher layer ${to}`,
      );
    }
  }
  graph.set(file, targets);
}

// Tarjan's strongly connected components: any component of more than one file is a cycle.
let index = 0;
const indices = new Map();
const lowLinks = new Map();
const stack = [];
const onStack = new Set();
function visit(node) {
  indices.set(node, index);
  lowLinks.set(node, index);
  index++;
  stack.push(node);
  onStack.add(node);
  for (const next of graph.get(node) ?? []) {
    if (!graph.has(next)) continue;
    if (!indices.has(next)) {
      visit(next);
      lowLinks.set(node, Math.min(lowLinks.get(node), lowLinks.get(next)));
    } else if (onStack.has(next)) {
      lowLinks.set(node, Math.min(lowLinks.get(node), indices.get(next)));
    }
  }
  if (lowLinks.get(node) === indices.get(node)) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) {
      problems.push(`import cycle: ${component.map((file) => relative(root, file)).join(' -> ')}`);
    }
  }
}
for (const file of graph.keys()) if (!indices.has(file)) visit(file);

if (problems.length > 0) {
  console.error(`${problems.length} layering problem(s):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`layers: ${files.length} files, no cycle, no import up the layers`);
