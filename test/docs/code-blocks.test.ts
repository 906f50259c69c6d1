// The documentation's code runs here, so that it cannot rot. Conventions, in README.md, docs/*.md, bench/README.md
// and CHANGELOG.md (a mark is an HTML comment alone on the line right before a fence, so readers never see it):
//
// - `<!-- runnable -->` before a ```ts block: a complete program. It is type-checked against the built package's
//   types (strict), then run with `node --import tsx` from a scratch folder whose node_modules/slack-audit-logs links
//   to this checkout, so `import … from 'slack-audit-logs'` (and 'slack-audit-logs/emulator') load the build, as a
//   user's would (`npm run build` first; `npm test` does). It must exit 0 within RUN_TIMEOUT_MS. Its environment holds
//   SLACK_AUDIT_LOGS_BASE_URL and SLACK_AUDIT_TOKEN, the variables the CLI reads, set to an emulator started here; a
//   block reads them as a real program would, with Slack's URL as the default when they are unset. Each block runs in
//   a folder of its own, so files it writes cannot meet another's.
// - `<!-- runnable: until SIGINT -->` before a ```ts block: a program that runs until it is stopped (a follow). The
//   test sends SIGINT once it has printed its first line, and it must then exit 0.
// - `<!-- output -->` before the block that follows a runnable one: what the program prints, compared exactly.
// - `<!-- transcript -->` before a ```console block: each `$ slack-audit-logs …` line (optionally after VAR=value
//   settings) runs through the CLI in-process with the same environment; what it prints (stdout, then stderr) must be
//   the lines up to the next `$`, and `$ echo $?` checks its exit code. Keep transcripts to output that does not
//   depend on the clock or on generated data: usage errors and refusals.
// - A ```ts block without a mark is a fragment. A fragment that compiles on its own is a complete program left
//   unmarked, and fails the test: mark it runnable.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCli } from '../../src/cli/run.js';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { captureIo } from '../cli/helpers/capture-io.js';
import { assertBuildIsFresh } from '../cli/helpers/cli-process.js';
import { type DocBlock, docFiles, readBlocks, TYPESCRIPT_LANGS, whereIs } from './doc-blocks.js';
import { typeCheck } from './typecheck-blocks.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The longest a runnable block may take, start-up included. */
const RUN_TIMEOUT_MS = 15_000;
/** `--import` value that loads tsx from this checkout, wherever the program runs. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

const blocks = docFiles(ROOT).flatMap((file) => readBlocks(ROOT, file));
const programs = blocks.filter((block) => block.mark === 'runnable' || block.mark === 'runnable-until-sigint');
const fragments = blocks.filter((block) => block.mark === undefined && TYPESCRIPT_LANGS.has(block.lang));
const transcripts = blocks.filter((block) => block.mark === 'transcript');

/** The file a block is written to, inside the scratch folder. */
function fileOf(scratch: string, block: DocBlock): string {
  return join(scratch, 'blocks', `${block.file.replace(/[^\w]+/g, '-')}-${block.line}.ts`);
}

