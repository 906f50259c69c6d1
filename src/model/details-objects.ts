// The objects nested in `details`, apart from the app approval automation rules (aaa-rule.ts).

/** A channel's message retention, on `channel_retention_changed`. */
export interface RetentionPolicy {
  /** `RETAIN_ALL`, `RETAIN_MSGS`, `EXPIRE_ALL`, `EXPIRE_MSGS`, … */
  type?: string;
  duration_days?: number;
}

/** Who may do something in a channel (post, thread, DM anyone): account types and user ids. */
export interface ConversationPref {
  /** Account type groups, e.g. `owner`, `admin`, `org_admin`. */
  type?: string[];
  /** User ids allowed on top of the groups. */
  user?: string[];
}

/** Whether a channel feature (`@here`, `@channel`, huddles) is on. */
export interface FeatureEnablement {
  enabled?: boolean;
}

/** Where a file was shared, on `file_shared`. */
export interface SharedWith {
  channel_id?: string;
  access_level?: string;
}

/** The profile before or after `user_profile_updated`. Image fields are URLs; the number is the size in px. */
export interface Profile {
  real_name?: string;
  first_name?: string;
  last_name?: string;
  display_name?: string;
  image_original?: string;
  image_24?: string;
  image_32?: string;
  image_48?: string;
  image_72?: string;
  image_192?: string;
  image_512?: string;
  image_1024?: string;
}

/** An opaque reference to a file in a space. */
export interface SpaceFileId {
  payload?: string;
}

/** One attribute of a datastore or custom object. */
export interface Attribute {
  name?: string;
  type?: string;
  /** The element type when `type` is a list. */
  items?: AttributeItems;
}

/** The element type of a list-typed Attribute. */
export interface AttributeItems {
  type?: string;
}

/** One permission an app asked for or was granted: a resource and the scopes on it. */
export interface AppPermission {
  resource?: AppPermissionResource;
  scopes?: string[];
}

/** What an AppPermission applies to. */
export interface AppPermissionResource {
  type?: string;
  grant?: AppPermissionGrant;
}

/** How an AppPermission's resource was granted: one resource or a wildcard. */
export interface AppPermissionGrant {
  type?: string;
  resource_id?: string;
  wildcard?: { type?: string };
}
