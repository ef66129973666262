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
import { suggest } from "../util/text";
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

const RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);

/**
 * Every rule on every binding, then the binding's waivers: a waiver of a rule podiam does not
 * have is an error, one that matches no finding a warning (it would silently waive a later one).
 * Both are reported at the waiver's rule (`bindings[i].waivers[j].rule`).
 */
export function lint(model: BindingsModel, source: BindingsSource, rules: readonly Rule[] = RULES): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const binding of model.bindings) {
    const presetPaths = binding.presets.map((preset) => ({ preset, path: presetPath(binding, preset.name) }));
    // The rules whose findings the binding's own waivers would waive (not a preset's built-in ones).
    const found = new Set<string>();
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
        if (!builtIn) found.add(rule.id);
        findings.push({ problem, rule: rule.id, binding: binding.name, ...(waived !== undefined ? { waived } : {}) });
      }
    }
    binding.waivers.forEach((waiver, j) => {
      const path = ["bindings", binding.index, "waivers", j, "rule"];
      const problem = (message: string, severity: "error" | "warning") =>
        findings.push({
          problem: source.problem(path, message, { severity }),
          rule: waiver.rule,
          binding: binding.name,
        });
      if (!RULE_IDS.includes(waiver.rule)) {
        const hint = suggest(waiver.rule, RULE_IDS);
        problem(
          `binding "${binding.name}": waives ${waiver.rule}, which is no podiam lint rule${hint ? ` (did you mean ${hint}?)` : ""}; ` +
            `fix: name one of ${RULE_IDS.join(", ")}`,
          "error",
        );
      } else if (rules.some((rule) => rule.id === waiver.rule) && !found.has(waiver.rule)) {
        problem(
          `binding "${binding.name}": the waiver of ${waiver.rule} matches no finding; ` +
            `fix: remove it, so that it cannot waive a finding of ${waiver.rule} that a later change brings`,
          "warning",
        );
      }
    });
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
