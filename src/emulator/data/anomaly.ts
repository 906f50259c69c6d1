import type { Details } from '../../model/index.js';
import { CITIES } from './names.js';
import { ipAddress, type Organization, type OrgUser } from './org.js';
import type { Rng } from './rng.js';
import { BROWSER_USER_AGENTS } from './user-agents.js';

/** The documented anomaly reasons that stand on their own (the paired ones are added by `pairedReasons`). */
const SOLO_REASONS = [
  'ip_address',
  'excessive_downloads',
  'excessive_file_shares',
  'excessive_malware_uploads',
  'session_fingerprint',
  'tor',
  'unexpected_admin_action',
  'unexpected_api_call_volume',
  'unexpected_message_deletion',
  'unexpected_scraping',
  'user_agent',
] as const;

/**
 * The details of an `anomaly` entry: one or two reasons (with the partners the docs say always come along:
 * `asn` with `ip_address`, `spoofed_user_agent` with `unexpected_client`, `unexpected_user_agent` with `user_agent`),
 * the microsecond `action_timestamp` and the fields each reason brings.
 */
export function anomalyDetails(rng: Rng, org: Organization, actor: OrgUser, dateCreate: number): Details {
  const reasons = new Set<string>();
  const roll = rng.next();
  if (roll < 0.25) reasons.add('asn').add('ip_address');
  else if (roll < 0.32) reasons.add('spoofed_user_agent').add('unexpected_client');
  else if (roll < 0.4) reasons.add('unexpected_user_agent').add('user_agent');
  else if (roll < 0.45) reasons.add('potential_spam');
  else reasons.add(rng.pick(SOLO_REASONS));
  if (rng.chance(0.15)) reasons.add(rng.pick(SOLO_REASONS));
  const details: Details = {
    action_timestamp: (dateCreate - rng.between(5, 120)) * 1_000_000 + rng.int(1_000_000),
    location: rng.pick(CITIES),
    reason: [...reasons],
  };
  if (reasons.has('ip_address') || reasons.has('asn') || reasons.has('tor')) {
    details.previous_ip_address = actor.ipAddresses[0] ?? ipAddress(rng);
    details.ip_address_details = [rng.pick(['new-asn', 'cloud-asn', 'in-ioc-list'])];
  }
  if (reasons.has('user_agent') || reasons.has('unexpected_user_agent') || reasons.has('session_fingerprint')) {
    details.previous_ua = actor.userAgents[0] ?? rng.pick(BROWSER_USER_AGENTS);
  }
  if (reasons.has('unexpected_client') || reasons.has('spoofed_user_agent')) {
    details.detected_client = rng.pick(['curl', 'python-requests', 'headless-chrome']);
    details.detected_os = rng.pick(['Linux', 'Windows', 'macOS']);
  }
  if (reasons.has('potential_spam'))
    details.api_call_method = rng.pick(['functions.workflows.publish', 'chat.postMessage']);
  if (reasons.has('unexpected_message_deletion')) details.channel = rng.pick(org.channels).id;
  return details;
}
