// Runs the structural schema with ajv and says what each failure means in words a person reads: the key, what is
// wrong, what is allowed, and the nearest allowed spelling.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { ConfigPath } from './config-path.js';
import { pathOfPointer } from './config-path.js';
import type { FoundProblem, ProblemList } from './problems.js';
import type { ConfigSchema } from './schema.js';
import { looksLikeSlackToken, secretKeyKind } from './secrets.js';
import { didYouMean } from './suggest.js';

const validators = new WeakMap<ConfigSchema, ValidateFunction>();
let ajv: Ajv | undefined;

function validatorFor(schema: ConfigSchema): ValidateFunction {
  let validate = validators.get(schema);
  if (validate === undefined) {
    ajv ??= createAjv();
    validate = ajv.compile(schema);
    validators.set(schema, validate);
  }
  return validate;
}

function createAjv(): Ajv {
  const instance = new Ajv({ allErrors: true, verbose: true, discriminator: true, allowUnionTypes: true });
  instance.addKeyword({ keyword: 'allowed', schemaType: 'string' });
  instance.addKeyword({ keyword: 'notHere', schemaType: 'object' });
  return instance;
}

/**
 * Checks `value` against `schema` and records each failure, except where a problem is already recorded (a secret
 * found by the scan: its value must not be quoted).
 */
export function checkSchema(schema: ConfigSchema, value: unknown, problems: ProblemList): void {
  const validate = validatorFor(schema);
  if (validate(value)) return;
  for (const error of validate.errors ?? []) {
    const problem = describeError(error, value);
    if (problem !== undefined && !problems.hasAt(problem.path)) problems.add(problem);
  }
}

function describeError(error: ErrorObject, root: unknown): FoundProblem | undefined {
  const path = pathOfPointer(error.instancePath, root);
  const parent = (error.parentSchema ?? {}) as ConfigSchema;
  const allowed = typeof parent.allowed === 'string' ? parent.allowed : undefined;
  const params = error.params as Record<string, unknown>;
  const quoted = describeValue(error.data, path);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const keyPath = [...path, key];
      if (secretKeyKind(key) !== undefined || looksLikeSlackToken(key)) return undefined;
      const keys = Object.keys((parent.properties ?? {}) as object);
      const elsewhere = (parent.notHere as Record<string, string> | undefined)?.[key];
      if (elsewhere !== undefined) {
        return {
          path: keyPath,
          target: 'key',
          blocking: false,
          problem: `"${key}" does not belong here`,
          hint: elsewhere,
        };
      }
      return withHint(
        { path: keyPath, target: 'key', blocking: false, problem: `unknown key "${key}"`, allowed: keys.join(', ') },
        didYouMean(key, keys),
      );
    }
    case 'required': {
      const key = String(params.missingProperty);
      const property = (parent.properties as Record<string, ConfigSchema> | undefined)?.[key];
      return {
        path: [...path, key],
        blocking: false,
        problem: 'missing',
        ...(typeof property?.allowed === 'string' ? { allowed: property.allowed } : {}),
      };
    }
    case 'discriminator': {
      if (params.error !== 'mapping') return undefined;
      const types = (((parent.properties as Record<string, ConfigSchema>)?.type?.allowed as string) ?? '').split(', ');
      const tag = String(params.tagValue);
      return withHint(
        { path: [...path, 'type'], problem: `unknown sink type ${quote(tag)}`, allowed: types.join(', ') },
        didYouMean(tag, types),
      );
    }
    case 'type': {
      const expected = String(params.type)
        .split(',')
        .map((type) => TYPE_WORDS[type] ?? type)
        .join(' or ');
      const quoteIt =
        typeof error.data === 'number' && String(params.type).includes('string')
          ? `write it in quotes: "${error.data}"`
          : undefined;
      return withHint({ path, problem: `expected ${expected}, found ${quoted}`, ...allowedOf(allowed) }, quoteIt);
    }
    case 'minimum':
    case 'exclusiveMinimum':
      return { path, problem: `${quoted} is too small`, ...allowedOf(allowed ?? `at least ${params.limit}`) };
    case 'maximum':
    case 'exclusiveMaximum':
      return { path, problem: `${quoted} is too large`, ...allowedOf(allowed ?? `at most ${params.limit}`) };
    case 'enum':
    case 'const': {
      const values = ((params.allowedValues as unknown[] | undefined) ?? [params.allowedValue]).map(String);
      return withHint(
        { path, problem: `unknown value ${quoted}`, allowed: allowed ?? values.join(', ') },
        typeof error.data === 'string' ? didYouMean(error.data, values) : undefined,
      );
    }
    case 'pattern':
      return { path, problem: `${quoted} is not valid here`, ...allowedOf(allowed) };
    case 'minLength':
      return { path, problem: 'is empty', ...allowedOf(allowed) };
    case 'minItems':
      return { path, problem: 'the list is empty', ...allowedOf(allowed) };
    case 'maxItems': {
      const count = Array.isArray(error.data) ? error.data.length : '?';
      return { path, problem: `the list has ${count} items, more than ${params.limit}`, ...allowedOf(allowed) };
    }
    case 'uniqueItems': {
      const later = Math.max(Number(params.i), Number(params.j));
      const earlier = Math.min(Number(params.i), Number(params.j));
      const item = Array.isArray(error.data) ? error.data[later] : undefined;
      return {
        path: [...path, later],
        problem: `${describeValue(item, path)} is listed twice (also as item ${earlier + 1})`,
        allowed: 'each item once',
      };
    }
    // The branches' own errors say what is wrong; the combinators' summaries add nothing a person can act on.
    case 'if':
    case 'oneOf':
    case 'anyOf':
      return undefined;
    default:
      return { path, problem: error.message ?? 'is not valid', ...allowedOf(allowed) };
  }
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  null: 'nothing',
};

/** A value as messages quote it: never a secret, never long. */
export function describeValue(value: unknown, path: ConfigPath): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') {
    const key = path[path.length - 1];
    // Whatever was written for a variable's name may be the secret itself: it is not repeated.
    if (typeof key === 'string' && /(Env|File)$/.test(key)) return 'a value (not shown)';
    return quote(value);
  }
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

/** `"text"`, cut at 60 characters. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

function allowedOf(allowed: string | undefined): { allowed?: string } {
  return allowed === undefined ? {} : { allowed };
}

function withHint(problem: FoundProblem, hint: string | undefined): FoundProblem {
  return hint === undefined ? problem : { ...problem, hint };
}
