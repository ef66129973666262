/**
 * The file's policies (`policies.<key>`): used by some binding, within IAM's limits (path, size),
 * attached once per role, and named apart from every other policy podiam makes in an account
 * (IAM policy names are unique per account, whatever their path, ignoring case).
 */
import { MANAGED_POLICY_LENGTH_MAX, ROLE_PATH, ROLE_PATH_MAX } from "../../iam/limits";
import { oversizedPresetStatements, policyLengthOf, presetPolicies } from "../binding-presets";
import type { Binding } from "../model";
import { bindingPath, CheckContext } from "./check";

export function checkFilePolicies(context: CheckContext, bindings: readonly Binding[]): void {
  const { model, source } = context;
  const used = new Set(bindings.flatMap((binding) => binding.filePolicies.map((attached) => attached.policy.key)));
  for (const policy of model.policies.values()) {
    const at = ["policies", policy.key];
    if (!used.has(policy.key)) {
      context.warn(
        at,
        `policy "${policy.key}" is attached by no binding, so podiam makes it nowhere: attach it by name in a binding's policies.managed, or remove it`,
        "key",
      );
    }
    const pathAt = source.has([...at, "path"]) ? [...at, "path"] : ["defaults", "rolePath"];
    if (policy.path.length > ROLE_PATH_MAX) {
      context.report(pathAt, `the policy's path is ${policy.path.length} characters; IAM allows ${ROLE_PATH_MAX}`);
    } else if (!ROLE_PATH.test(policy.path)) {
      context.report(
        pathAt,
        `policy path "${policy.path}" must start and end with '/' and hold no braces (for example /shared/)`,
      );
    }
    const length = policyLengthOf(policy.statements);
    if (length > MANAGED_POLICY_LENGTH_MAX) {
      context.report(
        source.has([...at, "document"]) ? [...at, "document"] : [...at, "statements"],
        `policy "${policy.key}" is ${length} characters without whitespace; IAM allows ${MANAGED_POLICY_LENGTH_MAX} per managed policy: split it into two policies`,
        "key",
      );
    }
  }

  // The policies podiam makes per account, by lowercased name: the bindings' own and their
  // presets' first; then each of the file's policies once per account, which must not meet them.
  const names = new Map<string, string>();
  const key = (account: string, name: string) => `${account}\0${name.toLowerCase()}`;
  for (const binding of bindings) {
    if (binding.role.external) continue;
    if (binding.statements.length > 0)
      names.set(key(binding.account, binding.role.name), `the policy of binding "${binding.name}"`);
    // A preset too long for any policy is reported by checkPolicies, and has no policies to name.
    if (binding.presets.some((preset) => oversizedPresetStatements(preset).length > 0)) continue;
    for (const policy of presetPolicies(binding))
      names.set(key(binding.account, policy.name), `the preset policy ${policy.preset} of binding "${binding.name}"`);
  }
  const made = new Set<string>();
  for (const binding of bindings) {
    if (binding.role.external) continue;
    for (const { policy } of binding.filePolicies) {
      if (made.has(`${binding.account}\0${policy.key}`)) continue;
      made.add(`${binding.account}\0${policy.key}`);
      const other = names.get(key(binding.account, policy.name));
      if (other === undefined) {
        names.set(key(binding.account, policy.name), `policy "${policy.key}" of this file`);
        continue;
      }
      const named = source.has(["policies", policy.key, "name"]);
      context.report(
        named ? ["policies", policy.key, "name"] : ["policies", policy.key],
        `its IAM name "${policy.name}" is already the name of ${other} in account ${binding.account} (IAM policy names are unique per account, ignoring case); set policies.${policy.key}.name`,
        named ? "value" : "key",
      );
    }
  }

  // The file's policies are addressed policies__<key>; a binding named "policies" addresses its
  // presets' policies policies__<preset>.
  for (const binding of bindings) {
    if (binding.name !== "policies") continue;
    for (const preset of binding.presets.filter((p) => model.policies.has(p.name)))
      context.report(
        bindingPath(binding, "name"),
        `a binding named "policies" with preset ${preset.name} would share its Terraform address with the file's policy "${preset.name}": rename the binding (with previousNames) or the policy`,
      );
  }

  // A policy of the file attached by name and by its ARN is one attachment written twice.
  for (const binding of bindings) {
    for (const attached of binding.filePolicies) {
      const other = binding.managedPolicies.findIndex((arn, i) => arn === attached.arn && i !== attached.index);
      if (other >= 0) {
        context.report(
          bindingPath(binding, "policies", "managed", other),
          `policy "${attached.policy.key}" is attached twice: by name and by its ARN ${attached.arn}; keep one`,
        );
      }
    }
  }
}
