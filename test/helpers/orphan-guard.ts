import { spawn } from 'node:child_process';

/** Cancels an {@link OrphanGuard}'s clean-up once the test has cleaned up by itself. */
export interface OrphanGuard {
  /** The guard exits without running its script. Safe to call more than once. */
  release(): void;
}

/**
 * Starts a small `sh` process that runs `cleanupScript` if this Node process ends before `release()` is called.
 *
 * The guard waits for end-of-file on a pipe whose only writer is this process. The kernel closes that pipe however the
 * process ends — a failed test, `process.exit`, an uncaught exception, or the SIGKILL a test runner sends on a timeout —
 * which an `exit` handler cannot see. The guard sits in its own session and ignores INT, TERM and HUP, so a Ctrl-C that
 * kills the test run does not kill the guard before it has cleaned up. It holds no handle in this process's event loop.
 *
 * @param cleanupScript `sh` commands, e.g. `kill -TERM 1234; rm -rf '/tmp/x'`; quote paths with {@link shellQuote}.
 */
export function guardAgainstOrphans(cleanupScript: string): OrphanGuard {
  const script = `trap '' INT TERM HUP; read -r word; [ "$word" = release ] && exit 0; ${cleanupScript}`;
  const guard = spawn('/bin/sh', ['-c', script], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
  guard.unref();
  const stdin = guard.stdin;
  // The pipe is a net.Socket at run time; unref it so it does not keep the test process alive.
  (stdin as unknown as { unref(): void }).unref();
  // A guard that died early (no /bin/sh) must not crash the test with EPIPE.
  stdin.on('error', () => {});
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      stdin.end('release\n');
    },
  };
}

/**
 * `sh` that sends `signal` to the process whose id is the first line of `pidFile`, if there is one, and waits up to
 * 10 s for it to end (a zombie counts as ended), for a guard's clean-up script.
 */
export function stopProcessScript(pidFile: string, signal: 'TERM' | 'QUIT'): string {
  return [
    `pid=$(head -n 1 ${shellQuote(pidFile)} 2>/dev/null)`,
    `[ -n "$pid" ] && kill -${signal} "$pid" 2>/dev/null`,
    'i=0',
    `while [ -n "$pid" ] && [ $i -lt 100 ] && [ -d /proc/$pid ] && ! grep -q '^State:.*Z' /proc/$pid/status; do sleep 0.1; i=$((i+1)); done`,
  ].join('; ');
}

/** Quotes `value` as one `sh` word. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
