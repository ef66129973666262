/** The lint runner: every rule on every binding; waived findings are kept, marked, for explain. */
import type { BindingsModel } from "../bindings/model";
import type { Problem } from "../bindings/problems";
import type { BindingsSource } from "../bindings/source";
import type { LintFinding, Rule } from "./rule";
import { IAM001 } from "./IAM001-star-action";
import { IAM002 } from "./IAM002-sensitive-service-wildcard";
import { IAM003 } from "./IAM003-privilege-escalation";
import { IAM004 } from "./IAM004-pass-role";
import { IAM005 } from "./IAM005-assume-any-role";
import { IAM006 } from "./IAM006-not-action";
import { IAM007 } from "./IAM007-star-resource";
import { IAM008 } from "./IAM008-unknown-action";
import { IAM009 } from "./IAM009-condition";
import { IAM010 } from "./IAM010-secret-read";
import { IAM011 } from "./IAM011-aws-managed-policy";
import { SA001 } from "./SA001-default-service-account";

/** Every rule, in id order. */
export const RULES: readonly Rule[] = [
  IAM001,
  IAM002,
  IAM003,
  IAM004,
  IAM005,
  IAM006,
  IAM007,
  IAM008,
  IAM009,
  IAM010,
  IAM011,
  SA001,
];

export function lint(model: BindingsModel, source: BindingsSource, rules: readonly Rule[] = RULES): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const binding of model.bindings) {
    for (const rule of rules) {
      const waiver = binding.waivers.find((w) => w.rule === rule.id);
      for (const finding of rule.check(binding, { model })) {
        const problem = source.problem(finding.path, finding.message, {
          severity: finding.severity ?? rule.severity,
          rule: rule.id,
        });
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
