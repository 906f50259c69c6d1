import type { Organization } from './org.js';
import type { Rng } from './rng.js';

/** `previous_value` / `new_value` of a `pref.*` change. The API sends three shapes, chosen by the preference. */
export type PrefValue = string | string[] | Record<string, string[]>;

const RETENTION_TYPES = ['RETAIN_ALL', 'RETAIN_MSGS', 'EXPIRE_ALL', 'EXPIRE_MSGS'] as const;
const WHO_CAN_TYPES = [
  'ADMINS_AND_OWNERS',
  'TOPLEVEL_ADMINS_AND_OWNERS',
  'TOPLEVEL_ADMINS_AND_OWNERS_AND_SELECTED',
  'EVERYONE',
  'OWNERS_ONLY',
] as const;

/**
 * The before and after values of a preference change:
 * - "who can" style preferences: an object of string arrays, `{type: [...], user: [...]}`;
 * - preferences that hold a list of channels or domains: a string array;
 * - everything else (retention, toggles, durations): a plain string.
 */
export function prefChange(
  action: string,
  rng: Rng,
  org: Organization,
): { previous_value: PrefValue; new_value: PrefValue } {
  const pref = action.slice('pref.'.length);
  if (/who_can|allow|permission|restrict|approv/.test(pref)) {
    const pickWho = (): Record<string, string[]> => {
      const type = rng.pick(WHO_CAN_TYPES);
      const value: Record<string, string[]> = { type: [type] };
      if (type.endsWith('SELECTED')) value.user = [rng.pick(org.admins).id, rng.pick(org.people).id];
      return value;
    };
    return { previous_value: pickWho(), new_value: pickWho() };
  }
  if (/channel|domain|list|ips|sso_setting/.test(pref)) {
    const previous = [rng.pick(org.channels).id];
    return { previous_value: previous, new_value: [...previous, rng.pick(org.channels).id] };
  }
  if (/retention/.test(pref) && !/duration/.test(pref)) {
    return { previous_value: rng.pick(RETENTION_TYPES), new_value: rng.pick(RETENTION_TYPES) };
  }
  if (/duration|days|timeout|max/.test(pref)) {
    return { previous_value: String(rng.pick([7, 30, 90, 365])), new_value: String(rng.pick([14, 60, 180, 730])) };
  }
  const on = rng.chance(0.5);
  return { previous_value: on ? 'true' : 'false', new_value: on ? 'false' : 'true' };
}