describe('the documentation', { concurrency: 8 }, () => {
  let scratch: string;
  let emulator: Emulator;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    // The blocks import the build, as users do: it must be there and newer than src/.
    assertBuildIsFresh();
    scratch = mkdtempSync(join(tmpdir(), 'sal-docs-'));
    mkdirSync(join(scratch, 'node_modules'));
    symlinkSync(ROOT, join(scratch, 'node_modules', 'slack-audit-logs'), 'dir');
    mkdirSync(join(scratch, 'blocks'));
    // Modules, so top-level await works and no two blocks share a scope.
    writeFileSync(join(scratch, 'blocks', 'package.json'), '{ "type": "module" }\n');
    for (const block of [...programs, ...fragments]) {
      writeFileSync(fileOf(scratch, block), `${block.code}\n\nexport {};\n`);
    }
    emulator = await startEmulator({
      seed: 42,
      entries: 5000,
      days: 30,
      rateLimit: false,
      eventsPerMinute: 120,
      ingestDelay: { minSeconds: 0, maxSeconds: 5 },
    });
    env = { ...process.env, SLACK_AUDIT_LOGS_BASE_URL: emulator.url, SLACK_AUDIT_TOKEN: emulator.token, NO_COLOR: '1' };
    for (const name of ['SLACK_ORG_ADMIN_USER_TOKEN', 'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']) {
      delete env[name];
    }
  });

  after(async () => {
    await emulator?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  test('the README starts with the two commands a newcomer runs, and package.json has both scripts', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n');
    const first = readBlocks(ROOT, 'README.md')[0];
    assert.ok(first && first.line <= 5, 'the first block of the README comes right after its title');
    const commands = first.code.split('\n').map((line) => line.replace(/\s+#.*$/, ''));
    assert.deepEqual(commands, ['npm ci && npm run demo', 'npm ci && npm test'], readme.slice(0, 8).join('\n'));
    const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
    assert.ok(scripts.demo && scripts.test, 'npm run demo and npm test exist');
  });

  test('every runnable block is TypeScript and type-checks; every unmarked TypeScript block is a fragment', () => {
    const failures: string[] = [];
    for (const block of programs) {
      if (!TYPESCRIPT_LANGS.has(block.lang)) failures.push(`${whereIs(block)}: a runnable block must be a ts block`);
    }
    const problems = typeCheck(
      [...programs, ...fragments].map((block) => fileOf(scratch, block)),
      ROOT,
    );
    for (const block of programs) {
      const found = problems.get(fileOf(scratch, block)) ?? [];
      if (found.length > 0) failures.push(`${whereIs(block)} does not type-check:\n  ${found.join('\n  ')}`);
    }
    for (const block of fragments) {
      if ((problems.get(fileOf(scratch, block)) ?? []).length === 0) {
        failures.push(`${whereIs(block)} compiles on its own: it is a complete program, mark it <!-- runnable -->`);
      }
    }
    assert.deepEqual(failures, []);
  });

  for (const block of programs) {
    test(`${whereIs(block)} runs${block.output ? ' and prints what the docs show' : ''}`, async () => {
      const cwd = mkdtempSync(join(scratch, 'run-'));
      const run = await runProgram(fileOf(scratch, block), cwd, env, block.mark === 'runnable-until-sigint');
      const report = `${whereIs(block)}: ${run.timedOut ? `still running after ${RUN_TIMEOUT_MS} ms` : `exited with ${run.code ?? run.signal}`}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
      assert.ok(!run.timedOut && run.code === 0, report);
      if (block.output) {
        assert.equal(run.stdout.trimEnd(), block.output.code.trimEnd(), `${whereIs(block.output)}: the output shown`);
      }
    });
  }

  for (const block of transcripts) {
    test(`${whereIs(block)}: the CLI prints what the transcript shows`, async () => {
      let lastCode: number | undefined;
      for (const step of transcriptSteps(block)) {
        if (step.command === 'echo $?') {
          assert.equal(String(lastCode), step.expected.join('\n'), `${whereIs(block)}: exit code of the step before`);
          continue;
        }
        const { vars, args } = commandLine(step.command, block);
        const io = captureIo({ env: { ...env, ...vars } });
        lastCode = await runCli(args, { io });
        const printed = `${io.stdout.text()}${io.stderr.text()}`.trimEnd().split('\n');
        assert.deepEqual(
          printed.map((line) => line.trimEnd()),
          step.expected.map((line) => line.trimEnd()),
          `${whereIs(block)}: $ ${step.command}`,
        );
      }
    });
  }
});

/** What a finished (or stopped) program left. */
interface ProgramRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs one block's file with tsx; with `untilSigint`, interrupts it once it has printed a line. */
function runProgram(file: string, cwd: string, env: NodeJS.ProcessEnv, untilSigint: boolean): Promise<ProgramRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', TSX, file], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (untilSigint && stdout.includes('\n') && child.exitCode === null && !child.killed) child.kill('SIGINT');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, RUN_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/** One `$ command` of a transcript and the lines shown after it. */
interface TranscriptStep {
  command: string;
  expected: string[];
}

function transcriptSteps(block: DocBlock): TranscriptStep[] {
  const steps: TranscriptStep[] = [];
  for (const line of block.code.split('\n')) {
    if (line.startsWith('$ ')) steps.push({ command: line.slice(2).trim(), expected: [] });
    else if (steps.length === 0) assert.fail(`${whereIs(block)}: a transcript starts with a $ line`);
    else steps.at(-1)?.expected.push(line);
  }
  for (const step of steps) {
    while (step.expected.at(-1)?.trim() === '') step.expected.pop();
  }
  return steps;
}

/** `VAR=value slack-audit-logs args…`, split as a shell would (quotes, no expansions). */
function commandLine(command: string, block: DocBlock): { vars: Record<string, string>; args: string[] } {
  const words = [...command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
  const vars: Record<string, string> = {};
  while (words[0] !== undefined && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) {
    const [name = '', ...value] = (words.shift() ?? '').split('=');
    vars[name] = value.join('=');
  }
  assert.equal(
    words.shift(),
    'slack-audit-logs',
    `${whereIs(block)}: transcripts run slack-audit-logs only: ${command}`,
  );
  assert.ok(
    !/[|<>;&`$]/.test(words.join(' ')),
    `${whereIs(block)}: no pipes or shell syntax in a transcript: ${command}`,
  );
  return { vars, args: words };
}
