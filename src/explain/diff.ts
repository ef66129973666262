/**
 * What changed between two reviews, for `explain --base`: bindings added and removed, and per
 * binding that stayed, trust widened or narrowed, permissions granted and revoked, managed policies
 * attached and detached, lint findings new and resolved. Permissions are compared as
 * (effect, action, resource, conditions) tuples, so that reordering statements, renaming a Sid or
 * moving an action between statements changes nothing; only what a ServiceAccount may do counts.
 */
import { BindingChange, bindingChange } from "./changes";
import type { BindingReview, ReviewModel } from "./review";

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
