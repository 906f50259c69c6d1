import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { CliError, CliUsageError, ExitCode } from '../../src/cli/cli-errors.js';
import { findToken, requireToken } from '../../src/cli/token.js';

const TOKEN = 'xoxp-1234-5678-abcdef';
const noStdin = () => Readable.from([]);

describe('findToken', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'token-test-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads SLACK_AUDIT_TOKEN first, then SLACK_ORG_ADMIN_USER_TOKEN', async () => {
    assert.equal(
      await findToken({
        env: { SLACK_AUDIT_TOKEN: TOKEN, SLACK_ORG_ADMIN_USER_TOKEN: 'xoxp-other' },
        stdin: noStdin(),
      }),
      TOKEN,
    );
    assert.equal(await findToken({ env: { SLACK_ORG_ADMIN_USER_TOKEN: TOKEN }, stdin: noStdin() }), TOKEN);
  });

  it('returns undefined when nothing is configured', async () => {
    assert.equal(await findToken({ env: {}, stdin: noStdin() }), undefined);
  });

  it('prefers --token-file over the environment and trims the trailing newline', async () => {
    const file = join(dir, 'token');
    await writeFile(file, `  ${TOKEN}\n`);
    assert.equal(await findToken({ tokenFile: file, env: { SLACK_AUDIT_TOKEN: 'xoxp-env' }, stdin: noStdin() }), TOKEN);
  });

  it('reads standard input for --token-file -', async () => {
    const stdin = Readable.from([Buffer.from(`${TOKEN}\n`)]);
    assert.equal(await findToken({ tokenFile: '-', env: {}, stdin }), TOKEN);
  });

  it('refuses an empty token as a usage error', async () => {
    await assert.rejects(findToken({ env: { SLACK_AUDIT_TOKEN: '  \n' }, stdin: noStdin() }), (error: unknown) => {
      assert.ok(error instanceof CliUsageError);
      assert.equal(error.exitCode, ExitCode.usage);
      assert.match(error.message, /SLACK_AUDIT_TOKEN is empty/);
      return true;
    });
    await assert.rejects(findToken({ tokenFile: '-', env: {}, stdin: noStdin() }), /standard input is empty/);
  });

  it('refuses a file with more than the token without echoing its content', async () => {
    const file = join(dir, 'two-lines');
    await writeFile(file, `${TOKEN}\nxoxp-second\n`);
    await assert.rejects(findToken({ tokenFile: file, env: {}, stdin: noStdin() }), (error: unknown) => {
      assert.ok(error instanceof CliUsageError);
      assert.doesNotMatch(`${error.message} ${error.hint}`, /xoxp-1234|xoxp-second/);
      return true;
    });
  });

  it('explains an unreadable token file as a runtime error', async () => {
    await assert.rejects(
      findToken({ tokenFile: join(dir, 'missing'), env: {}, stdin: noStdin() }),
      (error: unknown) => {
        assert.ok(error instanceof CliError);
        assert.equal(error.exitCode, ExitCode.runtime);
        assert.match(error.message, /Cannot read the token file .*missing \(ENOENT\)/);
        return true;
      },
    );
  });
});

describe('requireToken', () => {
  it('is a usage error naming both variables and --token-file when no token is configured', async () => {
    const token = await findToken({ env: {}, stdin: noStdin() });
    assert.throws(
      () => requireToken(token),
      (error: unknown) => {
        assert.ok(error instanceof CliUsageError);
        assert.match(error.hint ?? '', /SLACK_AUDIT_TOKEN/);
        assert.match(error.hint ?? '', /SLACK_ORG_ADMIN_USER_TOKEN/);
        assert.match(error.hint ?? '', /--token-file/);
        return true;
      },
    );
  });
});
