// SKELETON: the model helper completes this file.

/** The body of `GET /actions`: action names grouped by category. */
export interface ActionsResponse {
  actions: Record<string, string[]>;
}
