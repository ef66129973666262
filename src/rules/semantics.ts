/**
 * What a statement means, as the rules judge it: which actions it grants, on which resources, and
 * whether its conditions narrow it. Every rule asks these questions here, so that a policy as
 * broad as one a rule flags is flagged in any spelling: `s3:?*` is `s3:*`, `Iam:PutRolePolicy` is
 * `iam:PutRolePolicy`, `notActions: [s3:*]` grants `iam:PassRole`, `arn:*:*:*:*:*` and
 * `arn:aws:iam::111122223333:role/*` are every role, `StringLike iam:PassedToService: "*"`
 * restricts nothing.
 *
 * - Actions: a pattern is the set of actions it matches (IAM's glob, any case); NotAction grants
 *   every action its patterns do not match.
 * - Resources: judged against the ARN templates of the action's resource types in the catalogue
 *   (src/iam/resource-pattern.ts); an action without resource types is granted by `*` alone.
 *   NotResource grants every resource but its own.
 * - Conditions: evaluated for a request that carries the key with a given value; keys the
 *   question is not about are assumed satisfiable, so a condition on them never hides a grant.
 */
import type { Binding } from "../bindings/model";
import { actionInfo, type ActionInfo } from "../catalog/iam-actions";
import { actionMatches } from "../iam/action-pattern";
import { coversTemplate, globMatches, mayMatchTemplate } from "../iam/resource-pattern";
import type { Conditions, ConditionValue } from "../iam/types";
import type { LintContext } from "./rule";
import { isEveryAction, type StatementView } from "./statements";

/** Where a statement grants an action: a pattern of its `actions`, or its `notActions` as a whole. */
export type ActionGrant =
  { readonly field: "actions"; readonly index: number; readonly pattern: string } | { readonly field: "notActions" };

/**
 * Where the statement names `action` (a catalogue spelling, `iam:PassRole`) for its effect: the
 * first pattern of `actions` that matches it, or `notActions` when none of those matches it.
 * Patterns that match every action are IAM001's and left out, unless `everyAction`.
 */
export function actionGrant(
  view: StatementView,
  action: string,
  { everyAction = false } = {},
): ActionGrant | undefined {
  if (view.notActions) {
    return view.notActions.some((pattern) => actionMatches(pattern, action)) ? undefined : { field: "notActions" };
  }
  const index = (view.actions ?? []).findIndex(
    (pattern) => (everyAction || !isEveryAction(pattern)) && actionMatches(pattern, action),
  );
  return index < 0 ? undefined : { field: "actions", index, pattern: view.actions![index] };
}

const amongCaches = new WeakMap<readonly string[], Map<string, readonly string[]>>();

/**
 * The actions of `candidates` (catalogue spellings) a pattern matches, memoised per list and
 * pattern: the same patterns recur across bindings, and every binding that attaches a managed
 * policy repeats its statements. Patterns that match every action give [] (IAM001's).
 */
export function matchedAmong(candidates: readonly string[], pattern: string): readonly string[] {
  let cache = amongCaches.get(candidates);
  if (!cache) {
    cache = new Map();
    amongCaches.set(candidates, cache);
  }
  let matched = cache.get(pattern);
  if (!matched) {
    matched = isEveryAction(pattern) ? [] : candidates.filter((action) => actionMatches(pattern, action));
    cache.set(pattern, matched);
  }
  return matched;
}

/** Whether a statement names any of `candidates` for its effect (cheaper than namedAmong). */
export function namesAny(view: StatementView, candidates: readonly string[]): boolean {
  if (view.notActions) {
    const excluded = new Set(view.notActions.flatMap((pattern) => matchedAmong(candidates, pattern)));
    return excluded.size < candidates.length;
  }
  return (view.actions ?? []).some((pattern) => matchedAmong(candidates, pattern).length > 0);
}

/** The actions of `candidates` a statement names for its effect (its patterns, or all but its notActions). */
export function namedAmong(view: StatementView, candidates: readonly string[]): ReadonlySet<string> {
  if (view.notActions) {
    const excluded = new Set(view.notActions.flatMap((pattern) => matchedAmong(candidates, pattern)));
    return new Set(candidates.filter((action) => !excluded.has(action)));
  }
  return new Set((view.actions ?? []).flatMap((pattern) => matchedAmong(candidates, pattern)));
}

/** The partition the binding's role acts in (`aws`), for resource patterns. */
export function partitionOf(binding: Binding, context: LintContext): string {
  return context.model.accounts.get(binding.account)?.partition ?? "aws";
}

