/**
 * Which account may hold what: Pod Identity roles in the cluster's account, cross-account IRSA
 * only with a known issuer, boundaries and customer-managed policies of the role's own account.
 */
import { parseArn, policyArnProblem, roleArnProblem } from "../../iam/arns";
import { listNames } from "../../util/text";
import { Account, Binding, usesIrsa, usesPodIdentity } from "../model";
import { bindingPath, CheckContext } from "./check";

/** defaults.permissionsBoundary, by the alias of the accounts of the bindings that inherit it. */
export type InheritedBoundaries = Map<string, { arn: string; account: Account; bindings: string[] }>;

export function checkAccountRules(
  context: CheckContext,
  binding: Binding,
  inheritedBoundaries: InheritedBoundaries,
): void {
  const { model, source } = context;
  const at = (...sub: (string | number)[]) => bindingPath(binding, ...sub);
  const account = model.accounts.get(binding.account)!;
  const clusters = binding.clusters.map((key) => model.clusters.get(key)!);
  const accountPath = source.has(at("account")) ? at("account") : at("name");
  if (binding.role.external) {
    externalRoleRules(context, binding);
    return;
  }

  if (usesPodIdentity(binding.mode)) {
    for (const cluster of clusters.filter((c) => c.account !== binding.account)) {
      context.report(
        accountPath,
        `mode ${binding.mode}: the role must live in the cluster's account, and cluster ${cluster.key} is in ${cluster.account}, the role in ${binding.account}; EKS Pod Identity has no cross-account roles (use mode: irsa, or move the role)`,
      );
    }
  }
  if (usesIrsa(binding.mode)) {
    for (const cluster of clusters.filter((c) => c.account !== binding.account && c.oidcIssuer === undefined)) {
      context.report(
        accountPath,
        `cluster ${cluster.key} has no oidcIssuer, and the role's account ${binding.account} cannot read a cluster of account ${cluster.account}; set clusters.${cluster.key}.oidcIssuer`,
      );
    }
  }

  // Malformed ARNs are the schema's problem; here, only the account they live in.
  const boundary = binding.role.permissionsBoundary;
  if (boundary !== undefined && !policyArnProblem(boundary)) {
    if (source.has(at("role", "permissionsBoundary"))) {
      const problem = foreignPolicyProblem(boundary, account, [binding.name], "permissions boundary");
      if (problem) context.report(at("role", "permissionsBoundary"), problem);
    } else {
      // Inherited from defaults: one problem at the defaults line per account, not one per binding.
      const group = inheritedBoundaries.get(account.alias) ?? { arn: boundary, account, bindings: [] };
      group.bindings.push(binding.name);
      inheritedBoundaries.set(account.alias, group);
    }
  }
  binding.managedPolicies.forEach((arn, i) => {
    if (policyArnProblem(arn)) return;
    const problem = foreignPolicyProblem(arn, account, [binding.name], "customer-managed policy");
    if (problem) context.report(at("policies", "managed", i), problem);
  });
}

/**
 * A role made elsewhere: a Pod Identity association names a role of the cluster's account, and no
 * cluster trusts a role of another partition. Its trust (the OIDC provider of its account) is
 * where it was made; podiam makes and requires none for it.
 */
function externalRoleRules(context: CheckContext, binding: Binding): void {
  const { model } = context;
  const arn = binding.role.arn;
  if (roleArnProblem(arn)) return; // the schema's problem
  const parsed = parseArn(arn)!;
  const at = bindingPath(binding, "role", "arn");
  for (const cluster of binding.clusters.map((key) => model.clusters.get(key)!)) {
    const account = model.accounts.get(cluster.account)!;
    if (parsed.partition !== account.partition) {
      context.report(at, `is in partition ${parsed.partition}, and cluster ${cluster.key} in ${account.partition}`);
    } else if (usesPodIdentity(binding.mode) && parsed.account !== account.id) {
      context.report(
        at,
        `mode ${binding.mode}: the role must live in the cluster's account, and cluster ${cluster.key} is in ${cluster.account} (${account.id}), the role in ${parsed.account}; EKS Pod Identity has no cross-account roles (use mode: irsa)`,
      );
    }
  }
}

export function checkInheritedBoundaries(context: CheckContext, inheritedBoundaries: InheritedBoundaries): void {
  for (const { arn, account, bindings } of inheritedBoundaries.values()) {
    const problem = foreignPolicyProblem(arn, account, bindings, "permissions boundary");
    if (problem) {
      context.report(
        ["defaults", "permissionsBoundary"],
        `${problem}; set role.permissionsBoundary on ${bindings.length === 1 ? "that binding" : "those bindings"}`,
      );
    }
  }
}

function foreignPolicyProblem(
  arn: string,
  account: Account,
  bindings: readonly string[],
  what: string,
): string | undefined {
  const parsed = parseArn(arn)!;
  const roles = bindings.length === 1 ? `the role of "${bindings[0]}"` : `the roles of ${listNames(bindings)}`;
  if (parsed.partition !== account.partition)
    return `"${arn}" is in partition ${parsed.partition}, ${roles} in ${account.partition}`;
  if (parsed.account !== "aws" && parsed.account !== account.id) {
    return `the ${what} "${arn}" is in account ${parsed.account}, but ${roles} ${bindings.length === 1 ? "is" : "are"} in ${account.alias} (${account.id}); IAM can only use policies of the role's own account`;
  }
  return undefined;
}
