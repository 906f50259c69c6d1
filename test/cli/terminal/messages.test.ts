import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createColors } from '../../../src/cli/terminal/color.js';
import { Messages } from '../../../src/cli/terminal/messages.js';
import { captureStream } from '../helpers/capture-io.js';

const TOKEN = 'xoxp-999-888-secretvalue';

function messages(options: { quiet?: boolean; verbose?: boolean } = {}) {
  const stream = captureStream();
  const printer = new Messages({
    stream,
    colors: createColors(false),
    quiet: options.quiet ?? false,
    verbose: options.verbose ?? false,
    secrets: () => [TOKEN],
  });
  return { stream, printer };
}

describe('Messages', () => {
  it('prints a report as an error sentence and a hint', () => {
    const { stream, printer } = messages();
    printer.report({ sentence: 'Slack refused the token.', hint: 'Use an org owner token.', exitCode: 1 });
    assert.equal(stream.text(), 'error: Slack refused the token.\nhint: Use an org owner token.\n');
  });

  it('adds the stack trace only under --verbose', () => {
    const quiet = messages();
    quiet.printer.report({ sentence: 'Failed.', hint: undefined, exitCode: 1 }, new Error('boom'));
    assert.doesNotMatch(quiet.stream.text(), /at /);
    const verbose = messages({ verbose: true });
    verbose.printer.report({ sentence: 'Failed.', hint: undefined, exitCode: 1 }, new Error('boom'));
    assert.match(verbose.stream.text(), /Error: boom\n\s+at /);
  });

  it('never prints the token, even inside debug objects or stacks', () => {
    const { stream, printer } = messages({ verbose: true });
    printer.debug('request', { headers: { authorization: `Bearer ${TOKEN}` } });
    printer.report({ sentence: `bad ${TOKEN}`, hint: undefined, exitCode: 1 }, new Error(`with ${TOKEN}`));
    assert.ok(!stream.text().includes(TOKEN));
    assert.match(stream.text(), /REDACTED/);
  });

  it('drops info lines under --quiet but keeps warnings', () => {
    const { stream, printer } = messages({ quiet: true });
    printer.info('progress');
    printer.warn('careful');
    assert.equal(stream.text(), 'warning: careful\n');
  });

  it('prints debug lines only under --verbose', () => {
    const { stream, printer } = messages();
    printer.debug('hidden');
    assert.equal(stream.text(), '');
  });
});
