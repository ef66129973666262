/**
 * explain for machines: the review model or the diff as they are, with a kind and a version so
 * that a consumer can tell them apart and notice a change of shape. Keys in a fixed order.
 */
import type { ReviewDiff } from "./diff";
import type { ReviewModel } from "./review";

/** Bumped when a field changes meaning or goes away; adding fields keeps it. */
export const EXPLAIN_JSON_VERSION = 1;

export function renderReviewJson(review: ReviewModel): string {
  return `${JSON.stringify({ kind: "review", version: EXPLAIN_JSON_VERSION, ...review }, null, 2)}\n`;
}

export function renderDiffJson(diff: ReviewDiff): string {
  return `${JSON.stringify({ kind: "diff", version: EXPLAIN_JSON_VERSION, ...diff }, null, 2)}\n`;
}
