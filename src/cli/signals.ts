import { ExitCode } from './cli-errors.js';

/** What the process-level interrupt handling needs from `process`; replaceable in tests. */
export interface SignalSource {
  on(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  exit(code: number): never;
}

/**
 * Turns the first SIGINT or SIGTERM into an abort (the signal's name is the reason) so the
 * running command can finish its current step: follow commits and exits 0, others exit 130.
 * A second signal means "now": the process exits 130 at once.
 */
export function interruptOnSignals(source: SignalSource = process): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const handlers = new Map<'SIGINT' | 'SIGTERM', () => void>();
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    const handler = () => {
      if (controller.signal.aborted) source.exit(ExitCode.interrupted);
      controller.abort(name);
    };
    handlers.set(name, handler);
    source.on(name, handler);
  }
  return {
    signal: controller.signal,
    dispose: () => {
      for (const [name, handler] of handlers) source.off(name, handler);
    },
  };
}
