// Validates OCSF events against the schema repository: no attribute the class (or an object) does not define,
// every required attribute and constraint met, values of their data type, enumeration values defined, captions
// (`activity_name`, `severity`…) equal to their id's caption, nothing deprecated, and the class identifiers
// (`category_uid`, `type_uid`, `type_name`…) computed as the schema says.
import type { OcsfAttribute, OcsfDefinition } from './ocsf-schema-files.js';
import { OcsfSchemaFiles } from './ocsf-schema-files.js';

/** Attributes whose values the schema computes from the class rather than lists in an enumeration. */
const CLASS_IDENTIFIERS = new Set(['class_uid', 'category_uid', 'type_uid']);
/** What the base data types accept. */
const BASE_TYPES: Readonly<Record<string, (value: unknown) => boolean>> = {
  string_t: (value) => typeof value === 'string',
  integer_t: (value) => Number.isSafeInteger(value),
  long_t: (value) => Number.isSafeInteger(value),
  float_t: (value) => typeof value === 'number' && Number.isFinite(value),
  boolean_t: (value) => typeof value === 'boolean',
  json_t: () => true,
};

/** What one validation carries through the event: the profiles it applies and the problems found so far. */
interface Walk {
  readonly profiles: readonly string[];
  readonly problems: string[];
}

/** Checks events against one OCSF schema repository; load it once, validate many. */
export class OcsfValidator {
  readonly schema = new OcsfSchemaFiles();

