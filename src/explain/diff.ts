/**
 * What changed between two reviews, for `explain --base`: bindings added and removed, and per
 * binding that stayed, trust widened or narrowed, permissions granted and revoked, managed policies
 * attached and detached, lint findings new and resolved. Permissions are compared as
 * (effect, action, resource, conditions) tuples, so that reordering statements, renaming a Sid or
 * moving an action between statements changes nothing; only what a ServiceAccount may do counts.
 */
import type { Mode, Waiver } from "../bindings/model";
import { ActionPatternReview } from "./action-patterns";
import {
  BindingReview,
  compare,
  ConditionReview,
  FindingReview,
  ManagedPolicyReview,
  ReviewModel,
  StatementReview,
  TrustedServiceAccount,
} from "./review";

/** How a ServiceAccount reaches the role. */
export type TrustMechanism = "irsa" | "pod-identity";

export interface TrustReview extends TrustedServiceAccount {
  readonly mechanism: TrustMechanism;
}

/** Actions on resources under one effect and set of conditions, as in a statement. */
export interface PermissionGroup {
  /** The Sid of the statement that has (head) or had (base) these, when it has one. */
  readonly sid?: string;
  readonly effect: "Allow" | "Deny";
  /** NotAction: every action but these. */
  readonly notAction: boolean;
  readonly actions: readonly ActionPatternReview[];
  /** NotResource: every resource but these. */
  readonly notResource: boolean;
  readonly resources: readonly string[];
  readonly conditions: readonly ConditionReview[];
}

export interface Change<T> {
  readonly before: T;
  readonly after: T;
}

export interface BindingChange {
  readonly name: string;
  /** The base's name, when the binding was renamed (listed in previousNames). */
  readonly renamedFrom?: string;
  readonly mode?: Change<Mode>;
  readonly roleArn?: Change<string>;
  readonly permissionsBoundary?: Change<string | null>;
  readonly trustWidened: readonly TrustReview[];
  readonly trustNarrowed: readonly TrustReview[];
  /** Allow added. */
  readonly granted: readonly PermissionGroup[];
  /** Allow removed. */
  readonly revoked: readonly PermissionGroup[];
  readonly denyAdded: readonly PermissionGroup[];
  readonly denyRemoved: readonly PermissionGroup[];
  readonly managedPoliciesAttached: readonly ManagedPolicyReview[];
  readonly managedPoliciesDetached: readonly ManagedPolicyReview[];
  /** Findings in head whose (rule, message) the base did not have, not waived. */
  readonly newFindings: readonly FindingReview[];
  /** Findings of the base that head no longer has (or now waives). */
  readonly resolvedFindings: readonly FindingReview[];
  readonly waiversAdded: readonly Waiver[];
  readonly waiversRemoved: readonly Waiver[];
}

export interface ReviewDiff {
  readonly file: string;
  /** The base as the user named it: a git ref or a file. */
  readonly base: string;
  /** Full reviews, sorted by name. */
  readonly added: readonly BindingReview[];
  readonly removed: readonly BindingReview[];
  readonly changed: readonly BindingChange[];
  readonly unchanged: number;
}

export function diffReviews(base: ReviewModel, head: ReviewModel, baseLabel: string): ReviewDiff {
  const baseByName = new Map(base.bindings.map((b) => [b.name, b]));
  const matched = new Set<string>();
  const added: BindingReview[] = [];
  const changed: BindingChange[] = [];
  let unchanged = 0;
  for (const binding of head.bindings) {
    const before =
      baseByName.get(binding.name) ??
      binding.previousNames.map((n) => baseByName.get(n)).find((b) => b && !headHas(head, b.name));
    if (!before) {
      added.push(binding);
      continue;
    }
    matched.add(before.name);
    const change = bindingChange(before, binding);
    if (change) changed.push(change);
    else unchanged++;
  }
  return {
    file: head.file,
    base: baseLabel,
    added,
    removed: base.bindings.filter((b) => !matched.has(b.name)),
    changed,
    unchanged,
  };
}

