// Limits of GET /logs that the API enforces: the client checks them before sending, the emulator answers as Slack
// does when they are broken. One definition for both.

/** The most action names one request may filter on. */
export const MAX_ACTIONS = 30;
/** The largest page Slack serves. */
export const MAX_LIMIT = 9999;
/** No audit data exists before the Audit Logs API launched: 2018-03-01T00:00:00Z, in Unix seconds. */
export const EARLIEST_AUDIT_SECONDS = 1_519_862_400;
