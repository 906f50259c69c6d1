import type { Entry } from '../model/index.js';

/**
 * Serialises entries fast. Generated entries share most of their sub-objects (the actor, the location, the channel
 * or file) with thousands of others, so each shared object is serialised once and its JSON reused. The output is
 * exactly what `JSON.stringify(entry)` gives for entries whose keys come in the API's order (id, date_create,
 * action, actor, entity, context, details), as the generator makes them; entries without an actor, entity or
 * context go through `JSON.stringify` itself.
 */
export class EntryJson {
  readonly #objects = new WeakMap<object, string>();
  readonly #strings = new Map<string, string>();

  /** Declares an object as shared and immutable, so its JSON can be cached. */
  shareObject(value: object): void {
    if (!this.#objects.has(value)) this.#objects.set(value, JSON.stringify(value));
  }

  /** Declares a string that recurs (user agents, action names), so its quoted form can be cached. */
  shareString(value: string): void {
    if (!this.#strings.has(value)) this.#strings.set(value, JSON.stringify(value));
  }

  /** The JSON of an entry built with its keys in the API's order, as `JSON.stringify` would write it. */
  stringify(entry: Entry): string {
    const { actor, entity, context, details } = entry;
    if (!actor || !entity || !context) return JSON.stringify(entry);
    const parts: string[] = [
      '{"id":',
      JSON.stringify(entry.id),
      ',"date_create":',
      String(entry.date_create),
      ',"action":',
      this.#string(entry.action),
      ',"actor":',
      this.#object(actor),
      ',"entity":',
      this.#object(entity, 1),
      ',"context":',
      this.#object(context, 1),
    ];
    if (details !== undefined) parts.push(',"details":', JSON.stringify(details));
    parts.push('}');
    // join() writes one flat string; `+` would leave a rope of fragments that costs far more memory when stored.
    return parts.join('');
  }

  #string(value: string): string {
    return this.#strings.get(value) ?? JSON.stringify(value);
  }

  /** A shared object's cached JSON; otherwise, `depth` levels down, its members, looking for shared parts. */
  #object(value: object, depth = 0): string {
    const shared = this.#objects.get(value);
    if (shared !== undefined) return shared;
    if (depth === 0 || Array.isArray(value)) return JSON.stringify(value);
    let out = '';
    for (const key in value) {
      const member = (value as Record<string, unknown>)[key];
      let json: string | undefined;
      if (typeof member === 'string') json = this.#string(member);
      else if (member !== null && typeof member === 'object') json = this.#object(member, depth - 1);
      else json = JSON.stringify(member);
      if (json === undefined) continue;
      out += `${out === '' ? '{' : ','}"${key}":${json}`;
    }
    return out === '' ? '{}' : `${out}}`;
  }
}
