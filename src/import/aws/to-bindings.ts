/**
 * An AWS account's workload roles (authorization details, clusters, associations) as a bindings
 * file that adopts them. Each role becomes at most one binding; where the role admits more than
 * podiam would write, the binding is the narrowest one that still admits every ServiceAccount the
 * role is actually used by, and each narrowing is a note. Roles that are not workload roles are
 * counted and named, never imported.
 */
import type { ImportNote, ImportResult } from "../imported-file";
import { sanitisedName, uniqueBindingName } from "../binding-names";
import type { AccountRole, AuthorizationDetails } from "./authorization-details";
import type { ListedAssociation, PodIdentityAssociation } from "./associations";
import type { EksCluster } from "./clusters";
import { rolePolicies, type RolePolicies } from "./role-policies";
import { waiveExistingFindings } from "./existing-findings";
import { analyseTrust, isWorkloadRole, type TrustAnalysis } from "./trust";
import { candidateOf, resolveConflicts, shapeOf, trustData, type BindingNote, type Candidate } from "./role-uses";

export interface AwsImportSource {
  readonly details: AuthorizationDetails;
  readonly clusters: readonly EksCluster[];
  readonly associations: readonly PodIdentityAssociation[];
  readonly listed: readonly ListedAssociation[];
  /** The input files, as given on the command line. */
  readonly inputs: readonly string[];
}

export interface AwsImport {
  readonly result: ImportResult;
  /** Roles that are not workload roles, `path+name (why)`: named on stderr, counted in the file. */
  readonly ignoredRoles: readonly string[];
}

/** podiam's default quota of managed policies per role (IAM's default), and IAM's maximum. */
const DEFAULT_POLICY_QUOTA = 10;
const MAX_POLICY_QUOTA = 20;

const source = (role: AccountRole) => `role ${role.path}${role.name}`;

