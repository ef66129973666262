/**
 * The lint runner: every rule on every binding; waived findings are kept, marked, for explain. A
 * finding is waived by the binding's waiver of its rule, or, on a preset's own statements (reported
 * at `policies.presets.<name>`), by the preset's built-in waiver of it, whose reason names the
 * preset, or, on a statement of one of the file's policies (reported under `policies.<name>`), by
 * that policy's waiver of it.
 */
import type { BindingsModel } from "../bindings/model";
import type { FilePath, Problem } from "../bindings/problems";
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
import { PRE001 } from "./PRE001-preset-arn-input";
import { PRE002 } from "./PRE002-preset-service-account";
import { SA001 } from "./SA001-default-service-account";
import { SA002 } from "./SA002-service-account-pattern";
import { presetPath } from "./statements";

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
  PRE001,
  PRE002,
  SA001,
  SA002,
];

export function lint(model: BindingsModel, source: BindingsSource, rules: readonly Rule[] = RULES): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const binding of model.bindings) {
    const presetPaths = binding.presets.map((preset) => ({ preset, path: presetPath(binding, preset.name) }));
    for (const rule of rules) {
      const waiver = binding.waivers.find((w) => w.rule === rule.id);
      for (const finding of rule.check(binding, { model })) {
        const problem = source.problem(finding.path, finding.message, {
          severity: finding.severity ?? rule.severity,
          rule: rule.id,
        });
        // A preset's statements report at the preset's key exactly (its inputs' findings are deeper).
        const preset = presetPaths.find(({ path }) => samePath(path, finding.path))?.preset;
        const builtIn = preset?.waivers.find((w) => w.rule === rule.id);
        // A finding on a file policy's statement: that policy's own waiver of the rule.
        const policy = finding.path[0] === "policies" ? model.policies.get(String(finding.path[1])) : undefined;
        const ofPolicy = policy?.waivers.find((w) => w.rule === rule.id);
        const waived = builtIn
          ? `preset ${preset!.name}: ${builtIn.reason}`
          : (waiver?.reason ?? (ofPolicy ? `policy ${policy!.key}: ${ofPolicy.reason}` : undefined));
        findings.push({ problem, rule: rule.id, binding: binding.name, ...(waived !== undefined ? { waived } : {}) });
      }
    }
  }
  return findings;
}

/** The problems `validate` reports: findings not waived. */
export function activeProblems(findings: readonly LintFinding[]): Problem[] {
  return findings.filter((f) => f.waived === undefined).map((f) => f.problem);
}

function samePath(a: FilePath, b: FilePath): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}
