/**
 * What must be unique across bindings: names (a binding's identity), role names per account (IAM
 * ignores case), and a ServiceAccount per cluster (it carries one role).
 */
import type { Binding } from "../model";
import { bindingPath, CheckContext } from "./check";
import { clusterIdentity } from "./clusters";

/** The bindings in file order, each name once; a later binding of a name already used is reported. */
export function uniquelyNamedBindings(context: CheckContext): Binding[] {
  const byName = new Map<string, Binding>();
  const unique: Binding[] = [];
  for (const binding of [...context.model.bindings].sort((a, b) => a.index - b.index)) {
    const first = byName.get(binding.name);
    if (first) {
      context.report(
        bindingPath(binding, "name"),
        `"${binding.name}" is already the name of bindings[${first.index}]; binding names are unique`,
      );
      continue;
    }
    byName.set(binding.name, binding);
    unique.push(binding);
  }
  return unique;
}

export function checkUniqueRoleNames(context: CheckContext, bindings: readonly Binding[]): void {
  const byRoleName = new Map<string, Binding>();
  for (const binding of bindings) {
    const roleKey = `${binding.account}/${binding.role.name.toLowerCase()}`;
    const clash = byRoleName.get(roleKey);
    if (clash) {
      const path = context.source.has(bindingPath(binding, "role", "name"))
        ? bindingPath(binding, "role", "name")
        : bindingPath(binding, "name");
      context.report(
        path,
        `role name "${binding.role.name}" is already used by binding "${clash.name}" in account ${binding.account} (IAM role names are unique per account, ignoring case); set another role.name`,
      );
    }
    byRoleName.set(roleKey, binding);
  }
}

/** A ServiceAccount carries one role on one cluster, whichever key the cluster is listed under. */
export function checkUniqueServiceAccounts(context: CheckContext, bindings: readonly Binding[]): void {
  const byServiceAccount = new Map<string, Binding>();
  for (const binding of bindings) {
    binding.serviceAccounts.forEach((sa, i) => {
      for (const cluster of binding.clusters) {
        const key = `${clusterIdentity(context.model, context.model.clusters.get(cluster)!)}/${sa.namespace}/${sa.name}`;
        const other = byServiceAccount.get(key);
        // The same binding listing it twice is the schema's problem.
        if (other === binding) continue;
        if (other) {
          context.report(
            bindingPath(binding, "serviceAccounts", i),
            `${sa.namespace}/${sa.name} on cluster ${cluster} is already bound by "${other.name}" (bindings[${other.index}]); a ServiceAccount carries one role: merge the two bindings`,
          );
        } else {
          byServiceAccount.set(key, binding);
        }
      }
    });
  }
}
