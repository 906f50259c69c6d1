import type { ConfigPath } from './config-path.js';
import type { ConfigSchema } from './schema.js';

/**
 * The schema that describes the value at `path` of `root`, following `if`/`then`/`else` and the sink `type`
 * discriminator as the data chooses; undefined where the schema says nothing (an unknown key, a value of the wrong
 * type).
 */
export function schemaAt(schema: ConfigSchema, root: unknown, path: ConfigPath): ConfigSchema | undefined {
  let current: ConfigSchema | undefined = choose(schema, root);
  let value = root;
  for (const segment of path) {
    if (current === undefined) return undefined;
    const next: unknown =
      typeof segment === 'number'
        ? current.items
        : (current.properties as Record<string, unknown> | undefined)?.[segment];
    value =
      value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[segment] : undefined;
    current = isSchema(next) ? choose(next, value) : undefined;
  }
  return current;
}

/** The property names a mapping's schema allows. */
export function propertyNames(schema: ConfigSchema | undefined): string[] {
  const properties = schema?.properties;
  return isSchema(properties) ? Object.keys(properties) : [];
}

function choose(schema: ConfigSchema, value: unknown): ConfigSchema | undefined {
  if (isSchema(schema.if)) {
    const wanted = schema.if.type;
    const branch = typeOf(value) === wanted ? schema.then : schema.else;
    return isSchema(branch) ? choose(branch, value) : undefined;
  }
  const discriminator = schema.discriminator as { propertyName: string } | undefined;
  if (discriminator !== undefined && Array.isArray(schema.oneOf)) {
    const tag =
      value !== null && typeof value === 'object'
        ? (value as Record<string, unknown>)[discriminator.propertyName]
        : undefined;
    return (schema.oneOf as ConfigSchema[]).find((branch) => {
      const property = (branch.properties as Record<string, ConfigSchema> | undefined)?.[discriminator.propertyName];
      return property?.const === tag;
    });
  }
  return schema;
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}

function isSchema(value: unknown): value is ConfigSchema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