/** Where a statement's resources reach every resource of an action. */
export type ResourceCover =
  { readonly field: "resources"; readonly index: number } | { readonly field: "notResources" };

const coverCache = new Map<string, boolean>();

/**
 * Whether one resource pattern covers every resource of the action: every template of one of its
 * resource types (a request targets one type), in some account and region of the partition. An
 * action that only takes `*` is covered by `*` alone: IAM grants it on nothing else.
 */
export function patternCoversAction(pattern: string, info: ActionInfo, partition: string): boolean {
  if (pattern === "*") return true;
  if (info.resourceTypes.length === 0) return false;
  const key = `${partition} ${info.action} ${pattern}`;
  let hit = coverCache.get(key);
  if (hit === undefined) {
    hit = info.resourceTypes.some((type) =>
      type.arns.length === 0
        ? coversUnknownType(pattern, info.service)
        : type.arns.every((template) => coversTemplate(pattern, { template, partition })),
    );
    coverCache.set(key, hit);
  }
  return hit;
}

/** Without a template: only a pattern with wildcards in every segment after the service covers. */
function coversUnknownType(pattern: string, service: string): boolean {
  const parts = pattern.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return false;
  return globMatches(parts[2].toLowerCase(), service) && parts.slice(3).every((p) => /^[*?]*\*[*?]*$/.test(p));
}

/** Whether a resource pattern may match at least one resource of the action. */
export function patternReachesAction(pattern: string, info: ActionInfo, partition: string): boolean {
  if (pattern === "*") return true;
  if (info.resourceTypes.length === 0) return false;
  return info.resourceTypes.some(
    (type) =>
      type.arns.length === 0 || type.arns.some((template) => mayMatchTemplate(pattern, { template, partition })),
  );
}

/** The first place where the statement's resources cover every resource of the action, if any. */
export function resourceCover(view: StatementView, info: ActionInfo, partition: string): ResourceCover | undefined {
  if (view.notResources) {
    // Every resource but these: all of them, unless these are all of them.
    return view.notResources.some((pattern) => patternCoversAction(pattern, info, partition))
      ? undefined
      : { field: "notResources" };
  }
  const index = (view.resources ?? []).findIndex((pattern) => patternCoversAction(pattern, info, partition));
  return index < 0 ? undefined : { field: "resources", index };
}

/** Every resource pattern of the statement that covers every resource of the action (indexes). */
export function coveringResources(view: StatementView, info: ActionInfo, partition: string): number[] {
  return (view.resources ?? []).flatMap((pattern, i) => (patternCoversAction(pattern, info, partition) ? [i] : []));
}

/** Whether the statement's resources may match some resource of the action (it grants it somewhere). */
export function reachesResources(view: StatementView, info: ActionInfo, partition: string): boolean {
  if (view.notResources) return !view.notResources.some((pattern) => patternCoversAction(pattern, info, partition));
  return (view.resources ?? []).some((pattern) => patternReachesAction(pattern, info, partition));
}

/**
 * Whether an unconditional Deny among the statements takes the action away on every resource: then
 * no Allow of it counts. A Deny with conditions may not apply, so it takes nothing away here.
 */
export function deniedEverywhere(views: readonly StatementView[], action: string, partition: string): boolean {
  const info = actionInfo(action);
  return views.some(
    (view) =>
      view.effect === "Deny" &&
      !view.conditions &&
      actionGrant(view, action, { everyAction: true }) !== undefined &&
      (info ? resourceCover(view, info, partition) !== undefined : (view.resources ?? []).includes("*")),
  );
}

// ---- Conditions --------------------------------------------------------------------------------

