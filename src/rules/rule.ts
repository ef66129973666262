/**
 * A lint rule: one per file (IAM001-star-action.ts, ...), its id in the file name. Rules read the
 * model, never the YAML; they report findings at a path in the file, and the runner turns them
 * into positioned problems, dropping the ones a binding waived (with its reason).
 */
import type { Binding, BindingsModel } from "../bindings/model";
import type { FilePath, Severity } from "../bindings/problems";

export interface Finding {
  /** Path in the file (["bindings", 3, "policies", "statements", 0, "actions", 1]). */
  readonly path: FilePath;
  /** Names the binding, the statement and the fix. */
  readonly message: string;
  /** @default the rule's severity */
  readonly severity?: Severity;
}

export interface LintContext {
  readonly model: BindingsModel;
}

export interface Rule {
  /** IAM001, SA001, ... */
  readonly id: string;
  readonly severity: Severity;
  /** One line, for docs and `explain`. */
  readonly title: string;
  /** A paragraph: what the rule protects against and what to do; code scanning shows it as the rule's help. */
  readonly help: string;
  check(binding: Binding, context: LintContext): Finding[];
}

/** A positioned finding of the runner; `waived` holds the binding's reason when it waived the rule. */
export interface LintFinding {
  /** Its `rule` is unset for a problem with a waiver itself (unknown rule, no finding to waive). */
  readonly problem: import("../bindings/problems").Problem;
  /** The rule that found it, or the rule a faulty waiver names. */
  readonly rule: string;
  readonly binding: string;
  readonly waived?: string;
}