  /** Every problem with `event`, as `path: what is wrong`; empty when it is valid. */
  validate(event: unknown): string[] {
    const problems: string[] = [];
    if (!isObject(event)) return ['the event is not an object'];
    const definition = typeof event.class_uid === 'number' ? this.schema.classByUid(event.class_uid) : undefined;
    if (definition === undefined) return [`class_uid: no class ${String(event.class_uid)}`];
    if (definition['@deprecated']) problems.push(`class ${definition.name} is deprecated`);
    const metadata = isObject(event.metadata) ? event.metadata : {};
    const profiles = Array.isArray(metadata.profiles) ? (metadata.profiles as string[]) : [];
    const activityId = event.activity_id as number;
    const activity = definition.attributes.activity_id?.enum?.[String(activityId)]?.caption;
    const expect = (name: string, actual: unknown, expected: unknown) => {
      if (actual !== expected)
        problems.push(`${name}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
    };
    expect('category_uid', event.category_uid, definition.categoryUid);
    expect('type_uid', event.type_uid, definition.classUid * 100 + activityId);
    if ('class_name' in event) expect('class_name', event.class_name, definition.caption);
    if ('category_name' in event) expect('category_name', event.category_name, definition.categoryCaption);
    if ('type_name' in event) expect('type_name', event.type_name, `${definition.caption}: ${activity}`);
    this.#validateObject(event, definition, '', { profiles, problems });
    return problems;
  }

  #validateObject(value: Record<string, unknown>, definition: OcsfDefinition, path: string, walk: Walk): void {
    const { profiles, problems } = walk;
    const at = (key: string) => (path === '' ? key : `${path}.${key}`);
    const present = (key: string) => value[key] !== undefined;
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      const attribute = definition.attributes[key];
      if (attribute === undefined) {
        problems.push(`${at(key)}: ${definition.name} has no such attribute`);
        continue;
      }
      if (typeof attribute.profile === 'string' && !profiles.includes(attribute.profile)) {
        problems.push(`${at(key)}: belongs to profile ${attribute.profile}, which metadata.profiles does not list`);
      }
      if (attribute['@deprecated']) problems.push(`${at(key)}: deprecated (${attribute['@deprecated'].message})`);
      this.#validateValue(item, attribute, at(key), walk, !CLASS_IDENTIFIERS.has(key));
      this.#validateSibling(value, key, attribute, at(key), problems);
    }
    for (const [key, attribute] of Object.entries(definition.attributes)) {
      const applies = typeof attribute.profile !== 'string' || profiles.includes(attribute.profile);
      if (attribute.requirement === 'required' && applies && !present(key)) {
        problems.push(`${at(key)}: required by ${definition.name}, missing`);
      }
    }
    const { at_least_one: atLeastOne, just_one: justOne } = definition.constraints;
    if (atLeastOne && !atLeastOne.some(present)) {
      problems.push(`${path || definition.name}: needs at least one of ${atLeastOne.join(', ')}`);
    }
    if (justOne && justOne.filter(present).length !== 1) {
      problems.push(`${path || definition.name}: needs exactly one of ${justOne.join(', ')}`);
    }
  }

  #validateValue(value: unknown, attribute: OcsfAttribute, path: string, walk: Walk, checkEnum: boolean): void {
    if (!attribute.is_array) {
      this.#validateOne(value, attribute, path, walk, checkEnum);
    } else if (!Array.isArray(value)) {
      walk.problems.push(`${path}: expected an array`);
    } else {
      for (const [i, item] of value.entries()) this.#validateOne(item, attribute, `${path}[${i}]`, walk, checkEnum);
    }
  }

  #validateOne(value: unknown, attribute: OcsfAttribute, path: string, walk: Walk, checkEnum: boolean): void {
    const { problems } = walk;
    const type = attribute.type ?? 'string_t';
    if (this.schema.isObjectType(type)) {
      const definition = this.schema.object(type) as OcsfDefinition;
      if (!isObject(value)) problems.push(`${path}: expected a ${type} object`);
      else if (type !== 'object') this.#validateObject(value, definition, path, walk);
      return;
    }
    const problem = this.#dataTypeProblem(value, type);
    if (problem) problems.push(`${path}: ${problem}`);
    if (checkEnum && attribute.enum && !(String(value) in attribute.enum)) {
      problems.push(`${path}: ${JSON.stringify(value)} is not one of ${Object.keys(attribute.enum).join(', ')}`);
    }
  }

  /** What is wrong with a value of a data type, following the type's chain (`ip_t` is a `string_t`…). */
  #dataTypeProblem(value: unknown, type: string): string | undefined {
    for (let name: string | undefined = type; name !== undefined; name = this.schema.types[name]?.type) {
      const base = BASE_TYPES[name];
      if (base) return base(value) ? undefined : `${JSON.stringify(value)} is not a ${type}`;
      const rule = this.schema.types[name];
      if (rule === undefined) return `unknown data type ${name}`;
      if (rule.regex !== undefined && !new RegExp(rule.regex).test(String(value))) return `does not match ${name}`;
      if (rule.max_len !== undefined && String(value).length > rule.max_len) return `longer than ${rule.max_len}`;
      const [min, max] = rule.range ?? [];
      if (min !== undefined && max !== undefined && ((value as number) < min || (value as number) > max)) {
        return `outside ${min}..${max}`;
      }
      if (rule.values && !rule.values.includes(value)) return `not one of ${rule.values.join(', ')}`;
    }
    return undefined;
  }

  /** An enumerated id's caption sibling (`severity` of `severity_id`) must be its caption, or the source's for 99. */
  #validateSibling(
    value: Record<string, unknown>,
    key: string,
    attribute: OcsfAttribute,
    path: string,
    problems: string[],
  ): void {
    const sibling = attribute.sibling;
    if (sibling === undefined || attribute.enum === undefined || CLASS_IDENTIFIERS.has(key)) return;
    const label = value[sibling];
    if (label === undefined) return;
    const id = String(value[key]);
    if (id === '99') {
      if (typeof label !== 'string' || label === '') problems.push(`${path}: 99 (Other) needs the source's ${sibling}`);
    } else if (label !== attribute.enum[id]?.caption) {
      problems.push(`${path}: ${sibling} ${JSON.stringify(label)} is not the caption of ${id}`);
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
