import type { Command } from 'commander';
import type { ActionsResponse } from '../../index.js';
import { CliUsageError } from '../cli-errors.js';
import { withClient } from '../client-factory.js';
import { type CliRuntime, createCommandContext } from '../context.js';
import { asRecord } from '../output/entry-row.js';
import { chooseFormat } from '../output/format.js';
import { renderTable } from '../output/table.js';
import { examplesHelp } from '../program.js';
import { isTerminal, terminalColumns, writeTo } from '../terminal/io.js';
import { type ReferenceFormat, referenceFormatOption } from './schemas.js';

/** One table row per action name: its category and the name, in the API's order. */
export function actionRows(actions: ActionsResponse['actions'], category?: string): string[][] {
  return Object.entries(actions)
    .filter(([name]) => category === undefined || name === category)
    .flatMap(([name, list]) => (Array.isArray(list) ? list.map((action) => [name, String(action)]) : []));
}

/** `slack-audit-logs actions`: every action name the API accepts, by category. */
export function registerActionsCommand(program: Command, runtime: CliRuntime): void {
  program
    .command('actions')
    .description('list every action name the API accepts, by category (no token needed)')
    .addOption(referenceFormatOption())
    .option('--category <name>', 'only this category, e.g. user or file')
    .addHelpText(
      'after',
      examplesHelp([
        'slack-audit-logs actions --category user',
        "slack-audit-logs actions --format json | jq -r '.actions.file[]'",
      ]),
    )
    .action(async (options: { format?: ReferenceFormat; category?: string }, command: Command) => {
      const context = createCommandContext(runtime, command);
      const response = await withClient(context, { needsToken: false }, (client) =>
        client.actions({ signal: context.signal }),
      );
      const { stdout } = context.io;
      const { category } = options;
      const all = response.typedBody.actions;
      // The category asked for, once, for both formats; an unknown one is a usage error listing the real ones.
      if (category !== undefined && !Object.hasOwn(asRecord(all) ?? {}, category)) {
        throw new CliUsageError(
          `There is no action category named ${JSON.stringify(category)}.`,
          `Categories: ${Object.keys(all).join(', ')}.`,
        );
      }
      const actions = category === undefined ? all : { [category]: asRecord(all)?.[category] ?? [] };
      const format = chooseFormat(options.format, isTerminal(stdout), 'json');
      if (format === 'json') {
        const body = category === undefined ? response.body : { actions };
        await writeTo(stdout, `${JSON.stringify(body, null, 2)}\n`);
        return;
      }
      const rows = actionRows(actions as ActionsResponse['actions']);
      await writeTo(
        stdout,
        renderTable(['CATEGORY', 'ACTION'], rows, { maxWidth: terminalColumns(stdout), colors: context.stdoutColors }),
      );
    });
}