export function importAws(input: AwsImportSource): AwsImport {
  const { details } = input;
  const fileNotes: ImportNote[] = [];
  const clusterKeys = new Map<string, string>();
  const takenClusterKeys = new Set<string>();
  for (const cluster of [...input.clusters].sort(
    (a, b) => a.name.localeCompare(b.name) || a.arn.localeCompare(b.arn),
  )) {
    if (clusterKeys.has(cluster.name)) {
      fileNotes.push({
        at: ["clusters"],
        kind: "skipped",
        message: `the cluster ${cluster.arn} has the name of another given cluster; only ${cluster.name} of the first file is used`,
        source: cluster.file,
      });
      continue;
    }
    clusterKeys.set(cluster.name, uniqueBindingName(cluster.name, takenClusterKeys));
  }
  const clusterByKey = new Map(
    input.clusters.filter((c) => clusterKeys.has(c.name)).map((c) => [clusterKeys.get(c.name)!, c]),
  );
  const clusters = [...clusterByKey.values()];

  const ignoredRoles: string[] = [];
  const candidates: Candidate[] = [];
  const associationsByRole = new Map<string, PodIdentityAssociation[]>();
  for (const association of input.associations) {
    const list = associationsByRole.get(association.roleArn) ?? [];
    list.push(association);
    associationsByRole.set(association.roleArn, list);
  }
  for (const association of input.associations) {
    if (
      !details.roles.some((role) => role.arn === association.roleArn) &&
      association.roleArn.includes(`::${accountOfRoles(details)}:`)
    ) {
      fileNotes.push({
        at: [],
        kind: "skipped",
        message: `the Pod Identity association ${association.clusterName} ${association.namespace}/${association.serviceAccount} names the role ${association.roleArn}, which is not in ${details.file}: a dangling association (the role was deleted?); not imported`,
        source: association.source,
      });
    }
  }
  for (const listed of input.listed) {
    const described = input.associations.some(
      (a) =>
        a.clusterName === listed.clusterName &&
        a.namespace === listed.namespace &&
        a.serviceAccount === listed.serviceAccount,
    );
    if (!described)
      fileNotes.push({
        at: [],
        kind: "skipped",
        message: `the association ${listed.associationId ?? ""} (${listed.clusterName} ${listed.namespace}/${listed.serviceAccount}) is listed but has no describe-pod-identity-association output: a list has no role ARN; run aws eks describe-pod-identity-association --cluster-name ${listed.clusterName} --association-id ${listed.associationId ?? "ID"} and pass it with --pod-identity-associations`,
        source: listed.source,
      });
  }

  for (const role of details.roles) {
    const analysis = analyseTrust(role, clusters);
    if (!isWorkloadRole(analysis)) {
      ignoredRoles.push(`${role.path}${role.name} (${whyNotWorkload(role, analysis)})`);
      for (const association of associationsByRole.get(role.arn) ?? [])
        fileNotes.push({
          at: [],
          kind: "skipped",
          message: `the association ${association.clusterName} ${association.namespace}/${association.serviceAccount} names ${role.arn}, whose trust does not admit pods.eks.amazonaws.com: it cannot work as it is; not imported`,
          source: association.source,
        });
      continue;
    }
    candidates.push(candidateOf(role, analysis, associationsByRole.get(role.arn) ?? [], clusterKeys));
  }

  resolveConflicts(candidates);

  // Names: roles whose name is already a binding name first, so they keep it; then the rest.
  const taken = new Set<string>();
  const shaped = candidates.map((candidate) => ({ candidate, shape: shapeOf(candidate) }));
  const importable = shaped.filter((s) => s.shape !== undefined);
  const names = new Map<Candidate, string>();
  const rawName = (c: Candidate, sa: string | undefined) => bindingNameSource(c.role.name, sa);
  const order = [...importable].sort((a, b) => {
    const ra = rawName(a.candidate, a.shape!.serviceAccounts[0]);
    const rb = rawName(b.candidate, b.shape!.serviceAccounts[0]);
    const exactA = sanitisedName(ra) === ra ? 0 : 1;
    const exactB = sanitisedName(rb) === rb ? 0 : 1;
    return exactA - exactB || ra.localeCompare(rb) || a.candidate.role.arn.localeCompare(b.candidate.role.arn);
  });
  for (const { candidate, shape } of order)
    names.set(candidate, uniqueBindingName(rawName(candidate, shape!.serviceAccounts[0]), taken));

  const accounts = new Map<string, string>();
  const aliasOf = (id: string) => {
    if (!accounts.has(id)) accounts.set(id, `account-${id}`);
    return accounts.get(id)!;
  };
  let quota = DEFAULT_POLICY_QUOTA;
  const built: {
    name: string;
    data: Record<string, unknown>;
    notes: BindingNote[];
    candidate: Candidate;
    admitted: Set<string>;
    policies: RolePolicies;
  }[] = [];
  let whole = 0;
  let narrowed = 0;
  let notImported = 0;
  for (const { candidate, shape } of shaped) {
    if (!shape) {
      // Never silently: a role that gave nothing importable says so even where no rule above did.
      if (!candidate.notes.some((n) => n.kind === "skipped" || n.kind === "narrowed"))
        candidate.notes.push({
          at: [],
          kind: "skipped",
          message:
            "a workload role of which nothing could be imported (no ServiceAccount of a given cluster or association fits a binding)",
        });
      notImported += Math.max(1, candidate.sourceUnits.size);
      for (const note of candidate.notes)
        fileNotes.push({ at: [], kind: note.kind, message: note.message, source: source(candidate.role) });
      continue;
    }
    const role = candidate.role;
    const notes = candidate.notes.concat(shape.notes);
    const policies = rolePolicies(role, details);
    const data: Record<string, unknown> = { name: names.get(candidate)! };
    const keys = shape.clusters;
    if (keys.length === 1) data.cluster = keys[0];
    else data.clusters = keys;
    data.serviceAccounts = shape.serviceAccounts;
    const clusterAccounts = new Set(keys.map((key) => clusterByKey.get(key)!.accountId));
    if (!(clusterAccounts.size === 1 && clusterAccounts.has(role.accountId))) data.account = aliasOf(role.accountId);
    data.mode = shape.mode;
    const roleData: Record<string, unknown> = { name: role.name, path: role.path };
    if (role.permissionsBoundaryArn) roleData.permissionsBoundary = role.permissionsBoundaryArn;
    const tags = Object.fromEntries(
      Object.entries(role.tags)
        .filter(([key]) => !key.startsWith("aws:"))
        .sort(([a], [b]) => a.localeCompare(b)),
    );
    const reserved = Object.keys(role.tags).filter((key) => key.startsWith("aws:"));
    if (reserved.length > 0)
      notes.push({
        at: ["role", "tags"],
        kind: "not-carried",
        message: `tags ${reserved.join(", ")} are AWS's (aws: prefix) and cannot be set by podiam`,
      });
    if (Object.keys(tags).length > 0) roleData.tags = tags;
    data.role = roleData;
    const policyData: Record<string, unknown> = {};
    if (policies.managed.length > 0) policyData.managed = [...policies.managed];
    if (policies.statements.length > 0) policyData.statements = policies.statements;
    if (Object.keys(policyData).length > 0) data.policies = policyData;
    if (policies.customerByArn.length > 0)
      notes.push({
        at: ["policies", "managed"],
        kind: "hint",
        message: `customer-managed ${policies.customerByArn.join(", ")} kept by ARN: podiam attaches it as it is and does not manage its document (whoever made it still does)`,
      });
    if (role.inlinePolicies.length > 0 && policies.statements.length > 0)
      notes.push({
        at: ["policies", "statements"],
        kind: "hint",
        message: `the statements of the inline ${role.inlinePolicies.length === 1 ? "policy" : "policies"} ${role.inlinePolicies.map((p) => p.name).join(", ")}: podiam makes them one customer-managed policy ${role.path}${role.name}${policies.adoptPolicy ? " (the existing one, adopted)" : ""}; once applied, delete the inline ${role.inlinePolicies.length === 1 ? "policy" : "policies"} (aws iam delete-role-policy --role-name ${role.name} --policy-name NAME): until then both grant the same`,
      });
    else if (policies.adoptPolicy)
      notes.push({
        at: ["policies", "statements"],
        kind: "hint",
        message: `the statements of the existing policy ${role.path}${role.name} (its default version), adopted: podiam manages it from the first apply`,
      });
    if (policies.ownPolicyUnknown)
      notes.push({
        at: ["policies", "statements"],
        kind: "todo",
        message: `the role has the policy ${role.path}${role.name} attached, the name podiam gives the policy of these statements, and its document is not in ${details.file}: export with --filter Role LocalManagedPolicy and import again, or the first apply fails on the existing policy`,
      });
    for (const problem of policies.problems)
      notes.push({
        at: ["policies"],
        kind: "narrowed",
        message: `${problem}: not carried, so the role loses what it granted`,
      });
    if (policies.renamedSids.length > 0)
      notes.push({
        at: ["policies", "statements"],
        kind: "hint",
        message: `Sids renamed to be unique in one policy: ${policies.renamedSids.join(", ")}`,
      });
    if (policies.attachedCount > DEFAULT_POLICY_QUOTA) {
      quota = Math.max(quota, Math.min(policies.attachedCount, MAX_POLICY_QUOTA));
      notes.push({
        at: ["policies", "managed"],
        kind: policies.attachedCount > MAX_POLICY_QUOTA ? "todo" : "hint",
        message:
          policies.attachedCount > MAX_POLICY_QUOTA
            ? `${policies.attachedCount} managed policies: more than IAM's maximum of ${MAX_POLICY_QUOTA} per role; merge some into statements`
            : `${policies.attachedCount} managed policies, over IAM's default quota of ${DEFAULT_POLICY_QUOTA}: the account's quota must have been raised (it is attached today), so quotas.managedPoliciesPerRole is set`,
      });
    }
    const trust = trustData(candidate, notes);
    if (trust) data.trust = trust;
    data.adopt = policies.adoptPolicy ? { role: true, policy: true } : { role: true };
    if (role.lastUsedDate === undefined)
      notes.push({
        at: ["role"],
        kind: "hint",
        message: "IAM has no record of this role being used (RoleLastUsed is empty): check it is still needed",
      });
    const admitted = new Set([...shape.serviceAccounts]);
    built.push({ name: data.name as string, data, notes, candidate, admitted, policies });
  }
  built.sort((a, b) => a.name.localeCompare(b.name));
  const filePolicies = shareInlinePolicies(built, details);
  for (const b of built) {
    const policyData = (b.data.policies ?? {}) as { managed?: string[]; statements?: unknown[] };
    const count = (policyData.managed?.length ?? 0) + ((policyData.statements?.length ?? 0) > 0 ? 1 : 0);
    if (count > DEFAULT_POLICY_QUOTA) quota = Math.max(quota, Math.min(count, MAX_POLICY_QUOTA));
  }
  const bindings = built.map((b) => b.data);
  const notes: ImportNote[] = [];
  notes.push({
    at: [],
    kind: "not-carried",
    message:
      "get-account-authorization-details has no MaxSessionDuration nor Description of roles: podiam's defaults (3600 seconds, no description) apply at the first apply; where a role has others, the first plan shows the update: set role.maxSessionDuration/role.description (aws iam get-role --role-name NAME)",
  });
  if (ignoredRoles.length > 0)
    notes.push({
      at: [],
      kind: "skipped",
      message: `${ignoredRoles.length} role(s) that no EKS workload can assume (service, SAML, cross-account, CI and node roles): ignored; their names are on stderr`,
    });
  if (
    !details.policiesListed &&
    details.roles.some((role) => role.attachedPolicyArns.some((arn) => !/:iam::aws:policy\//.test(arn)))
  )
    notes.push({
      at: [],
      kind: "hint",
      message: `${details.file} lists no customer-managed policies (exported with --filter Role alone?): they are attached by ARN, and their documents are neither checked nor explained; export with --filter Role LocalManagedPolicy to have them`,
    });
  notes.push(...fileNotes);
  const file: Record<string, unknown> = { version: 1 };
  for (const c of clusters) aliasOf(c.accountId);
  const regionOf = (id: string) =>
    [...clusterByKey.entries()].sort(([a], [b]) => a.localeCompare(b)).find(([, c]) => c.accountId === id)?.[1]
      .region ??
    [...clusterByKey.entries()].sort(([a], [b]) => a.localeCompare(b))[0]?.[1].region ??
    "us-east-1";
  file.accounts = Object.fromEntries(
    [...accounts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, alias]) => [alias, { id, region: regionOf(id) }]),
  );
  file.clusters = Object.fromEntries(
    [...clusterByKey.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, c]) => [
        key,
        {
          account: aliasOf(c.accountId),
          region: c.region,
          ...(key !== c.name ? { name: c.name } : {}),
          ...(c.issuer ? { oidcIssuer: c.issuer, oidcProvider: "existing" } : {}),
        },
      ]),
  );
  notes.push({
    at: ["accounts"],
    kind: "hint",
    message:
      "accounts are named after their id, in the region of their first cluster: rename them now if you like (prod, shared), before the first synth: the stack (iam-<alias>) and its directory are named after the alias (its state, after the account id, never moves)",
  });
  file.defaults = { serviceAccount: { create: false } };
  notes.push({
    at: ["defaults", "serviceAccount", "create"],
    kind: "hint",
    message:
      "the ServiceAccounts exist already (Helm, eksctl, GitOps) and keep their owner: podiam neither creates nor imports them. To let podiam manage them: create: true and adopt.serviceAccounts: true on the binding",
  });
  if (quota > DEFAULT_POLICY_QUOTA) {
    file.quotas = { managedPoliciesPerRole: quota };
    notes.push({
      at: ["quotas", "managedPoliciesPerRole"],
      kind: "hint",
      message: `a role has ${quota} managed policies attached today, over IAM's default quota of ${DEFAULT_POLICY_QUOTA}: the account's quota was raised; check it (Service Quotas, IAM "Managed policies per role")`,
    });
  }
  if (Object.keys(filePolicies).length > 0) file.policies = filePolicies;
  file.bindings = bindings;
  const waived = waiveExistingFindings(file);
  built.forEach((b, i) => b.notes.push(...(waived.get(i) ?? [])));
  built.forEach((b, i) => {
    for (const note of b.notes)
      notes.push({
        at: ["bindings", i, ...note.at],
        kind: note.kind,
        message: note.message,
        source: source(b.candidate.role),
      });
    const isNarrowed = b.notes.some((n) => n.kind === "narrowed");
    for (const unit of b.candidate.sourceUnits) {
      if (!b.admitted.has(unit)) notImported++;
      else if (isNarrowed) narrowed++;
      else whole++;
    }
  });

  return {
    result: { tool: "aws", inputs: input.inputs, file, notes, counts: { whole, narrowed, notImported } },
    ignoredRoles,
  };
}

