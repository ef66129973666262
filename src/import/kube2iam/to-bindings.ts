/**
 * kube2iam/kiam workloads (and, when given, the account's roles) to a bindings file: one binding
 * per role, for the ServiceAccounts its pods run as; the role adopted as it is (name, path,
 * permissions, boundary, tags); its current node-role or kiam-server trust kept in `trust.roles`
 * for the migration, with a comment saying when to delete it. Whatever the input cannot tell is a
 * TODO(podiam) value that validate refuses, so an unfinished import never reaches Terraform.
 */
import type { Problem } from "../../bindings/problems";
import { UNFINISHED_MARKER } from "../../bindings/unfinished";
import { findRole, type AccountRole, type AuthorizationDetails } from "../aws/authorization-details";
import type { EksCluster } from "../aws/clusters";
import { rolePolicies } from "../aws/role-policies";
import { uniqueBindingName } from "../binding-names";
import type { ImportNote, ImportResult } from "../imported-file";
import { readOldTrust } from "./old-trust";
import { parseBaseArn, type BaseArn } from "./role-reference";
import { compare, serviceAccountRoles, type ServiceAccountRole } from "./service-account-roles";
import type { ClusterWorkloads, DaemonSettings } from "./workloads";

export interface Kube2iamImportInput {
  /** The manifest files, as given. */
  readonly manifestFiles: readonly string[];
  readonly workloads: ClusterWorkloads;
  readonly details?: AuthorizationDetails;
  readonly describedCluster?: EksCluster;
  /** --cluster KEY: the key of the cluster the manifests come from. */
  readonly clusterKey?: string;
  /** --base-role-arn: what kube2iam/kiam prefix role names with, when their flags are not in the input. */
  readonly baseRoleArn?: string;
  /** --adopt-service-accounts: podiam takes the existing ServiceAccounts over instead of leaving them to their owner. */
  readonly adoptServiceAccounts?: boolean;
}

const todo = (what: string) => `${UNFINISHED_MARKER} ${what}`;

