/**
 * Action patterns as a reviewer needs them: how many actions a wildcard stands for, and at which
 * access levels. The catalogue itself is src/catalog/iam-actions.ts; it is passed in, so the review model
 * stays a pure function of its inputs.
 */
import { isWildcard } from "../iam/action-pattern";

/** The catalogue functions explain needs (src/catalog/iam-actions.ts provides them). */
export interface ActionCatalog {
  /** Every catalogue action (service:Action) the pattern matches; none for an unknown one. */
  expandActionPattern(pattern: string): readonly string[];
  accessLevelOf(action: string): string | undefined;
}

/** IAM's access levels, from least to most sensitive: the order they are listed in. */
export const ACCESS_LEVELS = ["List", "Read", "Write", "Tagging", "Permissions management"] as const;

/** A level the catalogue may report beyond the five, or none at all. */
export const UNKNOWN_ACCESS_LEVEL = "Unknown";

export interface ActionPatternReview {
  /** As written in the file. */
  readonly pattern: string;
  readonly wildcard: boolean;
  /** Catalogue actions the pattern matches; 0 for an unknown action. */
  readonly actionCount: number;
  /** Access level -> matched actions, in ACCESS_LEVELS order. */
  readonly accessLevels: Readonly<Record<string, number>>;
}

export function actionPatternReview(pattern: string, catalog: ActionCatalog): ActionPatternReview {
  const actions = catalog.expandActionPattern(pattern);
  return {
    pattern,
    wildcard: isWildcard(pattern),
    actionCount: actions.length,
    accessLevels: accessLevelCounts(actions, catalog),
  };
}

/** Counts by access level, keys in ACCESS_LEVELS order (then any other level, sorted). */
export function accessLevelCounts(actions: readonly string[], catalog: ActionCatalog): Record<string, number> {
  const counts = new Map<string, number>();
  for (const action of actions) {
    const level = catalog.accessLevelOf(action) ?? UNKNOWN_ACCESS_LEVEL;
    counts.set(level, (counts.get(level) ?? 0) + 1);
  }
  const known: readonly string[] = ACCESS_LEVELS;
  const order = [...known, ...[...counts.keys()].filter((level) => !known.includes(level)).sort()];
  const out: Record<string, number> = {};
  for (const level of order) if (counts.has(level)) out[level] = counts.get(level)!;
  return out;
}

/** `Read`, or `12 actions: 2 List, 10 Read`, or `not in the IAM catalogue`. */
export function describeActionPattern(review: ActionPatternReview): string {
  if (review.actionCount === 0) return "not in the IAM catalogue";
  const levels = Object.entries(review.accessLevels);
  if (!review.wildcard && review.actionCount === 1) return levels[0][0];
  return `${review.actionCount} action${review.actionCount === 1 ? "" : "s"}: ${describeLevels(review.accessLevels)}`;
}

/** `2 List, 10 Read`. */
export function describeLevels(levels: Readonly<Record<string, number>>): string {
  return Object.entries(levels)
    .map(([level, count]) => `${count} ${level}`)
    .join(", ");
}
