// Validates ECS documents against the shared ECS field list: every field outside `slack.*` exists, holds a value
// of its type (arrays where ECS normalises to arrays), takes only allowed values, and each event.type is one the
// field list expects with every event.category of the document.
import { isIP } from 'node:net';
import { readSharedJson } from './shared-data.js';

interface EcsFieldDefinition {
  readonly type: string;
  readonly normalize?: readonly string[];
  readonly allowed_values?: readonly string[];
}

interface EcsFieldList {
  readonly ecs_version: string;
  readonly fields: Readonly<Record<string, EcsFieldDefinition>>;
  readonly expected_event_types_by_category: Readonly<Record<string, readonly string[]>>;
}

/** Field types that hold an object of free keys: the validator does not look inside them. */
const OPEN_OBJECT_TYPES = new Set(['object', 'flattened', 'nested']);
const STRING_TYPES = new Set(['keyword', 'constant_keyword', 'wildcard', 'match_only_text', 'text']);
const INTEGER_TYPES = new Set(['long', 'integer', 'short', 'byte', 'unsigned_long']);
const NUMBER_TYPES = new Set(['float', 'double', 'scaled_float', 'half_float']);

/** Checks documents against one ECS field list; load it once, validate many. */
export class EcsValidator {
  readonly fieldList = readSharedJson<EcsFieldList>('ecs', 'ecs-fields.json');

  /** Every problem with `document`, as `field: what is wrong`; empty when it is valid. */
  validate(document: Record<string, unknown>): string[] {
    const problems: string[] = [];
    this.#walk(document, '', problems);
    const event = (document.event ?? {}) as { category?: unknown; type?: unknown };
    const categories = Array.isArray(event.category) ? (event.category as string[]) : [];
    const types = Array.isArray(event.type) ? (event.type as string[]) : [];
    for (const category of categories) {
      const expected = this.fieldList.expected_event_types_by_category[category] ?? [];
      for (const type of types) {
        if (!expected.includes(type))
          problems.push(`event.type: ${type} is not expected with event.category ${category}`);
      }
    }
    return problems;
  }

  #walk(object: Record<string, unknown>, prefix: string, problems: string[]): void {
    for (const [key, value] of Object.entries(object)) {
      if (value === undefined) continue;
      const name = prefix === '' ? key : `${prefix}.${key}`;
      if (name === 'slack') continue;
      const field = this.fieldList.fields[name];
      if (field === undefined) {
        if (isObject(value)) this.#walk(value, name, problems);
        else problems.push(`${name}: not an ECS field`);
        continue;
      }
      const values = Array.isArray(value) ? value : [value];
      if (field.normalize?.includes('array') && !Array.isArray(value)) problems.push(`${name}: ECS expects an array`);
      for (const item of values) {
        const problem = valueProblem(item, field);
        if (problem) problems.push(`${name}: ${problem}`);
      }
    }
  }
}

function valueProblem(value: unknown, field: EcsFieldDefinition): string | undefined {
  const { type } = field;
  if (field.allowed_values && !field.allowed_values.includes(value as string)) {
    return `${JSON.stringify(value)} is not an allowed value`;
  }
  if (STRING_TYPES.has(type)) return typeof value === 'string' ? undefined : `${JSON.stringify(value)} is not a string`;
  if (INTEGER_TYPES.has(type))
    return Number.isSafeInteger(value) ? undefined : `${JSON.stringify(value)} is not an integer`;
  if (NUMBER_TYPES.has(type)) return typeof value === 'number' ? undefined : `${JSON.stringify(value)} is not a number`;
  if (type === 'boolean') return typeof value === 'boolean' ? undefined : `${JSON.stringify(value)} is not a boolean`;
  if (type === 'ip')
    return typeof value === 'string' && isIP(value) !== 0 ? undefined : `${JSON.stringify(value)} is not an IP`;
  if (type === 'date') {
    return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))
      ? undefined
      : `${JSON.stringify(value)} is not an ISO 8601 date`;
  }
  if (OPEN_OBJECT_TYPES.has(type)) return isObject(value) ? undefined : `${JSON.stringify(value)} is not an object`;
  return `type ${type} is not checked by this validator`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