export function isEmptyDiff(diff: ReviewDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
}

function headHas(head: ReviewModel, name: string): boolean {
  return head.bindings.some((b) => b.name === name);
}

function bindingChange(before: BindingReview, after: BindingReview): BindingChange | undefined {
  const trustBefore = trustOf(before);
  const trustAfter = trustOf(after);
  const tuplesBefore = permissionTuples(before.statements);
  const tuplesAfter = permissionTuples(after.statements);
  const grantedTuples = minus(tuplesAfter, tuplesBefore);
  const removedTuples = minus(tuplesBefore, tuplesAfter);
  const findingKey = (f: FindingReview) => `${f.rule}\0${f.message}`;
  const activeBefore = new Set(before.findings.filter((f) => f.waived === undefined).map(findingKey));
  const activeAfter = new Set(after.findings.filter((f) => f.waived === undefined).map(findingKey));
  const boundaryBefore = before.role.permissionsBoundary ?? null;
  const boundaryAfter = after.role.permissionsBoundary ?? null;
  const waiverKey = (w: Waiver) => `${w.rule}\0${w.reason}`;

  const change: BindingChange = {
    name: after.name,
    ...(before.name !== after.name ? { renamedFrom: before.name } : {}),
    ...(before.mode !== after.mode ? { mode: { before: before.mode, after: after.mode } } : {}),
    ...(before.role.arn !== after.role.arn ? { roleArn: { before: before.role.arn, after: after.role.arn } } : {}),
    ...(boundaryBefore !== boundaryAfter
      ? { permissionsBoundary: { before: boundaryBefore, after: boundaryAfter } }
      : {}),
    trustWidened: minusBy(trustAfter, trustBefore, trustKey),
    trustNarrowed: minusBy(trustBefore, trustAfter, trustKey),
    granted: groupTuples(grantedTuples.filter((t) => t.effect === "Allow")),
    revoked: groupTuples(removedTuples.filter((t) => t.effect === "Allow")),
    denyAdded: groupTuples(grantedTuples.filter((t) => t.effect === "Deny")),
    denyRemoved: groupTuples(removedTuples.filter((t) => t.effect === "Deny")),
    managedPoliciesAttached: minusBy(after.managedPolicies, before.managedPolicies, (p) => p.arn),
    managedPoliciesDetached: minusBy(before.managedPolicies, after.managedPolicies, (p) => p.arn),
    newFindings: after.findings.filter((f) => f.waived === undefined && !activeBefore.has(findingKey(f))),
    resolvedFindings: before.findings.filter((f) => f.waived === undefined && !activeAfter.has(findingKey(f))),
    waiversAdded: minusBy(after.waivers, before.waivers, waiverKey),
    waiversRemoved: minusBy(before.waivers, after.waivers, waiverKey),
  };
  const lists = [
    change.trustWidened,
    change.trustNarrowed,
    change.granted,
    change.revoked,
    change.denyAdded,
    change.denyRemoved,
    change.managedPoliciesAttached,
    change.managedPoliciesDetached,
    change.newFindings,
    change.resolvedFindings,
    change.waiversAdded,
    change.waiversRemoved,
  ];
  const scalarChanged = change.renamedFrom || change.mode || change.roleArn || change.permissionsBoundary;
  return scalarChanged || lists.some((list) => list.length > 0) ? change : undefined;
}

/** Every (mechanism, cluster, ServiceAccount) the role trusts; `both` trusts through both. */
export function trustOf(binding: BindingReview): TrustReview[] {
  const mechanisms: TrustMechanism[] = binding.mode === "both" ? ["irsa", "pod-identity"] : [binding.mode];
  return binding.serviceAccounts.flatMap((sa) => mechanisms.map((mechanism) => ({ ...sa, mechanism })));
}