function valuesOf(value: ConditionValue | readonly ConditionValue[]): string[] {
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** Whether one operator admits a value of the key: undefined when it cannot be judged here. */
function operatorAdmits(operator: string, values: readonly string[], value: string): boolean | undefined {
  const base = operator.replace(/^(ForAllValues|ForAnyValue):/, "").replace(/IfExists$/, "");
  switch (base) {
    case "StringEquals":
      return values.includes(value);
    case "StringNotEquals":
      return !values.includes(value);
    case "StringEqualsIgnoreCase":
      return values.some((v) => v.toLowerCase() === value.toLowerCase());
    case "StringNotEqualsIgnoreCase":
      return !values.some((v) => v.toLowerCase() === value.toLowerCase());
    case "StringLike":
    case "ArnLike":
    case "ArnEquals":
      return values.some((v) => globMatches(v, value));
    case "StringNotLike":
    case "ArnNotLike":
    case "ArnNotEquals":
      return !values.some((v) => globMatches(v, value));
    case "Null":
      // The key is present: `Null: true` asks for it to be absent.
      return values.every((v) => v.toLowerCase() === "false");
    default:
      return undefined;
  }
}

/**
 * Whether the conditions admit a request in which `key` has `value`. Only the operators on that key
 * are judged (keys are case-insensitive; several operators and keys are ANDed); an operator this
 * does not evaluate (numbers, dates, IP addresses) is taken to admit it.
 */
export function admitsValue(conditions: Conditions | undefined, key: string, value: string): boolean {
  for (const [operator, block] of Object.entries(conditions ?? {})) {
    for (const [name, values] of Object.entries(block)) {
      if (name.toLowerCase() !== key.toLowerCase()) continue;
      if (operatorAdmits(operator, valuesOf(values), value) === false) return false;
    }
  }
  return true;
}

/**
 * Global keys every request of a pod's role carries (the "Availability" of each key in AWS's
 * global condition keys page): requiring them to be present requires nothing.
 */
const ALWAYS_PRESENT: ReadonlySet<string> = new Set(
  [
    "aws:PrincipalArn",
    "aws:PrincipalAccount",
    "aws:PrincipalType",
    "aws:userid",
    "aws:CurrentTime",
    "aws:EpochTime",
    "aws:SecureTransport",
    "aws:ViaAWSService",
    "aws:PrincipalIsAWSService",
    "aws:RequestedRegion",
  ].map((key) => key.toLowerCase()),
);

/** Whether a value matches every value of its operator's type. */
function universalValue(base: string, value: string): boolean {
  const wild = /^[*?]*\*[*?]*$/.test(value) && !/\?.*\?/.test(value);
  if (base === "StringLike") return wild;
  if (base === "ArnLike" || base === "ArnEquals") {
    // `*`, `arn:*`, `arn:*:*:*:*:*`: any ARN (engines differ on a bare `*`; the broader reading wins here).
    const segments = value.split(":");
    return wild || (segments[0] === "arn" && segments.slice(1).every((s) => /^[*?]*\*[*?]*$/.test(s)));
  }
  if (base === "DateGreaterThan" || base === "DateGreaterThanEquals") {
    const time = Date.parse(value);
    return !Number.isNaN(time) && time <= 0;
  }
  return false;
}

/** Whether one condition narrows what a statement grants (semantics.md (c) of the lint research). */
function entryRestricts(operator: string, key: string, values: readonly string[]): boolean {
  if (operator.startsWith("ForAllValues:")) return false; // true when the key is missing or empty
  const ifExists = operator.endsWith("IfExists");
  const base = operator.replace(/^ForAnyValue:/, "").replace(/IfExists$/, "");
  const present = ALWAYS_PRESENT.has(key.toLowerCase());
  if (base === "Null") return !(present && values.every((v) => v.toLowerCase() === "false"));
  if (base === "IpAddress" && values.includes("0.0.0.0/0") && values.includes("::/0")) return !ifExists && !present;
  if (values.some((value) => universalValue(base, value))) return !ifExists && !present;
  // A value that restricts; with IfExists, only requests that carry the key.
  return !ifExists || present;
}

/**
 * Whether the conditions narrow the resources a statement reaches: a restricting condition on a
 * resource's tags (`aws:ResourceTag/...`, `s3:ExistingObjectTag/...`), on the tags of what it
 * creates (`aws:RequestTag/...`) or on a service's own keys (`kms:ViaService`, `s3:prefix`). A
 * condition that restricts nothing (`StringLike k: "*"` with IfExists, `ForAllValues:...`) or
 * only says where the request comes from (`aws:SourceIp`) narrows nothing.
 */
export function narrowsResources(conditions: Conditions | undefined): boolean {
  for (const [operator, block] of Object.entries(conditions ?? {})) {
    for (const [key, values] of Object.entries(block)) {
      const lower = key.toLowerCase();
      const aboutResources =
        !lower.startsWith("aws:") || lower.startsWith("aws:resourcetag/") || lower.startsWith("aws:requesttag/");
      if (aboutResources && entryRestricts(operator, key, valuesOf(values))) return true;
    }
  }
  return false;
}

/**
 * Whether the conditions limit `key` to some values: none admits `unnamed`, a value of the key's
 * shape that no policy names. `StringEquals iam:PassedToService: ec2.amazonaws.com` limits;
 * `StringLike ...: "*"` or `"*.amazonaws.com"`, `StringLikeIfExists`, `StringNotEquals` (every value
 * but some) and `Null: false` do not.
 */
export function limitsValues(conditions: Conditions | undefined, key: string, unnamed: string): boolean {
  return !admitsValue(conditions, key, unnamed);
}
