import { type Command, Option } from 'commander';
import type { Schema } from '../../index.js';
import { withClient } from '../client-factory.js';
import { type CliRuntime, createCommandContext } from '../context.js';
import { asRecord, text } from '../output/entry-row.js';
import { chooseFormat, parseFormat } from '../output/format.js';
import { renderTable } from '../output/table.js';
import { examplesHelp } from '../program.js';
import { isTerminal, terminalColumns, writeTo } from '../terminal/io.js';

/** Formats `schemas` and `actions` print. */
export type ReferenceFormat = 'table' | 'json';

/** The --format option of schemas and actions. */
export function referenceFormatOption(): Option {
  return new Option('--format <format>', 'table or json (default: table on a terminal, json otherwise)').argParser(
    (value: string) => parseFormat<ReferenceFormat>(value, ['table', 'json']),
  );
}

/** One table row per schema item: its type and its fields with their type names. */
export function schemaRows(schemas: readonly Schema[]): string[][] {
  return schemas.map((schema) => {
    const fields = asRecord(asRecord(schema)?.[schema.type]) ?? {};
    return [
      schema.type,
      Object.entries(fields)
        .map(([name, type]) => `${name}:${text(type)}`)
        .join(', '),
    ];
  });
}

/** `slack-audit-logs schemas`: the entity types the API can return, with their fields. */
export function registerSchemasCommand(program: Command, runtime: CliRuntime): void {
  program
    .command('schemas')
    .description('list the entity types the API can return, with their fields (no token needed)')
    .addOption(referenceFormatOption())
    .addHelpText(
      'after',
      examplesHelp(['slack-audit-logs schemas', "slack-audit-logs schemas --format json | jq '.schemas[].type'"]),
    )
    .action(async (options: { format?: ReferenceFormat }, command: Command) => {
      const context = createCommandContext(runtime, command);
      const response = await withClient(context, { needsToken: false }, (client) =>
        client.schemas({ signal: context.signal }),
      );
      const { stdout } = context.io;
      const format = chooseFormat(options.format, isTerminal(stdout), 'json');
      if (format === 'json') {
        await writeTo(stdout, `${JSON.stringify(response.body, null, 2)}\n`);
        return;
      }
      const table = renderTable(['TYPE', 'FIELDS'], schemaRows(response.typedBody.schemas), {
        maxWidth: terminalColumns(stdout),
        colors: context.stdoutColors,
      });
      await writeTo(stdout, table);
    });
}
