// App approval automation (AAA): the rules that approve or restrict app installs automatically,
// and the install request they were checked against.

/** An app approval automation rule, as `details.matched_rule` or in `details.rules_checked`. */
export interface AAARule {
  id?: string;
  team_id?: string;
  title?: string;
  action?: AAARuleAction;
  condition?: AAARuleCondition;
}

/** What a rule does when it matches. */
export interface AAARuleAction {
  resolution?: AAARuleActionResolution;
  notify?: AAARuleActionNotify[];
}

/** The decision a matching rule makes, e.g. approve or restrict. */
export interface AAARuleActionResolution {
  value?: string;
}

/** Who a matching rule notifies. */
export interface AAARuleActionNotify {
  entity_type?: string;
}

/** When a rule matches: an operator over values (nested conditions allowed). */
export interface AAARuleCondition {
  datatype?: string;
  operator?: string;
  values?: AAARuleConditionValue[];
  entity_type?: string;
}

/** One operand of an AAARuleCondition. */
export interface AAARuleConditionValue {
  field?: string;
  values?: string[];
  datatype?: string;
  operator?: string;
}

/** The app install request that the rules were checked against. */
export interface AAARequest {
  id?: string;
  team_id?: string;
}
