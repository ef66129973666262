/**
 * Permissions as a diff compares them: (effect, action, resource, conditions) tuples, so that
 * reordering statements, renaming a Sid or moving an action between statements changes nothing;
 * and back into statement-like groups for the reader.
 */
import { compare } from "../util/order";
import type { ActionPatternReview } from "./action-patterns";
import type { ConditionReview, StatementReview } from "./review";

/** Actions on resources under one effect and set of conditions, as in a statement. */
export interface PermissionGroup {
  /** The Sid of the statement that has (head) or had (base) these, when it has one. */
  readonly sid?: string;
  /** The preset whose statement it is, for a preset's. */
  readonly preset?: string;
  /** The file's policy whose statement it is, for one of theirs. */
  readonly policy?: string;
  readonly effect: "Allow" | "Deny";
  /** NotAction: every action but these. */
  readonly notAction: boolean;
  readonly actions: readonly ActionPatternReview[];
  /** NotResource: every resource but these. */
  readonly notResource: boolean;
  readonly resources: readonly string[];
  readonly conditions: readonly ConditionReview[];
}

/** One action pattern on one resource pattern: the unit of a permission change. */
export interface PermissionTuple {
  readonly key: string;
  readonly groupKey: string;
  readonly sid?: string;
  readonly preset?: string;
  readonly policy?: string;
  readonly effect: "Allow" | "Deny";
  readonly notAction: boolean;
  readonly action: ActionPatternReview;
  readonly notResource: boolean;
  readonly resource: string;
  readonly conditions: readonly ConditionReview[];
}

/**
 * The tuples of statements; of a preset's or a file policy's, named with it (which, like the Sid,
 * is no part of what is allowed: a permission moved between a preset and a statement is no change).
 */
export function permissionTuples(
  statements: readonly StatementReview[],
  preset?: string,
  policy?: string,
): PermissionTuple[] {
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
          groupKey: `${preset ?? ""}\0${policy ?? ""}\0${statement.sid ?? ""}\0${shape}`,
          ...(statement.sid ? { sid: statement.sid } : {}),
          ...(preset !== undefined ? { preset } : {}),
          ...(policy !== undefined ? { policy } : {}),
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

export function minus(a: readonly PermissionTuple[], b: readonly PermissionTuple[]): PermissionTuple[] {
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
export function groupTuples(tuples: readonly PermissionTuple[]): PermissionGroup[] {
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
        ...(first.preset !== undefined ? { preset: first.preset } : {}),
        ...(first.policy !== undefined ? { policy: first.policy } : {}),
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
      compare(a.preset ?? "", b.preset ?? "") ||
      compare(a.policy ?? "", b.policy ?? "") ||
      compare(a.sid ?? "", b.sid ?? "") ||
      compare(a.actions[0].pattern, b.actions[0].pattern) ||
      compare(a.resources.join("\0"), b.resources.join("\0")),
  );
}