/**
 * An inline document that several imported roles have, word for word, becomes one file policy
 * (`policies.<name>`) that each of them attaches, rather than a copy in each binding's own policy:
 * one document to review and change. Roles whose own policy is adopted keep theirs as it is.
 */
function shareInlinePolicies(
  built: { data: Record<string, unknown>; notes: BindingNote[]; policies: RolePolicies; candidate: Candidate }[],
  details: AuthorizationDetails,
): Record<string, { statements: unknown[] }> {
  const groups = new Map<string, { binding: (typeof built)[number]; inline: RolePolicies["inline"][number] }[]>();
  for (const binding of built) {
    if (binding.policies.adoptPolicy) continue;
    for (const inline of binding.policies.inline) {
      const group = groups.get(inline.key) ?? [];
      if (!group.some((g) => g.binding === binding)) group.push({ binding, inline });
      groups.set(inline.key, group);
    }
  }
  // Names of existing customer-managed policies are taken: podiam would make a policy of that name.
  const taken = new Set([...details.policies.values()].map((p) => p.name.toLowerCase()));
  const policies: Record<string, { statements: unknown[] }> = {};
  for (const [key, group] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (group.length < 2) continue;
    const first = [...group].sort((a, b) => a.inline.name.localeCompare(b.inline.name))[0];
    const name = uniqueBindingName(first.inline.name.toLowerCase(), taken);
    policies[name] = { statements: JSON.parse(key) as unknown[] };
    for (const { binding, inline } of group) {
      const data = binding.data.policies as { managed?: string[]; statements?: Record<string, unknown>[] };
      data.statements = (data.statements ?? []).filter((s) => !inline.statements.includes(s));
      if (data.statements.length === 0) {
        delete data.statements;
        binding.notes.splice(
          0,
          binding.notes.length,
          ...binding.notes.filter((n) => !(n.at[0] === "policies" && n.at[1] === "statements")),
        );
      }
      data.managed = [...(data.managed ?? []), name];
      binding.notes.push({
        at: ["policies", "managed"],
        kind: "hint",
        message: `the inline policy ${inline.name} is the file's policy ${name}, which ${group.length} roles have word for word: podiam makes it once (a new customer-managed policy) and attaches it; once applied, delete the inline policy (aws iam delete-role-policy --role-name ${binding.candidate.role.name} --policy-name ${inline.name})`,
      });
    }
  }
  return policies;
}

