// The OCSF schema repository (../shared/data/ocsf) resolved the way the OCSF server resolves it: each class and
// object merged down its `extends` chain, `$include`d profile attributes tagged with their profile, and every
// attribute completed from the dictionary (dictionary first, the definition on top, enumerations merged).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readSharedJson, SHARED_DATA_DIR } from './shared-data.js';

/** One attribute, resolved: its dictionary entry and every definition along the chain, merged. */
export interface OcsfAttribute {
  readonly type?: string;
  readonly is_array?: boolean;
  readonly requirement?: 'required' | 'recommended' | 'optional';
  /** The profile the attribute belongs to; `null` or absent when it belongs to none. */
  readonly profile?: string | null;
  readonly enum?: Readonly<Record<string, { readonly caption: string }>>;
  readonly sibling?: string;
  readonly '@deprecated'?: { readonly message: string; readonly since: string };
}

/** A class or object, resolved. */
export interface OcsfDefinition {
  readonly name: string;
  readonly caption: string;
  readonly attributes: Readonly<Record<string, OcsfAttribute>>;
  readonly constraints: { readonly at_least_one?: readonly string[]; readonly just_one?: readonly string[] };
  readonly '@deprecated'?: { readonly message: string };
}

/** A resolved event class, with its identifiers. */
export interface OcsfClassDefinition extends OcsfDefinition {
  readonly classUid: number;
  readonly categoryUid: number;
  readonly categoryCaption: string;
}

/** A data type of the dictionary's `types` section (`ip_t`, `timestamp_t`…). */
export interface OcsfDataType {
  readonly type?: string;
  readonly regex?: string;
  readonly max_len?: number;
  readonly range?: readonly [number, number];
  readonly values?: readonly unknown[];
}

type RawAttributes = Record<string, unknown> & { $include?: string[] };
interface RawDefinition {
  name: string;
  caption: string;
  uid?: number;
  extends?: string;
  category?: string;
  attributes?: RawAttributes;
  constraints?: OcsfDefinition['constraints'];
  '@deprecated'?: { message: string };
}

/** The schema's classes, objects, dictionary and data types. */
export class OcsfSchemaFiles {
  readonly version: string;
  readonly types: Readonly<Record<string, OcsfDataType>>;
  readonly #dictionary: Record<string, Record<string, unknown>>;
  readonly #events = new Map<string, RawDefinition>();
  readonly #objects = new Map<string, RawDefinition>();
  readonly #categories: Record<string, { uid: number; caption: string }>;
  readonly #resolvedObjects = new Map<string, OcsfDefinition>();
  readonly #classesByUid = new Map<number, OcsfClassDefinition>();

  constructor() {
    this.version = readSharedJson<{ version: string }>('ocsf', 'version.json').version;
    const dictionary = readSharedJson<{
      attributes: Record<string, Record<string, unknown>>;
      types: { attributes: Record<string, OcsfDataType> };
    }>('ocsf', 'dictionary.json');
    this.#dictionary = dictionary.attributes;
    this.types = dictionary.types.attributes;
    this.#categories = readSharedJson<{ attributes: Record<string, { uid: number; caption: string }> }>(
      'ocsf',
      'categories.json',
    ).attributes;
    for (const file of readdirSync(join(SHARED_DATA_DIR, 'ocsf', 'events'), { recursive: true })) {
      if (!String(file).endsWith('.json')) continue;
      const event = readSharedJson<RawDefinition>('ocsf', 'events', String(file));
      this.#events.set(event.name, event);
    }
    for (const file of readdirSync(join(SHARED_DATA_DIR, 'ocsf', 'objects'))) {
      if (!file.endsWith('.json')) continue;
      const object = readSharedJson<RawDefinition>('ocsf', 'objects', file);
      this.#objects.set(object.name, object);
    }
    for (const name of this.#events.keys()) {
      const resolved = this.#resolveClass(name);
      if (resolved) this.#classesByUid.set(resolved.classUid, resolved);
    }
  }

  /** The class with this `class_uid`, or undefined. */
  classByUid(classUid: number): OcsfClassDefinition | undefined {
    return this.#classesByUid.get(classUid);
  }

  /** The object of this name (`user`, `network_endpoint`…), or undefined. */
  object(name: string): OcsfDefinition | undefined {
    let resolved = this.#resolvedObjects.get(name);
    if (resolved === undefined && this.#objects.has(name)) {
      resolved = this.#resolve(this.#chain(this.#objects, name));
      this.#resolvedObjects.set(name, resolved);
    }
    return resolved;
  }

  /** Whether a type name is an object (rather than a data type). */
  isObjectType(type: string): boolean {
    return this.#objects.has(type);
  }

  /** A class resolved, or undefined for the category and base files that define no class of their own. */
  #resolveClass(name: string): OcsfClassDefinition | undefined {
    const chain = this.#chain(this.#events, name);
    const own = chain[chain.length - 1] as RawDefinition;
    if (own.uid === undefined && own.name !== 'base_event') return undefined;
    const categoryName = chain.map((item) => item.category).findLast((category) => category !== undefined);
    const category = categoryName === undefined ? undefined : this.#categories[categoryName];
    const categoryUid = category?.uid ?? 0;
    return {
      ...this.#resolve(chain),
      classUid: own.uid === undefined ? 0 : categoryUid * 1000 + own.uid,
      categoryUid,
      categoryCaption: category?.caption ?? 'Uncategorized',
    };
  }

  /** The definitions from the root of the `extends` chain down to `name`. */
  #chain(files: Map<string, RawDefinition>, name: string): RawDefinition[] {
    const chain: RawDefinition[] = [];
    for (let item = files.get(name); item; item = item.extends ? files.get(item.extends) : undefined) {
      chain.unshift(item);
    }
    if (chain.length === 0) throw new Error(`OCSF definition ${name} not found`);
    return chain;
  }

  #resolve(chain: RawDefinition[]): OcsfDefinition {
    let attributes: Record<string, unknown> = {};
    let constraints: OcsfDefinition['constraints'] = {};
    for (const item of chain) {
      attributes = deepMerge(attributes, withIncludes(item.attributes ?? {}));
      if (item.constraints) constraints = item.constraints;
    }
    const own = chain[chain.length - 1] as RawDefinition;
    const resolved: Record<string, OcsfAttribute> = {};
    for (const [key, definition] of Object.entries(attributes)) {
      resolved[key] = deepMerge(this.#dictionary[key] ?? {}, definition as Record<string, unknown>) as OcsfAttribute;
    }
    return {
      name: own.name,
      caption: own.caption,
      attributes: resolved,
      constraints,
      '@deprecated': own['@deprecated'],
    };
  }
}

/** An item's attributes with its `$include`d profiles' attributes under them, tagged with the profile's name. */
function withIncludes(attributes: RawAttributes): Record<string, unknown> {
  const { $include: includes = [], ...own } = attributes;
  let merged: Record<string, unknown> = {};
  for (const path of includes) {
    const profile = readSharedJson<{ name: string; meta?: string; attributes: Record<string, object> }>('ocsf', path);
    for (const [key, definition] of Object.entries(profile.attributes)) {
      merged[key] = profile.meta === 'profile' ? { ...definition, profile: profile.name } : definition;
    }
  }
  merged = deepMerge(merged, own);
  return merged;
}

/** The OCSF server's merge: maps merge key by key, recursively; any other value on the right wins, null included. */
function deepMerge(left: Record<string, unknown>, right: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...left };
  for (const [key, value] of Object.entries(right)) {
    const before = merged[key];
    merged[key] = isMap(before) && isMap(value) ? deepMerge(before, value) : value;
  }
  return merged;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