function trustKey(t: TrustReview): string {
  return `${t.cluster}\0${t.namespace}\0${t.name}\0${t.mechanism}`;
}

/** One action pattern on one resource pattern: the unit of a permission change. */
interface PermissionTuple {
  readonly key: string;
  readonly groupKey: string;
  readonly sid?: string;
  readonly effect: "Allow" | "Deny";
  readonly notAction: boolean;
  readonly action: ActionPatternReview;
  readonly notResource: boolean;
  readonly resource: string;
  readonly conditions: readonly ConditionReview[];
}

function permissionTuples(statements: readonly StatementReview[]): PermissionTuple[] {
  const tuples: PermissionTuple[] = [];
  for (const statement of statements) {
    const notAction = statement.notActions !== undefined;
    const notResource = statement.notResources !== undefined;
    const conditions = statement.conditions ?? [];
    // The Sid names the group in the output; it is no part of what is allowed.
    const shape = JSON.stringify([statement.effect, notAction, notResource, conditions]);
    for (const action of statement.actions ?? statement.notActions ?? []) {
      for (const resource of statement.resources ?? statement.notResources ?? []) {
        tuples.push({
          key: `${shape}\0${action.pattern}\0${resource}`,
          groupKey: `${statement.sid ?? ""}\0${shape}`,
          ...(statement.sid ? { sid: statement.sid } : {}),
          effect: statement.effect,
          notAction,
          action,
          notResource,
          resource,
          conditions,
        });
      }
    }
  }
  return tuples;
}

function minus(a: readonly PermissionTuple[], b: readonly PermissionTuple[]): PermissionTuple[] {
  const seen = new Set(b.map((t) => t.key));
  const out: PermissionTuple[] = [];
  for (const t of a) {
    if (seen.has(t.key)) continue;
    seen.add(t.key); // the same permission in two statements counts once
    out.push(t);
  }
  return out;
}

/**
 * Tuples back into statement-like groups: per statement shape, the actions that share the same
 * resources together, so one resource added to a statement of five actions reads as one line.
 */
function groupTuples(tuples: readonly PermissionTuple[]): PermissionGroup[] {
  const byShape = new Map<string, PermissionTuple[]>();
  for (const t of tuples) byShape.set(t.groupKey, [...(byShape.get(t.groupKey) ?? []), t]);
  const groups: PermissionGroup[] = [];
  for (const shapeTuples of byShape.values()) {
    const resourcesByAction = new Map<string, { action: ActionPatternReview; resources: string[] }>();
    for (const t of shapeTuples) {
      const entry = resourcesByAction.get(t.action.pattern) ?? { action: t.action, resources: [] };
      entry.resources.push(t.resource);
      resourcesByAction.set(t.action.pattern, entry);
    }
    const byResources = new Map<string, { actions: ActionPatternReview[]; resources: string[] }>();
    for (const { action, resources } of resourcesByAction.values()) {
      const sorted = [...resources].sort(compare);
      const key = sorted.join("\0");
      const entry = byResources.get(key) ?? { actions: [], resources: sorted };
      entry.actions.push(action);
      byResources.set(key, entry);
    }
    const first = shapeTuples[0];
    for (const { actions, resources } of byResources.values()) {
      groups.push({
        ...(first.sid ? { sid: first.sid } : {}),
        effect: first.effect,
        notAction: first.notAction,
        actions: [...actions].sort((a, b) => compare(a.pattern, b.pattern)),
        notResource: first.notResource,
        resources,
        conditions: first.conditions,
      });
    }
  }
  return groups.sort(
    (a, b) =>
      compare(a.sid ?? "", b.sid ?? "") ||
      compare(a.actions[0].pattern, b.actions[0].pattern) ||
      compare(a.resources.join("\0"), b.resources.join("\0")),
  );
}

function minusBy<T>(a: readonly T[], b: readonly T[], key: (item: T) => string): T[] {
  const keys = new Set(b.map(key));
  return a.filter((item) => !keys.has(key(item)));
}
