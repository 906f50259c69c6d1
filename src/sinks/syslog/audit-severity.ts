import { actionProfile } from '../../normalise/action-profile.js';

/**
 * How much attention an action calls for, as the OCSF mapping rates it (`severity_id`): 1 Informational for most
 * actions, 2 Low for failures (`user_login_failed`, denials), 3 Medium for Slack's anomaly and malware detections
 * and compromised sessions. Syslog and CEF severities are read from it, so every output ranks an action alike.
 */
export function auditSeverityId(action: unknown): 1 | 2 | 3 {
  return actionProfile(typeof action === 'string' ? action : '').ocsf.severityId;
}

/**
 * RFC 5424 severity (0 Emergency … 7 Debug) of an action: Informational (6) for most, Warning (4) for failures,
 * Error (3) for detections. One syslog step per OCSF step, starting at Warning so that failures stand out.
 */
export function syslogSeverity(action: unknown): number {
  return SYSLOG_SEVERITIES[auditSeverityId(action)];
}

const SYSLOG_SEVERITIES = { 1: 6, 2: 4, 3: 3 } as const;
