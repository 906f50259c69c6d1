import type { KnownActionCategory } from '../model/actions.js';
import { KNOWN_ACTIONS } from '../model/known-actions.js';
import { ACTION_FAMILIES, type ActionFamily, FALLBACK_FAMILY, IDENTITY_WORDS } from './action-families.js';
import { type ActionOperation, type ActionWords, readActionWords } from './action-words.js';
import {
  ECS_EXPECTED_EVENT_TYPES,
  type EcsEventCategory,
  type EcsEventKind,
  type EcsEventOutcome,
  type EcsEventType,
} from './ecs-schema.js';
import { activityFor, OTHER_ACTIVITY } from './ocsf-activities.js';
import { OCSF_CLASSES, OCSF_SEVERITIES, type OcsfClassName } from './ocsf-schema.js';

/** How every entry of one action is classified, worked out once per action name. */
export interface ActionProfile {
  readonly action: string;
  readonly family: ActionFamily;
  readonly words: ActionWords;
  /** Whether the action's noun is the family's object (`channel_created`) or a part of it (`channel_tab_added`). */
  readonly onObject: boolean;
  readonly ecs: EcsClassification;
  readonly ocsf: OcsfClassification;
}

/** The ECS categorisation fields of an action. */
export interface EcsClassification {
  readonly kind: EcsEventKind;
  readonly category: readonly EcsEventCategory[];
  readonly type: readonly EcsEventType[];
  readonly outcome: EcsEventOutcome | undefined;
}

/** The OCSF classification of an action: the classes to try, best first, and what holds for all of them. */
export interface OcsfClassification {
  readonly plans: readonly OcsfClassPlan[];
  readonly severityId: 1 | 2 | 3;
  readonly severity: string;
}

/** One class an action can be expressed in, with its identifiers and captions resolved. */
export interface OcsfClassPlan {
  readonly className: OcsfClassName;
  readonly classUid: number;
  readonly classCaption: string;
  readonly categoryUid: number;
  readonly categoryCaption: string;
  readonly activityId: number;
  /** The activity's caption; the action's name when the activity is 99 (Other). */
  readonly activityName: string;
  readonly typeUid: number;
  readonly typeName: string;
  /** 1 (Success) or 2 (Failure) where the action says so and the class's statuses mean that. */
  readonly statusId: number | undefined;
  readonly status: string | undefined;
}

/** Names that call for attention: Slack's anomaly and malware detections, compromised sessions. */
const ALARMING_ACTIONS = /^anomaly$|suspicious|malicious|compromised/;
/** Enough for every known action and the unknown ones a real stream brings; past it, profiles are not kept. */
const PROFILE_CACHE_LIMIT = 10_000;
const profiles = new Map<string, ActionProfile>();
let knownCategories: Map<string, readonly KnownActionCategory[]> | undefined;

/** The profile of an action name, from the cache after its first use. Any string is accepted. */
export function actionProfile(action: string): ActionProfile {
  let profile = profiles.get(action);
  if (profile === undefined) {
    profile = buildProfile(action);
    if (profiles.size < PROFILE_CACHE_LIMIT) profiles.set(action, profile);
  }
  return profile;
}

/** The family an action belongs to: the first whose pattern or `/actions` categories match it. */
export function familyOf(action: string): ActionFamily {
  knownCategories ??= new Map(KNOWN_ACTIONS.map((known) => [known.name, known.categories]));
  const categories = knownCategories.get(action) ?? [];
  return (
    ACTION_FAMILIES.find(
      (family) =>
        family.pattern?.test(action) === true || categories.some((category) => family.categories?.includes(category)),
    ) ?? FALLBACK_FAMILY
  );
}

function buildProfile(action: string): ActionProfile {
  const family = familyOf(action);
  const words = readActionWords(action);
  const onObject = words.object === undefined && family.nouns?.includes(words.noun) === true;
  const outcome = words.outcome ?? family.outcome;
  return {
    action,
    family,
    words,
    onObject,
    ecs: ecsClassification(action, family, words, outcome),
    ocsf: ocsfClassification(action, family, words, onObject, outcome),
  };
}

function ecsClassification(
  action: string,
  family: ActionFamily,
  words: ActionWords,
  outcome: EcsEventOutcome | undefined,
): EcsClassification {
  const category =
    family === FALLBACK_FAMILY && IDENTITY_WORDS.test(action) ? (['iam'] as const) : family.ecs.categories;
  const expected = (type: EcsEventType) => category.every((c) => ECS_EXPECTED_EVENT_TYPES[c].includes(type));
  const verbType = family.ecs.type ?? ecsTypeOfOperation(words.operation);
  const types = new Set<EcsEventType>([expected(verbType) ? verbType : 'info', ...(family.ecs.types ?? [])]);
  for (const [pattern, extra] of family.ecs.typesWhen ?? []) {
    if (pattern.test(action)) for (const type of extra) types.add(type);
  }
  return { kind: family.ecs.kind ?? 'event', category, type: [...types].filter(expected), outcome };
}

/** The `event.type` an action's verb gives, before its family's categories are consulted. */
export function ecsTypeOfOperation(operation: ActionOperation): EcsEventType {
  switch (operation) {
    case 'create':
    case 'upload':
    case 'copy':
    case 'install':
      return 'creation';
    case 'delete':
    case 'uninstall':
      return 'deletion';
    case 'read':
    case 'download':
      return 'access';
    case 'login':
    case 'start':
      return 'start';
    case 'logout':
    case 'end':
      return 'end';
    case 'notice':
      return 'info';
    default:
      return 'change';
  }
}

function ocsfClassification(
  action: string,
  family: ActionFamily,
  words: ActionWords,
  onObject: boolean,
  outcome: 'success' | 'failure' | undefined,
): OcsfClassification {
  const classNames = new Set<OcsfClassName>([...family.ocsf.classes, 'api_activity', 'base_event']);
  const plans = [...classNames].map((className) => {
    const named = family.ocsf.activities?.[className]?.find(([pattern]) => pattern.test(action));
    const activityId = named?.[1] ?? activityFor(className, words.operation, onObject);
    return classPlan(className, activityId, action, outcome);
  });
  const severityId = ALARMING_ACTIONS.test(action) ? 3 : outcome === 'failure' ? 2 : 1;
  return { plans, severityId, severity: OCSF_SEVERITIES[severityId] };
}

/** The status captions an outcome must have in a class to be stated (findings use 1 and 2 for New and In Progress). */
const OUTCOME_STATUSES = { success: [1, 'Success'], failure: [2, 'Failure'] } as const;

function classPlan(
  className: OcsfClassName,
  activityId: number,
  action: string,
  outcome: 'success' | 'failure' | undefined,
): OcsfClassPlan {
  const info = OCSF_CLASSES[className];
  const caption = (info.activities as Readonly<Record<number, string>>)[activityId];
  if (caption === undefined) throw new Error(`${info.caption} has no activity ${activityId} (for ${action})`);
  const [statusId, status] = outcome === undefined ? [] : OUTCOME_STATUSES[outcome];
  const stated = statusId !== undefined && (info.statuses as Readonly<Record<number, string>>)[statusId] === status;
  return {
    className,
    classUid: info.uid,
    classCaption: info.caption,
    categoryUid: info.categoryUid,
    categoryCaption: info.categoryCaption,
    activityId,
    activityName: activityId === OTHER_ACTIVITY && action !== '' ? action : caption,
    typeUid: info.uid * 100 + activityId,
    typeName: `${info.caption}: ${caption}`,
    statusId: stated ? statusId : undefined,
    status: stated ? status : undefined,
  };
}