export function kube2iamImport(input: Kube2iamImportInput): { result?: ImportResult; problems: readonly Problem[] } {
  const notes: ImportNote[] = [];
  const note = (at: ImportNote["at"], kind: ImportNote["kind"], message: string, source?: string) =>
    notes.push({ at, kind, message, ...(source ? { source } : {}) });
  const { workloads, details, describedCluster } = input;

  // The daemons' flags, where their own Deployments/DaemonSets are in the input.
  const daemon = (tool: DaemonSettings["tool"]) => workloads.daemons.find((d) => d.tool === tool);
  const kube2iam = daemon("kube2iam");
  const kiam = daemon("kiam");
  for (const d of workloads.daemons) {
    const flags = [
      d.baseRoleArn && `base role ARN ${d.baseRoleArn}`,
      d.namespaceRestrictions !== undefined && `namespace restrictions ${d.namespaceRestrictions ? "on" : "off"}`,
      d.restrictionFormat && `restriction format ${d.restrictionFormat}`,
      d.defaultRole && `default role ${d.defaultRole}`,
      d.assumeRoleArn && `server role ${d.assumeRoleArn}`,
      d.unanchoredPermitted !== undefined && `strict namespace regexp ${d.unanchoredPermitted ? "off" : "on"}`,
    ].filter(Boolean);
    note(
      [],
      "hint",
      `${d.tool}'s own container is in the input; read from its args: ${flags.join(", ") || "nothing podiam uses"}`,
      d.where,
    );
  }

  // The base ARN role names are prefixed with, and the cluster's account.
  const baseText = input.baseRoleArn ?? kube2iam?.baseRoleArn ?? kiam?.baseRoleArn;
  let base: BaseArn | undefined = baseText !== undefined ? parseBaseArn(baseText) : undefined;
  if (baseText !== undefined && base === undefined) {
    return {
      problems: [
        {
          file:
            input.baseRoleArn !== undefined ? "--base-role-arn" : (kube2iam ?? kiam)!.where.replace(/:\d+:\d+$/, ""),
          line: 1,
          column: 1,
          path: "base-role-arn",
          severity: "error",
          message: `"${baseText}" is not a base role ARN (arn:aws:iam::<12 digits>:role/)`,
        },
      ],
    };
  }
  const detailsAccount = details?.roles[0]?.accountId;
  const clusterAccount = describedCluster?.accountId ?? base?.account ?? detailsAccount;
  const partition = describedCluster?.partition ?? base?.partition ?? details?.roles[0]?.partition ?? "aws";
  if (!base && clusterAccount !== undefined) {
    base = { partition, account: clusterAccount, path: "/" };
    note(
      [],
      "hint",
      `no base role ARN in the input (kube2iam --base-role-arn, kiam --role-base-arn): role names are read as roles of the cluster's account, arn:${partition}:iam::${clusterAccount}:role/<name> (kube2iam's --auto-discover-base-arn); say otherwise with --base-role-arn`,
    );
  }
  const accountForArns = clusterAccount ?? "000000000000";

  const roles = serviceAccountRoles(workloads, {
    base,
    clusterAccount: accountForArns,
    defaultRole: kube2iam?.defaultRole,
    namespaceRestrictionsOn: kube2iam?.namespaceRestrictions === true,
    restrictions: {
      baseArn: `arn:${partition}:iam::${base?.account ?? accountForArns}:role${base?.path ?? "/"}`,
      allowedRolesFormat: kube2iam?.restrictionFormat ?? "glob",
      unanchoredPermitted: kiam?.unanchoredPermitted ?? false,
    },
  });
  if (roles.problems.length > 0) return { problems: roles.problems };
  notes.push(...roles.notes);
  if (!kube2iam?.namespaceRestrictions && [...workloads.namespaces.values()].some((n) => n.allowedRoles)) {
    note(
      [],
      "hint",
      `iam.amazonaws.com/allowed-roles is honoured as kube2iam does with --namespace-restrictions${kube2iam ? "" : " (kube2iam's flags are not in the input)"}; without that flag kube2iam ignores it, and these bindings grant no more than it allowed`,
    );
  }
  for (const [kind, count] of [...workloads.otherKinds.entries()].sort(([a], [b]) => compare(a, b))) {
    note([], "skipped", `${count} ${kind} object(s): no pod template, ignored`);
  }

  // Accounts and the cluster.
  const accountAlias = (id: string) => `account-${id}`;
  const accounts: Record<string, Record<string, unknown>> = {};
  const region =
    describedCluster?.region ?? todo("the cluster's region, such as eu-west-1 (or pass --describe-cluster FILE)");
  const addAccount = (id: string | undefined) => {
    const alias = id !== undefined ? accountAlias(id) : "cluster-account";
    if (!accounts[alias]) {
      accounts[alias] = {
        id: id ?? todo("the cluster's 12-digit account id (or pass --describe-cluster FILE, --base-role-arn ARN)"),
        ...(partition !== "aws" ? { partition } : {}),
        region,
      };
    }
    return alias;
  };
  const clusterAlias = addAccount(clusterAccount);
  const clusterKey = input.clusterKey ?? describedCluster?.name ?? "cluster";
  const issuerHost = describedCluster?.issuer?.replace(/^https:\/\//, "");
  const cluster: Record<string, unknown> = {
    account: clusterAlias,
    region,
    ...(describedCluster && describedCluster.name !== clusterKey ? { name: describedCluster.name } : {}),
    ...(!describedCluster && input.clusterKey === undefined
      ? { name: todo("the EKS cluster's name (or pass --cluster KEY / --describe-cluster FILE)") }
      : {}),
    ...(describedCluster?.issuer ? { oidcIssuer: describedCluster.issuer } : {}),
  };
  if (!describedCluster) {
    note(
      ["clusters", clusterKey],
      "hint",
      "no --describe-cluster FILE: the OIDC issuer is read from the cluster at plan time; aws eks describe-cluster --name NAME > FILE gives region, account and issuer",
    );
  }
  const providerKnown =
    issuerHost !== undefined &&
    (details?.roles ?? []).some((role) => readOldTrust(role.trust).irsaSubjects.has(issuerHost));
  if (providerKnown) {
    cluster.oidcProvider = "existing";
    note(
      ["clusters", clusterKey, "oidcProvider"],
      "hint",
      "a role of the account already trusts this cluster's OIDC provider, so it exists: podiam references it",
    );
  } else {
    note(
      ["clusters", clusterKey],
      "hint",
      "podiam creates the cluster's IAM OIDC provider (oidcProvider: create); if it exists already (eksctl utils associate-iam-oidc-provider, another Terraform root), set oidcProvider: existing",
    );
  }

  // One binding per role.
  const byRole = new Map<string, ServiceAccountRole[]>();
  for (const sa of roles.importable) byRole.set(sa.arn, [...(byRole.get(sa.arn) ?? []), sa]);
  const taken = new Set<string>();
  const bindings: Record<string, unknown>[] = [];
  let whole = 0;
  let narrowedCount = 0;
  const helmReleases = new Map<string, string>();
  for (const sa of workloads.serviceAccounts)
    if (sa.helmRelease) helmReleases.set(`${sa.namespace}/${sa.name}`, sa.helmRelease);
  // The roles the known application roles trust today: the likely answer where a role is unknown.
  const trustedByKnown = new Set<string>();
  for (const arn of byRole.keys()) {
    const known = details ? findRole(details, arn) : undefined;
    if (known && known.arn === arn) for (const r of readOldTrust(known.trust).roles) trustedByKnown.add(r.arn);
  }
  const likely = [...trustedByKnown].sort(compare);
  for (const arn of [...byRole.keys()].sort(compare)) {
    const accountsOfRole = byRole.get(arn)!;
    const role = accountsOfRole[0].role;
    const index = bindings.length;
    const at = (...path: (string | number)[]) => ["bindings", index, ...path];
    const name = uniqueBindingName(role.name, taken);
    const serviceAccounts = accountsOfRole.map((sa) => `${sa.namespace}/${sa.name}`).sort(compare);
    const workloadsText = accountsOfRole.flatMap((sa) =>
      sa.workloads.map((w) => `${w.workload.kind} ${w.workload.namespace}/${w.workload.name}`),
    );
    const sources = accountsOfRole.flatMap((sa) => sa.workloads.map((w) => w.workload.roleWhere ?? w.workload.where));
    const narrowed: string[] = [];
    const binding: Record<string, unknown> = { name, cluster: clusterKey, serviceAccounts };
    const roleAccount = role.account ?? clusterAccount;
    if (roleAccount !== clusterAccount) {
      binding.account = addAccount(roleAccount);
      note(
        at("account"),
        "hint",
        `the role is in account ${roleAccount}, not the cluster's: cross-account IRSA; podiam makes the cluster's OIDC provider in that account too (unless oidcProvider: existing, which then must hold for both accounts)`,
      );
    }
    const roleData: Record<string, unknown> = { name: role.name };
    if (role.path !== "/") roleData.path = role.path;
    binding.role = roleData;

    let adoptPolicy = false;
    const found: AccountRole | undefined =
      details && roleAccount === details.roles[0]?.accountId ? findRole(details, arn) : undefined;
    if (found) {
      if (found.permissionsBoundaryArn) roleData.permissionsBoundary = found.permissionsBoundaryArn;
      if (Object.keys(found.tags).length > 0) roleData.tags = { ...found.tags };
      // The same reading of a role's permissions as podiam import aws (its own policy adopted, not duplicated).
      const permissions = rolePolicies(found, details!);
      const policies: Record<string, unknown> = {};
      if (permissions.managed.length > 0) policies.managed = [...permissions.managed];
      const statements = permissions.statements;
      for (const problem of permissions.problems) narrowed.push(`${problem}: not carried (the binding may do less)`);
      for (const renamed of permissions.renamedSids) {
        note(at("policies", "statements"), "hint", `two documents use one Sid: renamed ${renamed}`);
      }
      adoptPolicy = permissions.adoptPolicy;
      if (permissions.adoptPolicy) {
        note(
          at("adopt", "policy"),
          "hint",
          `the customer-managed policy named like the role (${found.path}${found.name}) is the binding's own: its statements are in policies.statements and the first apply adopts it`,
        );
      }
      for (const inline of found.inlinePolicies) {
        note(
          at("policies", "statements"),
          "hint",
          `the statements of the inline policy ${inline.name} of ${found.name}: podiam makes them a customer-managed policy and leaves inline policies alone; delete the inline policy once the first apply has attached podiam's (aws iam delete-role-policy --role-name ${found.name} --policy-name ${inline.name})`,
        );
      }
      if (statements.length > 0) policies.statements = statements;
      if (Object.keys(policies).length > 0) binding.policies = policies;
      else
        note(
          at(),
          "hint",
          `${found.name} has no permissions today (no inline or attached policy): neither has the binding`,
        );
      if (permissions.attachedCount > 10) {
        note(
          at("policies", "managed"),
          "hint",
          `${permissions.attachedCount} attached policies: over IAM's default quota of 10 per role; the account must have a raised quota`,
        );
      }
      note(
        at("role"),
        "hint",
        "get-account-authorization-details has no MaxSessionDuration or Description: podiam's defaults (3600 seconds, none) apply at the first apply; check aws iam get-role and set role.maxSessionDuration/description if they differ",
      );

      const old = readOldTrust(found.trust);
      narrowed.push(...old.narrowed);
      const subjects = issuerHost !== undefined ? old.irsaSubjects.get(issuerHost) : undefined;
      const wanted = serviceAccounts.map((sa) => `system:serviceaccount:${sa.replace("/", ":")}`);
      for (const [host, listed] of old.irsaSubjects) {
        const extra = host === issuerHost ? listed.filter((s) => !wanted.includes(s)) : listed;
        if (extra.length > 0) {
          narrowed.push(
            `the role's IRSA trust of ${host} also admits ${extra.join(", ")}, which run no workload with this role here: not kept (add them to serviceAccounts, or a binding on that cluster, if they are used)`,
          );
        }
      }
      if (subjects && subjects.length > 0) {
        note(
          at("serviceAccounts"),
          "hint",
          `the role already trusts ${subjects.join(", ")} by IRSA on this cluster; podiam's irsa trust keeps that`,
        );
      }
      if (old.roles.length > 0) {
        binding.trust = { roles: old.roles.map((r) => r.arn) };
        old.roles.forEach((kept, i) => {
          note(
            at("trust", "roles", i),
            "hint",
            `${kept.arn} is ${describeTrusted(details!, kept.arn, kiam)}: kept so that ${kept.arn.includes("kiam") ? "kiam" : "kube2iam"} can still give this role to ${workloadsText.join(", ")} during the migration. Delete this line (and trust, if it is the last) once every one of their pods has restarted with the ServiceAccount's eks.amazonaws.com/role-arn annotation, then apply again`,
          );
        });
      } else {
        note(
          at(),
          "narrowed",
          "the role's trust admits no role podiam can keep: kube2iam/kiam stop getting this role at the first apply; annotate its ServiceAccounts and restart their pods in the same change",
        );
      }
    } else {
      const why = !details
        ? "no --authorization-details"
        : roleAccount !== details.roles[0]?.accountId
          ? `the role is in account ${roleAccount}, and --authorization-details ${details.file} is account ${details.roles[0]?.accountId}'s`
          : `the role is not in --authorization-details ${details.file}`;
      binding.policies = {
        managed: [
          todo(
            `the permissions of ${arn} are unknown (${why}): list its attached policy ARNs here and its inline statements under policies.statements (aws iam get-account-authorization-details in account ${roleAccount}, then import again with --authorization-details)`,
          ),
        ],
      };
      binding.trust = {
        roles: [
          todo(
            `the exact ARN of the role ${arn} trusts today (the nodes' instance role for kube2iam, kiam's server role), so the daemon keeps working during the migration${likely.length > 0 ? `; the other roles here trust ${likely.join(" or ")}` : ""}`,
          ),
        ],
      };
      note(
        at("policies"),
        "todo",
        `the permissions and trust of ${arn} are unknown (${why}): the binding adopts the role, and an adopted role's permissions and trust become the file's at the first apply`,
        sources[0],
      );
    }
    binding.adopt = {
      role: true,
      ...(adoptPolicy ? { policy: true } : {}),
      ...(input.adoptServiceAccounts ? { serviceAccounts: true } : {}),
    };
    note(at("adopt", "role"), "hint", `the role exists: the first apply imports it (remove adopt once applied)`);

    const externalIds = accountsOfRole.flatMap((sa) => sa.workloads.filter((w) => w.workload.externalId !== undefined));
    for (const w of externalIds) {
      narrowed.push(
        `${w.workload.kind} ${w.workload.namespace}/${w.workload.name} passes iam.amazonaws.com/external-id; IRSA has no external id, so it is not carried`,
      );
    }
    for (const sa of accountsOfRole) {
      for (const w of sa.workloads.filter((x) => x.workload.sessionName !== undefined)) {
        note(
          at(),
          "not-carried",
          `${w.workload.kind} ${w.workload.namespace}/${w.workload.name}'s iam.amazonaws.com/session-name (${w.workload.sessionName}): IRSA names the session itself`,
          w.workload.where,
        );
      }
      if (sa.workloads.some((w) => w.workload.serviceAccountFrom === "serviceAccount")) {
        note(
          at("serviceAccounts"),
          "hint",
          `${sa.namespace}/${sa.name} is read from the deprecated spec.serviceAccount (no serviceAccountName)`,
        );
      }
      const release =
        helmReleases.get(`${sa.namespace}/${sa.name}`) ??
        sa.workloads.find((w) => w.workload.helmRelease)?.workload.helmRelease;
      if (release) {
        note(
          at("serviceAccounts"),
          "hint",
          `${sa.namespace}/${sa.name} belongs to the Helm release ${release}: give the chart the role's annotation (podiam export helm-values --cluster ${clusterKey})`,
        );
      }
    }
    for (const reason of narrowed) note(at(), "narrowed", reason, sources[0]);
    if (narrowed.length > 0) narrowedCount += serviceAccounts.length;
    else whole += serviceAccounts.length;
    bindings.push(binding);
  }

  if (bindings.some((b) => b.account !== undefined) && cluster.oidcIssuer === undefined) {
    cluster.oidcIssuer = todo(
      "the cluster's OIDC issuer (aws eks describe-cluster --name NAME --query cluster.identity.oidc.issuer): a role in another account cannot read it from the cluster at plan time",
    );
    note(["clusters", clusterKey, "oidcIssuer"], "todo", "cross-account IRSA needs the cluster's issuer in the file");
  }
  const file: Record<string, unknown> = {
    version: 1,
    accounts,
    clusters: { [clusterKey]: cluster },
  };
  if (!input.adoptServiceAccounts) {
    file.defaults = { serviceAccount: { create: false } };
    note(
      ["defaults", "serviceAccount", "create"],
      "hint",
      "the workloads' ServiceAccounts exist (their pods run as them) and are owned by whatever deploys the workloads (Helm, GitOps, kubectl apply): podiam makes the roles only; give each ServiceAccount its eks.amazonaws.com/role-arn annotation there (podiam export helm-values prints it). To let podiam take them over instead, import again with --adopt-service-accounts",
    );
  }
  file.bindings = bindings;
  if (bindings.length === 0) note([], "hint", "no ServiceAccount could be imported: the file has no bindings");
  return {
    result: {
      tool: "kube2iam",
      inputs: [
        ...input.manifestFiles,
        ...(details ? [details.file] : []),
        ...(describedCluster ? [describedCluster.file] : []),
      ],
      file,
      notes,
      counts: { whole, narrowed: narrowedCount, notImported: roles.notImported.length },
    },
    problems: [],
  };
}

/** What a kept trusted role is, for the comment beside it. */
function describeTrusted(details: AuthorizationDetails, arn: string, kiam: DaemonSettings | undefined): string {
  const role = findRole(details, arn);
  if (kiam?.assumeRoleArn === arn) return "kiam's server role (its --assume-role-arn)";
  if (role && role.instanceProfiles > 0) return "the nodes' instance role (it has an instance profile)";
  if (role && readOldTrust(role.trust).roles.length > 0 && /kiam/i.test(role.name)) return "kiam's server role";
  if (!role) return "a role the current trust admits (not in the authorization details)";
  return "a role the current trust admits";
}