/**
 * What a binding is named after: the role's name, lowercased first (so that `ReportingService`
 * stays one word and IAM's case-insensitive names give one binding name), `r-` before a leading
 * digit; or, for a generated name (CloudFormation, Terraform name_prefix), its ServiceAccount.
 */
function bindingNameSource(roleName: string, serviceAccount: string | undefined): string {
  if (isGeneratedName(roleName) && serviceAccount) return serviceAccount.replace("/", "-").replace(/\*$/, "");
  const lower = roleName.toLowerCase();
  return /^[a-z]/.test(lower) ? lower : `r-${lower}`;
}

function accountOfRoles(details: AuthorizationDetails): string {
  return details.roles[0]?.accountId ?? "";
}

/** CloudFormation's `-Role1-<12 or 13 alphanumerics>` suffix, or Terraform's 26-digit name_prefix suffix. */
export function isGeneratedName(name: string): boolean {
  return /-Role1-[A-Za-z0-9]{12,13}$/.test(name) || /\d{26}$/.test(name);
}

function whyNotWorkload(role: AccountRole, analysis: TrustAnalysis): string {
  if (role.path.startsWith("/aws-service-role/")) return "service-linked role";
  if (analysis.foreignWebIdentity.length > 0)
    return `web identity of another issuer: ${analysis.foreignWebIdentity.join(", ")}`;
  if (role.instanceProfiles > 0) return "an EC2 role (instance profile)";
  if (
    analysis.others.some(
      (o) => /^AWS arn:[a-z-]+:iam::\d{12}:role\//.test(o.description) && /sts:TagSession/.test(o.description),
    )
  )
    return `trusted by another role (a Pod Identity target role or a role chain, which podiam has no notion of): ${analysis.others.map((o) => o.description).join("; ")}`;
  return analysis.others.map((o) => o.description).join("; ") || "no statement";
}
