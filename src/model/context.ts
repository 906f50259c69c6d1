import type { App } from './entity-objects.js';
import type { Location } from './location.js';

/** How and where the action was taken: location, client, session, and the app or agent involved. */
export interface Context {
  location?: Location;
  /** The client's User-Agent. */
  ua?: string;
  /** The client's IP address; may be `""`. */
  ip_address?: string;
  /** The docs show a string, recorded payloads a number, app events `null`. */
  session_id?: string | number | null;
  /** Present only when an app triggered the event (older payloads sent `null` on every event). */
  app?: App | null;
  /** The agent that acted for the user, e.g. `Slackbot`. */
  acting_agent?: string;
  /** The message that asked the agent to act; comes with `acting_agent`. */
  agent_message?: AgentMessage;
}

/** The message through which a user asked an agent (e.g. Slackbot) to act for them. */
export interface AgentMessage {
  team?: string;
  channel_id?: string;
  /** Message timestamp, `"1700000000.000100"` style. */
  message_ts?: string;
  thread_ts?: string;
}
