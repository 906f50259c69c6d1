import { isIP } from 'node:net';
import type { Entry } from '../../model/logs.js';
import { actionProfile } from '../../normalise/action-profile.js';
import { filledString, isRecord, type JsonRecord } from '../../normalise/entry-fields.js';
import { entryMilliseconds } from '../../normalise/entry-time.js';
import { entityReference, ocsfUser, readOcsfParts } from '../../normalise/ocsf-parts.js';
import { VERSION } from '../../version.js';
import { auditSeverityId } from './audit-severity.js';
import { cefExtensionValue, cefHeaderValue } from './cef-escape.js';

/** Device Vendor and Device Product, as the OCSF mapping names the product (`metadata.product`). */
export const CEF_VENDOR = 'Salesforce';
export const CEF_PRODUCT = 'Slack';

/** CEF severity (0–3 Low, 4–6 Medium, 7–8 High, 9–10 Very-High) by OCSF severity id. */
const CEF_SEVERITIES = { 1: 1, 2: 3, 3: 5 } as const;

/**
 * An audit entry as one ArcSight CEF:0 event: `CEF:0|Salesforce|Slack|<package version>|<action>|<name>|<severity>|`
 * then the extension. docs/sinks-syslog.md has the field mapping. Pure; any entry maps, values that are missing or
 * empty are left out rather than sent empty.
 */
export function toCef(entry: Entry): string {
  const raw = entry as unknown as JsonRecord;
  const action = filledString(raw.action);
  const profile = actionProfile(action ?? '');
  const parts = readOcsfParts(raw);
  const actor = parts.actor?.user;
  const entity = isRecord(raw.entity) ? raw.entity : undefined;
  const target = parts.entityType === 'user' ? ocsfUser(entity?.user) : undefined;
  const reference = entityReference(parts, false);
  const context = isRecord(raw.context) ? raw.context : undefined;
  const location = isRecord(context?.location) ? context.location : undefined;
  const ms = entryMilliseconds(raw.date_create);
  const ip = parts.ip;
  const ipv6 = ip !== undefined && isIP(ip) === 6;

  const extension: Array<[key: string, value: string | undefined]> = [
    ['rt', ms === undefined ? undefined : String(ms)],
    ['externalId', filledString(raw.id)],
    ['act', action],
    ['cat', profile.ecs.category.join(',')],
    ['outcome', profile.ecs.outcome],
    ['suid', actor?.uid],
    ['suser', actor?.email_addr ?? actor?.full_name],
    ...labelled('flexString1', 'Actor Name', actor?.full_name),
    ['duid', target?.uid],
    ['duser', target?.email_addr ?? target?.full_name],
    ['src', ipv6 ? undefined : ip],
    ...labelled('c6a2', 'Source IPv6 Address', ipv6 ? ip : undefined),
    ['requestClientApplication', parts.userAgent],
    ...labelled('cs1', 'Entity Type', parts.entityType),
    ...labelled('cs2', 'Entity ID', reference?.uid),
    ...labelled('cs3', 'Entity Name', reference?.name),
    ...labelled('cs4', 'Location ID', filledString(location?.id)),
    ...labelled('cs5', 'Location Name', filledString(location?.name)),
    ...labelled('cs6', 'Details', isRecord(raw.details) ? JSON.stringify(raw.details) : undefined),
  ];
  const header = [
    'CEF:0',
    CEF_VENDOR,
    CEF_PRODUCT,
    VERSION,
    action ?? 'unknown',
    eventName(action),
    String(CEF_SEVERITIES[auditSeverityId(action)]),
  ];
  const pairs = extension.flatMap(([key, value]) =>
    value === undefined || value === '' ? [] : [`${key}=${cefExtensionValue(value)}`],
  );
  return `${header.map(cefHeaderValue).join('|')}|${pairs.join(' ')}`;
}

/** A custom field and its label, or nothing when the value is missing. */
function labelled(key: string, label: string, value: string | undefined): Array<[string, string | undefined]> {
  return value === undefined
    ? []
    : [
        [`${key}Label`, label],
        [key, value],
      ];
}

/** The action in words: `user_login_failed` → `User login failed`, `pref.sso_setting_changed` → `Pref sso setting changed`. */
function eventName(action: string | undefined): string {
  if (action === undefined) return 'Unknown action';
  const words = action.replace(/[_.]+/g, ' ').trim();
  return words === '' ? action : words.charAt(0).toUpperCase() + words.slice(1);
}
