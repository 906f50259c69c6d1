/** Where an event happened (`context.location`), or a workspace/enterprise entity. */
export interface Location {
  /** Only on `context.location`. */
  type?: LocationType;
  /** `T…` for a workspace, `E…` for the enterprise. */
  id?: string;
  name?: string;
  /** The subdomain, e.g. `birdland` for birdland.slack.com. */
  domain?: string;
}

/** The kind of location. Always a workspace or the enterprise today; other strings are still accepted. */
export type LocationType = 'workspace' | 'enterprise' | (string & {});
