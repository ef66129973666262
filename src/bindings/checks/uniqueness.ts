/**
 * What must be unique across bindings: names (a binding's identity), role names per account (IAM
 * ignores case), and a ServiceAccount per cluster (it carries one role).
 */
import { roleArnProblem } from "../../iam/arns";
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
    // A malformed role.arn is the schema's problem: it names no role.
    if (binding.role.external && roleArnProblem(binding.role.arn)) continue;
    // A role made elsewhere is in the account of its ARN, declared or not.
    const roleKey = `${binding.role.arn.split(":")[4]}/${binding.role.name.toLowerCase()}`;
    const clash = byRoleName.get(roleKey);
    // Bindings that share one role made elsewhere, each naming it, make no role at all.
    if (clash && clash.role.external && binding.role.external && clash.role.arn === binding.role.arn) continue;
    if (clash) {
      const path = binding.role.external
        ? bindingPath(binding, "role", "arn")
        : context.source.has(bindingPath(binding, "role", "name"))
          ? bindingPath(binding, "role", "name")
          : bindingPath(binding, "name");
      context.report(
        path,
        binding.role.external && clash.role.external
          ? `role "${binding.role.name}" is named with another ARN by binding "${clash.name}" (${clash.role.arn}); IAM role names are unique per account, ignoring case: one of the two ARNs is wrong`
          : binding.role.external || clash.role.external
            ? `role name "${binding.role.name}" is already ${binding.role.external ? "podiam's role" : "the role made elsewhere"} of binding "${clash.name}" in account ${binding.role.arn.split(":")[4]} (IAM role names are unique per account, ignoring case): podiam would make a role that exists; set another role.name`
            : `role name "${binding.role.name}" is already used by binding "${clash.name}" in account ${binding.account} (IAM role names are unique per account, ignoring case); set another role.name`,
      );
    }
    byRoleName.set(roleKey, binding);
  }
}

/**
 * A ServiceAccount carries one role on one cluster, whichever key the cluster is listed under; a
 * pattern (ns/*, ns/prefix*) claims every name it covers, so it may not cover another binding's
 * ServiceAccount or meet another binding's pattern.
 */
export function checkUniqueServiceAccounts(context: CheckContext, bindings: readonly Binding[]): void {
  const claims = new Map<string, ScopeClaims>();
  for (const binding of bindings) {
    const entries = [...binding.serviceAccounts, ...binding.serviceAccountPatterns].sort((a, b) => a.index - b.index);
    for (const sa of entries) {
      for (const cluster of binding.clusters) {
        const scope = `${clusterIdentity(context.model, context.model.clusters.get(cluster)!)}/${sa.namespace}`;
        let earlier = claims.get(scope);
        if (!earlier) claims.set(scope, (earlier = { all: [], exact: new Map(), patterns: [] }));
        // The same binding listing it twice, or a name beside its own pattern, is no clash.
        const other = firstClash(earlier, binding, sa.name);
        if (other) {
          context.report(
            bindingPath(binding, "serviceAccounts", sa.index),
            clashMessage(sa.namespace, sa.name, cluster, other.name, other.binding),
          );
        } else {
          const claim = { binding, name: sa.name, seq: earlier.all.length };
          earlier.all.push(claim);
          if (sa.name.endsWith("*")) earlier.patterns.push(claim);
          else earlier.exact.set(sa.name, [...(earlier.exact.get(sa.name) ?? []), claim]);
        }
      }
    }
  }
}

interface Claim {
  readonly binding: Binding;
  readonly name: string;
  /** Its place among the scope's claims: the first clash found is the earliest claim. */
  readonly seq: number;
}

/** The claims of one (cluster, namespace): all, in order; the exact names by name; the patterns. */
interface ScopeClaims {
  readonly all: Claim[];
  readonly exact: Map<string, Claim[]>;
  readonly patterns: Claim[];
}

/**
 * The earliest claim of another binding that `name` meets: for an exact name, the same name or a
 * pattern that covers it (by map, not by scanning every name: thousands of ServiceAccounts share a
 * namespace); for a pattern, any claim it meets.
 */
function firstClash(claims: ScopeClaims, binding: Binding, name: string): Claim | undefined {
  const meets = (claim: Claim) => claim.binding !== binding && overlaps(claim.name, name);
  if (name.endsWith("*")) return claims.all.find(meets);
  const exact = (claims.exact.get(name) ?? []).find(meets);
  const pattern = claims.patterns.find(meets);
  if (!exact || !pattern) return exact ?? pattern;
  return exact.seq < pattern.seq ? exact : pattern;
}

/** Whether two names of one namespace (each a name, or a pattern `prefix*`) can meet. */
function overlaps(a: string, b: string): boolean {
  const prefixA = a.endsWith("*") ? a.slice(0, -1) : undefined;
  const prefixB = b.endsWith("*") ? b.slice(0, -1) : undefined;
  if (prefixA === undefined && prefixB === undefined) return a === b;
  if (prefixA !== undefined && prefixB !== undefined) return prefixA.startsWith(prefixB) || prefixB.startsWith(prefixA);
  return prefixA !== undefined ? b.startsWith(prefixA) : a.startsWith(prefixB!);
}

function clashMessage(namespace: string, name: string, cluster: string, otherName: string, other: Binding): string {
  const by = `"${other.name}" (bindings[${other.index}])`;
  const own = `${namespace}/${name}`;
  const theirs = `${namespace}/${otherName}`;
  if (!name.endsWith("*") && !otherName.endsWith("*"))
    return `${own} on cluster ${cluster} is already bound by ${by}; a ServiceAccount carries one role: merge the two bindings`;
  if (!otherName.endsWith("*"))
    return `the pattern ${own} on cluster ${cluster} covers ${theirs}, which ${by} binds; a ServiceAccount carries one role: narrow the pattern, or merge the two bindings`;
  if (!name.endsWith("*"))
    return `${own} on cluster ${cluster} is covered by the pattern ${theirs} of ${by}; a ServiceAccount carries one role: narrow that pattern, or merge the two bindings`;
  return `the pattern ${own} on cluster ${cluster} overlaps the pattern ${theirs} of ${by}; a ServiceAccount carries one role: make the patterns disjoint, or merge the two bindings`;
}
