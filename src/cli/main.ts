#!/usr/bin/env node
// The slack-audit-logs binary: runs one command line and exits with its code.
import { runCli } from './run.js';
import { interruptOnSignals } from './signals.js';

// A reader that goes away (`| head`) is not an error: runCli sees the failed write and ends quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

const interrupt = interruptOnSignals();
runCli(process.argv.slice(2), { signal: interrupt.signal }).then((code) => {
  interrupt.dispose();
  process.exitCode = code;
  // Idle keep-alive sockets or a lingering timer must not hold a finished command open;
  // unref'd, this fires only if something else is still keeping the process alive.
  setTimeout(() => process.exit(code), 1000).unref();
});
