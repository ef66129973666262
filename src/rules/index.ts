/** The lint runner: every rule on every binding; waived findings are kept, marked, for explain. */
import type { BindingsModel } from "../bindings/model";
import type { Problem } from "../bindings/problems";
import type { BindingsSource } from "../bindings/source";
import type { LintFinding, Rule } from "./rule";

/** Every rule, in id order. */
export const RULES: readonly Rule[] = [];

export function lint(model: BindingsModel, source: BindingsSource, rules: readonly Rule[] = RULES): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const binding of model.bindings) {
    for (const rule of rules) {
      const waiver = binding.waivers.find((w) => w.rule === rule.id);
      for (const finding of rule.check(binding, { model })) {
        const problem = source.problem(finding.path, finding.message, { severity: finding.severity ?? rule.severity, rule: rule.id });
        findings.push({ problem, rule: rule.id, binding: binding.name, ...(waiver ? { waived: waiver.reason } : {}) });
      }
    }
  }
  return findings;
}

/** The problems `validate` reports: findings not waived. */
export function activeProblems(findings: readonly LintFinding[]): Problem[] {
  return findings.filter((f) => f.waived === undefined).map((f) => f.problem);
}
