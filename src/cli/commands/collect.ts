import { type Command, Option } from 'commander';
import { ConfigError } from '../../index.js';
import type { LogFormat, StructuredLogLevel } from '../../ops/index.js';
import { CliError, ExitCode } from '../cli-errors.js';
import { type CliRuntime, createCommandContext } from '../context.js';
import { loadCollector, loadOps } from '../lazy-modules.js';
import { parseFormat } from '../output/format.js';
import { examplesHelp } from '../program.js';
import { isTerminal } from '../terminal/io.js';

/** The values of the collect command's options. */
export interface CollectCommandOptions {
  config: string;
  check?: boolean;
  secrets: boolean;
  logFormat?: LogFormat;
  logLevel?: StructuredLogLevel;
}

/**
 * `slack-audit-logs collect`: every organisation of a config file, as a service. The config is checked in full
 * before anything starts (exit 2 listing every problem); SIGTERM or SIGINT stops it cleanly (each organisation
 * commits its page, leases are released) with exit 0; a state that fails for good (PostgreSQL unreachable past its
 * bound) exits 1.
 */
export function registerCollectCommand(program: Command, runtime: CliRuntime): void {
  program
    .command('collect')
    .description(
      'follow every organisation of a config file, as a service: file or PostgreSQL state, many sinks, metrics',
    )
    .requiredOption('-c, --config <file>', 'the YAML config (see docs/collector.md)')
    .option('--check', 'check the config (and that its secrets are there) and exit: 0 when it is right, 2 otherwise')
    .option(
      '--no-secrets',
      'with --check, do not check that the *Env variables and *File files exist (on a build machine)',
    )
    .addOption(
      new Option('--log-format <format>', 'json (default when stderr is not a terminal) or text').argParser(
        (value: string) => parseFormat<LogFormat>(value, ['json', 'text']),
      ),
    )
    .addOption(
      new Option('--log-level <level>', 'debug, info (default), warn or error').argParser((value: string) =>
        parseFormat<StructuredLogLevel>(value, ['debug', 'info', 'warn', 'error']),
      ),
    )
    .addHelpText(
      'after',
      `\nStop it with SIGTERM or Ctrl-C: every organisation finishes its page and commits, leases are released, exit 0.
${examplesHelp([
  'slack-audit-logs collect --check --config collect.yaml',
  'slack-audit-logs collect --config collect.yaml',
  'slack-audit-logs collect --config /etc/slack-audit-logs/collect.yaml --log-format json',
])}`,
    )
    .action(async (options: CollectCommandOptions, actionCommand: Command) => {
      const context = createCommandContext(runtime, actionCommand);
      const { io } = context;
      const { Collector, loadCollectorConfig, openState } = await loadCollector();
      const { createStructuredLog, startOpsServer } = await loadOps();
      const config = await loadCollectorConfig(options.config, {
        env: io.env as NodeJS.ProcessEnv,
        checkSecrets: options.check !== true || options.secrets,
        clock: context.clock,
      }).catch((error: unknown) => {
        if (error instanceof ConfigError) throw new CliError(error.message, { exitCode: ExitCode.usage });
        throw error;
      });
      if (options.check) {
        const where = config.state.kind === 'file' ? `file state in ${config.state.folder}` : 'PostgreSQL state';
        context.messages.info(
          `${options.config}: the config is right: ${config.orgs.length} organisation${config.orgs.length === 1 ? '' : 's'}, ${where}.`,
        );
        return;
      }
      const secrets: string[] = [];
      const log = await createStructuredLog({
        format: options.logFormat ?? (isTerminal(io.stderr) ? 'text' : 'json'),
        level: options.logLevel ?? (context.globals.verbose ? 'debug' : 'info'),
        stream: io.stderr,
        secrets: () => [...context.runtime.secrets, ...secrets],
      });
      const state = await openState(config.state, {
        log,
        env: io.env as NodeJS.ProcessEnv,
        clock: context.clock,
        // SIGTERM while PostgreSQL is waited for at start ends the wait: exit 130, nothing started.
        signal: context.signal,
      });
      const collector = new Collector({
        config,
        state,
        log,
        clock: context.clock,
        env: io.env as NodeJS.ProcessEnv,
        onSecret: (secret) => secrets.push(secret),
      });
      const ops = config.metrics
        ? await startOpsServer({
            host: config.metrics.host,
            port: config.metrics.port,
            orgs: config.orgs,
            statuses: collector.statuses,
            overview: (orgs) => state.overview(orgs),
            alive: () => collector.running,
            clock: context.clock,
            ...(config.readyLagSeconds === undefined ? {} : { readyLagSeconds: config.readyLagSeconds }),
          })
        : undefined;
      if (ops) log.info({ url: ops.url }, `metrics, health and the status page on ${ops.url}`);
      try {
        await collector.run(context.signal);
      } finally {
        await ops?.close();
      }
    });
}
