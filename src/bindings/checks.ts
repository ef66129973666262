/**
 * Checks across the model: uniqueness, AWS and Kubernetes limits, ARN shapes, account rules and
 * policy sizes. Each reports at the place in the file where the offending value was written.
 */
import { Account, Binding, BindingsModel, Cluster, usesIrsa, usesPodIdentity } from "./model";
import { FilePath, Problem } from "./problems";
import { BindingsSource } from "./source";
import { issuerHost, parseArn, policyArnProblem, roleArnProblem } from "../iam/arns";
import {
  MANAGED_POLICY_LENGTH_MAX,
  PLAN_SECONDS_BASE,
  PLAN_SECONDS_PER_ROLE,
  SLOW_PLAN_ROLES_PER_STACK,
  ROLE_NAME,
  ROLE_NAME_MAX,
  ROLE_PATH,
  ROLE_PATH_MAX,
  TAG_KEY_MAX,
  TAG_VALUE_MAX,
  TAGS_PER_ROLE_MAX,
} from "../iam/limits";
import { policyLength, renderPolicy } from "../iam/policy-document";
import { bindingTrustPolicy } from "../iam/binding-trust";
import { workloadPolicy } from "../iam/workload-policy";

/** `*`, `*:*` (both flagged by lint IAM001, not malformed) or service:Action with wildcards. */
const ACTION = /^(\*|\*:\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/;

export function checkModel(source: BindingsSource, model: BindingsModel): Problem[] {
  const problems: Problem[] = [];
  const report = (path: FilePath, message: string, at: "key" | "value" = "value") =>
    problems.push(source.problem(path, message, { at }));

  checkAccounts(model, report);
  checkClusters(model, report);
  problems.push(...stackSizeWarnings(source, model));

  const byName = new Map<string, Binding>();
  const byRoleName = new Map<string, Binding>();
  const byServiceAccount = new Map<string, Binding>();
  const inheritedBoundaries: InheritedBoundaries = new Map();
  for (const binding of [...model.bindings].sort((a, b) => a.index - b.index)) {
    const at = (...sub: FilePath) => ["bindings", binding.index, ...sub];
    const first = byName.get(binding.name);
    if (first) {
      report(at("name"), `"${binding.name}" is already the name of bindings[${first.index}]; binding names are unique`);
      continue;
    }
    byName.set(binding.name, binding);

    checkRole(source, binding, report);
    const roleKey = `${binding.account}/${binding.role.name.toLowerCase()}`;
    const clash = byRoleName.get(roleKey);
    if (clash) {
      report(
        source.has(at("role", "name")) ? at("role", "name") : at("name"),
        `role name "${binding.role.name}" is already used by binding "${clash.name}" in account ${binding.account} (IAM role names are unique per account, ignoring case); set another role.name`,
      );
    }
    byRoleName.set(roleKey, binding);

    binding.serviceAccounts.forEach((sa, i) => {
      for (const cluster of binding.clusters) {
        const key = `${cluster}/${sa.namespace}/${sa.name}`;
        const other = byServiceAccount.get(key);
        if (other) {
          report(
            at("serviceAccounts", i),
            `${sa.namespace}/${sa.name} on cluster ${cluster} is already bound by "${other.name}" (bindings[${other.index}]); a ServiceAccount carries one role: merge the two bindings`,
          );
        } else {
          byServiceAccount.set(key, binding);
        }
      }
    });

    checkAccountRules(source, model, binding, report, inheritedBoundaries);
    checkPolicies(source, model, binding, report);
  }
  checkInheritedBoundaries(inheritedBoundaries, report);
  return problems;
}

/** A warning per account whose IAM stack holds so many roles that planning it gets slow. */
function stackSizeWarnings(source: BindingsSource, model: BindingsModel): Problem[] {
  const roles = new Map<string, number>();
  for (const binding of model.bindings) roles.set(binding.account, (roles.get(binding.account) ?? 0) + 1);
  return [...roles]
    .filter(([, count]) => count > SLOW_PLAN_ROLES_PER_STACK)
    .map(([alias, count]) => {
      const seconds = Math.round(PLAN_SECONDS_BASE + PLAN_SECONDS_PER_ROLE * count);
      return source.problem(
        ["accounts", alias],
        `the stack iam-${alias} holds ${count} roles: past ${SLOW_PLAN_ROLES_PER_STACK}, terraform plan gets slow (measured offline: about ${seconds} s for ${count} roles, and a real plan refreshes each role and attachment against IAM); expect slow plans, and plan with -refresh=false where a review needs only the diff`,
        { at: "key", severity: "warning" },
      );
    });
}

type Report = (path: FilePath, message: string, at?: "key" | "value") => void;

function checkAccounts(model: BindingsModel, report: Report): void {
  const byId = new Map<string, string>();
  for (const account of model.accounts.values()) {
    const other = byId.get(account.id);
    if (other)
      report(
        ["accounts", account.alias, "id"],
        `account ${account.id} is already declared as "${other}"; one alias per account`,
      );
    byId.set(account.id, account.alias);
    if (account.providerRoleArn !== undefined) {
      const problem = roleArnProblem(account.providerRoleArn);
      if (problem) report(["accounts", account.alias, "providerRoleArn"], problem);
      else if (parseArn(account.providerRoleArn)!.partition !== account.partition) {
        report(
          ["accounts", account.alias, "providerRoleArn"],
          `is in partition ${parseArn(account.providerRoleArn)!.partition}, the account in ${account.partition}`,
        );
      }
    }
  }
}

function checkClusters(model: BindingsModel, report: Report): void {
  const byIssuer = new Map<string, string>();
  for (const cluster of model.clusters.values()) {
    const path = ["clusters", cluster.key, "oidcIssuer"];
    if (cluster.oidcIssuer === undefined) continue;
    const problem = issuerProblem(cluster.oidcIssuer);
    if (problem) {
      report(path, problem);
      continue;
    }
    const other = byIssuer.get(cluster.oidcIssuer);
    if (other) report(path, `is already the issuer of cluster "${other}"; two clusters cannot share one OIDC issuer`);
    byIssuer.set(cluster.oidcIssuer, cluster.key);
  }
}

function issuerProblem(issuer: string): string | undefined {
  if (!issuer.startsWith("https://"))
    return `"${issuer}" is not an https:// URL; IAM OIDC providers need the cluster's https:// issuer`;
  const host = issuerHost(issuer);
  if (host.endsWith("/"))
    return `"${issuer}" ends with '/'; write the issuer without the trailing slash, as EKS reports it`;
  if (!/^[A-Za-z0-9.-]+(:[0-9]+)?(\/[A-Za-z0-9._~-]+)*$/.test(host))
    return `"${issuer}" is not a URL of the form https://host/path`;
  return undefined;
}

function checkRole(source: BindingsSource, binding: Binding, report: Report): void {
  const at = (...sub: FilePath) => ["bindings", binding.index, ...sub];
  const namePath = source.has(at("role", "name")) ? at("role", "name") : at("name");
  const { name, path } = binding.role;
  if (name.length > ROLE_NAME_MAX) {
    report(
      namePath,
      `role name "${name}" is ${name.length} characters; IAM allows ${ROLE_NAME_MAX} (set role.name, or shorten defaults.roleNamePrefix)`,
    );
  } else if (!ROLE_NAME.test(name)) {
    report(namePath, `role name "${name}" may only contain letters, digits and + = , . @ _ -`);
  }
  const pathPath = source.has(at("role", "path")) ? at("role", "path") : ["defaults", "rolePath"];
  if (path.length > ROLE_PATH_MAX)
    report(pathPath, `role path is ${path.length} characters; IAM allows ${ROLE_PATH_MAX}`);
  else if (!ROLE_PATH.test(path))
    report(pathPath, `role path "${path}" must start and end with '/' and hold no braces (for example /eks/)`);

  const tags = Object.entries(binding.role.tags);
  if (tags.length > TAGS_PER_ROLE_MAX)
    report(
      at("role", "tags"),
      `${tags.length} tags; IAM allows ${TAGS_PER_ROLE_MAX} per role (defaults.tags included)`,
    );
  for (const [key, value] of tags) {
    if (key.length > TAG_KEY_MAX)
      report(at("role", "tags"), `tag key "${key.slice(0, 20)}..." is longer than ${TAG_KEY_MAX} characters`);
    if (value.length > TAG_VALUE_MAX)
      report(at("role", "tags"), `tag "${key}" has a value longer than ${TAG_VALUE_MAX} characters`);
    if (key.toLowerCase().startsWith("aws:"))
      report(at("role", "tags"), `tag key "${key}": the aws: prefix is reserved by AWS`);
  }
}

function checkAccountRules(
  source: BindingsSource,
  model: BindingsModel,
  binding: Binding,
  report: Report,
  inheritedBoundaries: InheritedBoundaries,
): void {
  const at = (...sub: FilePath) => ["bindings", binding.index, ...sub];
  const account = model.accounts.get(binding.account)!;
  const clusters = binding.clusters.map((key) => model.clusters.get(key)!);
  const accountPath = source.has(at("account")) ? at("account") : at("name");

  if (usesPodIdentity(binding.mode)) {
    for (const cluster of clusters.filter((c) => c.account !== binding.account)) {
      report(
        accountPath,
        `mode ${binding.mode}: the role must live in the cluster's account, and cluster ${cluster.key} is in ${cluster.account}, the role in ${binding.account}; EKS Pod Identity has no cross-account roles (use mode: irsa, or move the role)`,
      );
    }
  }
  if (usesIrsa(binding.mode)) {
    for (const cluster of clusters.filter((c) => c.account !== binding.account && c.oidcIssuer === undefined)) {
      report(
        accountPath,
        `cluster ${cluster.key} has no oidcIssuer, and the role's account ${binding.account} cannot read a cluster of account ${cluster.account}; set clusters.${cluster.key}.oidcIssuer`,
      );
    }
  }

  const boundary = binding.role.permissionsBoundary;
  if (boundary !== undefined) {
    if (source.has(at("role", "permissionsBoundary"))) {
      const problem =
        policyArnProblem(boundary) ?? foreignPolicyProblem(boundary, account, [binding.name], "permissions boundary");
      if (problem) report(at("role", "permissionsBoundary"), problem);
    } else {
      // Inherited from defaults: one problem at the defaults line per account, not one per binding.
      const group = inheritedBoundaries.get(account.alias) ?? { arn: boundary, account, bindings: [] };
      group.bindings.push(binding.name);
      inheritedBoundaries.set(account.alias, group);
    }
  }
  binding.managedPolicies.forEach((arn, i) => {
    const problem =
      policyArnProblem(arn) ?? foreignPolicyProblem(arn, account, [binding.name], "customer-managed policy");
    if (problem) report(at("policies", "managed", i), problem);
  });
}

/** defaults.permissionsBoundary, by the alias of the accounts of the bindings that inherit it. */
type InheritedBoundaries = Map<string, { arn: string; account: Account; bindings: string[] }>;

function checkInheritedBoundaries(inheritedBoundaries: InheritedBoundaries, report: Report): void {
  const path = ["defaults", "permissionsBoundary"];
  const groups = [...inheritedBoundaries.values()];
  const malformed = groups.length > 0 ? policyArnProblem(groups[0].arn) : undefined;
  if (malformed) {
    report(path, malformed);
    return;
  }
  for (const { arn, account, bindings } of groups) {
    const problem = foreignPolicyProblem(arn, account, bindings, "permissions boundary");
    if (problem)
      report(
        path,
        `${problem}; set role.permissionsBoundary on ${bindings.length === 1 ? "that binding" : "those bindings"}`,
      );
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

/** "a", "b" and "c"; beyond five names, "and N more". */
function listNames(names: readonly string[]): string {
  const quoted = names.map((name) => `"${name}"`);
  if (quoted.length > 5) return `${quoted.slice(0, 5).join(", ")} and ${quoted.length - 5} more`;
  return `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}

function checkPolicies(source: BindingsSource, model: BindingsModel, binding: Binding, report: Report): void {
  const at = (...sub: FilePath) => ["bindings", binding.index, ...sub];
  binding.statements.forEach((statement, i) => {
    for (const field of ["actions", "notActions"] as const) {
      statement[field]?.forEach((action, j) => {
        if (!ACTION.test(action))
          report(
            at("policies", "statements", i, field, j),
            `"${action}" is not an IAM action (service:Action, for example s3:GetObject)`,
          );
      });
    }
    for (const field of ["resources", "notResources"] as const) {
      statement[field]?.forEach((resource, j) => {
        if (resource !== "*" && !/^arn:[^:]*:[^:]*:[^:]*:[^:]*:.+$/.test(resource)) {
          report(at("policies", "statements", i, field, j), `"${resource}" is not a resource ARN or *`);
        }
      });
    }
  });

  if (binding.statements.length > 0) {
    const length = policyLength(renderPolicy(workloadPolicy(binding.statements)));
    if (length > MANAGED_POLICY_LENGTH_MAX) {
      report(
        at("policies", "statements"),
        `the policy of "${binding.name}" is ${length} characters without whitespace; IAM allows ${MANAGED_POLICY_LENGTH_MAX} per managed policy: split it, or attach managed policies`,
        "key",
      );
    }
  }
  const attached = binding.managedPolicies.length + (binding.statements.length > 0 ? 1 : 0);
  if (attached > model.quotas.managedPoliciesPerRole) {
    report(
      source.has(at("policies", "managed")) ? at("policies", "managed") : at("policies"),
      `"${binding.name}" attaches ${attached} managed policies (its statements count as one); the quota is ${model.quotas.managedPoliciesPerRole} per role: raise quotas.managedPoliciesPerRole if AWS raised it for you`,
      "key",
    );
  }

  const clusters: Cluster[] = binding.clusters.map((key) => model.clusters.get(key)!);
  const trust = bindingTrustPolicy(model, binding, { estimateUnknownIssuers: true });
  const length = policyLength(renderPolicy(trust));
  if (length > model.quotas.roleTrustPolicyLength) {
    report(
      at("serviceAccounts"),
      `the trust policy of "${binding.name}" is ${length} characters without whitespace (${clusters.length} cluster(s), ${binding.serviceAccounts.length} ServiceAccount(s)); IAM allows ${model.quotas.roleTrustPolicyLength}: split the binding, or raise quotas.roleTrustPolicyLength if AWS raised it for you`,
      "key",
    );
  }
}
