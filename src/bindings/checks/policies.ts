/**
 * A role's policies within IAM's limits: policy size (its own, and each preset's statements),
 * managed policies per role (each preset policy counts as one), trust policy size.
 */
import { MANAGED_POLICY_LENGTH_MAX } from "../../iam/limits";
import { policyLength, renderPolicy } from "../../iam/policy-document";
import { workloadPolicy } from "../../iam/workload-policy";
import { oversizedPresetStatements, presetPolicies } from "../binding-presets";
import { bindingTrustPolicy } from "../binding-trust";
import type { Binding } from "../model";
import { bindingPath, CheckContext } from "./check";

export function checkPolicies(context: CheckContext, binding: Binding): void {
  const { model, source } = context;
  const at = (...sub: (string | number)[]) => bindingPath(binding, ...sub);
  if (binding.statements.length > 0) {
    const length = policyLength(renderPolicy(workloadPolicy(binding.statements)));
    if (length > MANAGED_POLICY_LENGTH_MAX) {
      context.report(
        at("policies", "statements"),
        `the policy of "${binding.name}" is ${length} characters without whitespace; IAM allows ${MANAGED_POLICY_LENGTH_MAX} per managed policy: split it, or attach managed policies`,
        "key",
      );
    }
  }
  // A preset's statements are packed into as few policies as fit; one statement alone may not fit
  // (a long list of ARNs): then no number of policies holds it.
  let presetsFit = true;
  for (const preset of binding.presets) {
    for (const statement of oversizedPresetStatements(preset)) {
      presetsFit = false;
      context.report(
        at("policies", "presets", preset.name),
        `preset ${preset.name}: its statement ${statement.sid ? `"${statement.sid}" ` : ""}is ${statement.length} characters without whitespace, more than the ${MANAGED_POLICY_LENGTH_MAX} IAM allows in one managed policy: list fewer ARNs in its inputs (a shared prefix and a wildcard, or split the binding)`,
        "key",
      );
    }
  }

  // An ARN listed twice is the schema's problem, and attached once.
  const presetPolicyCount = presetsFit ? presetPolicies(binding).length : binding.presets.length;
  const attached = new Set(binding.managedPolicies).size + (binding.statements.length > 0 ? 1 : 0) + presetPolicyCount;
  if (attached > model.quotas.managedPoliciesPerRole) {
    context.report(
      source.has(at("policies", "managed"))
        ? at("policies", "managed")
        : source.has(at("policies", "presets"))
          ? at("policies", "presets")
          : at("policies"),
      `"${binding.name}" attaches ${attached} managed policies (its statements count as one${presetPolicyCount > 0 ? `, each policy of its presets as one: ${presetPolicyCount}` : ""}); the quota is ${model.quotas.managedPoliciesPerRole} per role: raise quotas.managedPoliciesPerRole if AWS raised it for you`,
      "key",
    );
  }

  const trust = bindingTrustPolicy(model, binding, { estimateUnknownIssuers: true });
  const length = policyLength(renderPolicy(trust));
  if (length > model.quotas.roleTrustPolicyLength) {
    context.report(
      at("serviceAccounts"),
      `the trust policy of "${binding.name}" is ${length} characters without whitespace (${binding.clusters.length} cluster(s), ${binding.serviceAccounts.length + binding.serviceAccountPatterns.length} ServiceAccount(s)); IAM allows ${model.quotas.roleTrustPolicyLength}: split the binding, or raise quotas.roleTrustPolicyLength if AWS raised it for you`,
      "key",
    );
  }
}
