/** Who performed an action. `type` is always `user` today; apps act through a bot user. */
export interface Actor {
  type?: string;
  user?: User;
}

/**
 * A Slack user, as `actor.user`, `entity.user` and (extended) `details.inviter`/`kicker`.
 * `USLACKUSER` stands for "nobody", `USLACKSECURITY` for Slack Security.
 */
export interface User {
  /** User id, e.g. `W123AB456`. */
  id?: string;
  name?: string;
  /** Bot users have `botuser-<team>-<app>@slack-bots.com`. */
  email?: string;
  /** The workspace or enterprise id the user belongs to. */
  team?: string;
  /** Newer payloads only, e.g. `Member`, `Guest`. */
  account_type?: string;
}
