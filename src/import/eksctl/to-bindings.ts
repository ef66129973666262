/**
 * A checked eksctl ClusterConfig -> the bindings file that adopts what eksctl made: one binding
 * per ServiceAccount of `iam.serviceAccounts` and `iam.podIdentityAssociations` (one `mode: both`
 * binding where both name the same ServiceAccount and the same role), `adopt` set for the roles
 * and ServiceAccounts eksctl created, and a note for everything that is not carried over.
 */
import { UNFINISHED_MARKER } from "../../bindings/unfinished";
import type { BindingsSource } from "../../bindings/source";
import { FilePath, renderPath } from "../../bindings/problems";
import { sanitisedName, uniqueBindingName } from "../binding-names";
import type { ImportNote, ImportResult } from "../imported-file";
import { accountOf } from "./account";
import type { ClusterConfig, ClusterIamServiceAccount, PodIdentityAssociation } from "./cluster-config-schema";
import { fileNotes } from "./file-notes";
import { permissionsOf, wellKnownPolicyName } from "./permissions";
import type { Yaml11Boolean } from "./read-cluster-config";
import { describeOrigin, RoleOrigin, sameRole } from "./role-origin";
import { GivenRoleName, parseRoleArn } from "./role-names";
import { WELL_KNOWN_FLAGS, WellKnownFlag, wellKnownGrant } from "./well-known-policies";

export interface EksctlImportOptions {
  /** The ClusterConfig file, as given (named in notes and the header). */
  readonly file: string;
  /** `--account-id`: the cluster's account. */
  readonly accountId?: string;
  /** `--issuer`: the cluster's OIDC issuer URL. */
  readonly issuer?: string;
  /** `--role-names`: generated role names, by namespace/name. */
  readonly roleNames?: ReadonlyMap<string, GivenRoleName>;
  /** The `--role-names` file, as given. */
  readonly roleNamesFile?: string;
}

/** The annotation podiam writes itself; eksctl wrote it too. */
const ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";
/** The label eksctl puts on the ServiceAccounts it makes. */
const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

/** Namespaces every cluster has: eksctl never needs to create them. */
const ALWAYS_THERE = new Set(["default", "kube-system", "kube-public", "kube-node-lease"]);

interface IrsaEntry {
  readonly sa: ClusterIamServiceAccount;
  readonly index: number;
  readonly path: FilePath;
}

interface PiaEntry {
  readonly pia: PodIdentityAssociation;
  readonly index: number;
  readonly path: FilePath;
}

interface Workload {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  irsa?: IrsaEntry;
  pia?: PiaEntry;
}

/** The partition of a region, as eksctl's ${AWS::Partition} resolves there. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

export function importClusterConfig(
  config: ClusterConfig,
  source: BindingsSource,
  yaml11Booleans: readonly Yaml11Boolean[],
  options: EksctlImportOptions,
): ImportResult {
  const notes: ImportNote[] = [];
  const at = (path: FilePath) => {
    const { line, column } = source.positionOf(path);
    return `${options.file}:${line}:${column}`;
  };
  const note = (path: FilePath, kind: ImportNote["kind"], message: string, from?: FilePath | string) =>
    notes.push({
      at: path,
      kind,
      message,
      ...(from !== undefined ? { source: typeof from === "string" ? from : at(from) } : {}),
    });

  const clusterName = config.metadata.name;
  const region = config.metadata.region;
  const partition = partitionOf(region);
  const clusterKey = sanitisedName(clusterName);
  const iam = config.iam ?? {};

  // --- the ServiceAccounts, IRSA and Pod Identity, by namespace/name, in the file's order.
  const workloads = new Map<string, Workload>();
  (iam.serviceAccounts ?? []).forEach((sa, index) => {
    const namespace = sa.metadata?.namespace || "default";
    const name = sa.metadata?.name ?? "";
    const key = `${namespace}/${name}`;
    workloads.set(key, { key, namespace, name, irsa: { sa, index, path: ["iam", "serviceAccounts", index] } });
  });
  (iam.podIdentityAssociations ?? []).forEach((pia, index) => {
    const namespace = pia.namespace ?? "";
    const name = pia.serviceAccountName ?? "";
    const key = `${namespace}/${name}`;
    const entry = { pia, index, path: ["iam", "podIdentityAssociations", index] };
    const existing = workloads.get(key);
    if (existing) existing.pia = entry;
    else workloads.set(key, { key, namespace, name, pia: entry });
  });

  // --- the account: from --account-id, or from the ARNs of the file that are in the cluster's account.
  const account = accountOf(config, options, at);
  const accountAlias = account.id !== undefined ? `aws-${account.id}` : "main";
  if (account.note) note(["accounts", accountAlias, "id"], account.note.kind, account.note.message);

  // --- names: a ServiceAccount's name, or namespace-name where two namespaces share it.
  const nameCount = new Map<string, number>();
  for (const w of workloads.values()) nameCount.set(w.name, (nameCount.get(w.name) ?? 0) + 1);
  const taken = new Set<string>();

  const filePolicies = new Map<WellKnownFlag, Record<string, unknown>>();
  const bindings: Record<string, unknown>[] = [];
  const counts = { whole: 0, narrowed: 0, notImported: 0 };
  const namespacesCreated = new Set<string>();

  const roleOrigin = (w: Workload, which: "irsa" | "pia"): RoleOrigin => {
    if (which === "irsa") {
      const sa = w.irsa!.sa;
      if (sa.attachRoleARN)
        return {
          kind: "elsewhere",
          arn: sa.attachRoleARN,
          role: parseRoleArn(sa.attachRoleARN) ?? { name: sa.attachRoleARN },
        };
      if (sa.roleName) return { kind: "named", role: { name: sa.roleName }, how: "roleName" };
      const given = options.roleNames?.get(w.key);
      if (given) return { kind: "named", role: given, how: `--role-names (${given.where})` };
      const status = sa.status?.roleARN ? parseRoleArn(sa.status.roleARN) : undefined;
      if (status)
        return { kind: "named", role: status, how: `status.roleARN (${at([...w.irsa!.path, "status", "roleARN"])})` };
      return { kind: "generated", stack: `eksctl-${clusterName}-addon-iamserviceaccount-${w.namespace}-${w.name}` };
    }
    const pia = w.pia!.pia;
    if (pia.roleARN)
      return { kind: "elsewhere", arn: pia.roleARN, role: parseRoleArn(pia.roleARN) ?? { name: pia.roleARN } };
    if (pia.roleName) return { kind: "named", role: { name: pia.roleName }, how: "roleName" };
    const given = options.roleNames?.get(w.key);
    if (given) return { kind: "named", role: given, how: `--role-names (${given.where})` };
    return { kind: "generated", stack: `eksctl-${clusterName}-podidentityrole-${w.namespace}-${w.name}` };
  };

  for (const w of workloads.values()) {
    const index = bindings.length;
    const bpath = (...rest: (string | number)[]): FilePath => ["bindings", index, ...rest];
    const from = w.irsa?.path ?? w.pia!.path;
    const skip = (message: string, origin: FilePath = from) => {
      note([], "skipped", `${w.key}: ${message}`, origin);
      counts.notImported++;
    };
    let changed = false;

    // Pod Identity associations podiam cannot make as they are.
    let pia = w.pia;
    if (pia) {
      const reasons: string[] = [];
      if (pia.pia.targetRoleARN)
        reasons.push(
          `targetRoleARN ${pia.pia.targetRoleARN}: EKS Pod Identity role chaining into another account has no podiam equivalent (pods would get the first role's credentials, not the target's)`,
        );
      if (pia.pia.disableSessionTags === true)
        reasons.push(
          "disableSessionTags: true: podiam's Pod Identity trust matches the session tags EKS sets (kubernetes-namespace, kubernetes-service-account, eks-cluster-arn); without them the role could not be assumed",
        );
      if (pia.pia.policy !== undefined)
        reasons.push(
          `a session policy (policy: ${truncate(pia.pia.policy, 120)}), which podiam cannot express: the pods would get everything the role allows, more than they have today, and an import never widens`,
        );
      if (reasons.length > 0) {
        if (!w.irsa) {
          skip(`the Pod Identity association is not imported: ${reasons.join("; ")}. It stays eksctl's.`, pia.path);
          continue;
        }
        note(
          [],
          "not-carried",
          `${w.key}: its Pod Identity association is not imported (${reasons.join("; ")}); the IRSA binding is`,
          pia.path,
        );
        changed = true;
        pia = undefined;
      }
    }

    // One role for the ServiceAccount, or a conflict.
    const irsaRole = w.irsa ? roleOrigin(w, "irsa") : undefined;
    const piaRole = pia ? roleOrigin(w, "pia") : undefined;
    let role: RoleOrigin;
    let creator: "irsa" | "pia";
    if (irsaRole && piaRole) {
      const same = sameRole(irsaRole, piaRole);
      if (same !== true) {
        skip(
          `iam.serviceAccounts[${w.irsa!.index}] gives it ${describeOrigin(irsaRole)} and iam.podIdentityAssociations[${pia!.index}] ${describeOrigin(piaRole)}: ${same} podiam's mode both needs one role. Not imported: choose the role (for example the IRSA one, by pointing the association's roleARN at it) and import again.`,
        );
        continue;
      }
      // The role eksctl made (if either did) carries the permissions.
      creator = irsaRole.kind !== "elsewhere" ? "irsa" : piaRole.kind !== "elsewhere" ? "pia" : "irsa";
      role = creator === "irsa" ? irsaRole : piaRole;
    } else {
      creator = irsaRole ? "irsa" : "pia";
      role = (irsaRole ?? piaRole)!;
    }
    const mode = w.irsa && pia ? "both" : w.irsa ? "irsa" : "pod-identity";
    const sa = w.irsa?.sa;

    // ServiceAccounts: the exact one, or the subjectPattern as podiam's wildcard.
    let serviceAccounts = [w.key];
    let isPattern = false;
    if (sa?.subjectPattern !== undefined) {
      const pattern = sa.subjectPattern;
      const patternPath = [...w.irsa!.path, "subjectPattern"];
      if (!/[*?]/.test(pattern)) serviceAccounts = [`${w.namespace}/${pattern}`];
      else if (/^[^*?]*\*$/.test(pattern) && mode === "irsa") {
        serviceAccounts = [`${w.namespace}/${pattern}`];
        isPattern = true;
        note(
          bpath("serviceAccounts"),
          "hint",
          `subjectPattern "${pattern}": the same StringLike subject as eksctl's trust. podiam creates no ServiceAccount for a pattern: the one eksctl made (${w.key}) stays as it is`,
          patternPath,
        );
      } else {
        note(
          bpath("serviceAccounts"),
          "narrowed",
          `subjectPattern "${pattern}" (StringLike system:serviceaccount:${w.namespace}:${pattern}) is not expressible in podiam (only a trailing * in the name${mode === "both" ? ", and IRSA only" : ""}): the binding admits ${w.key} alone; add every other ServiceAccount that uses the role by name`,
          patternPath,
        );
        changed = true;
      }
    }

    const binding: Record<string, unknown> = {
      name: uniqueBindingName((nameCount.get(w.name) ?? 0) > 1 ? `${w.namespace}-${w.name}` : w.name, taken),
      cluster: clusterKey,
      serviceAccounts,
      mode,
    };

    // The role.
    const creatorEntry = creator === "irsa" ? w.irsa! : pia!;
    if (role.kind === "elsewhere") {
      binding.role = { arn: role.arn };
      note(
        bpath("role", "arn"),
        "hint",
        `eksctl made no role here (${creator === "irsa" ? "attachRoleARN" : "roleARN"}): the role is made elsewhere, and podiam leaves its trust and permissions alone`,
        [...creatorEntry.path, creator === "irsa" ? "attachRoleARN" : "roleARN"],
      );
    } else {
      const roleData: Record<string, unknown> = {};
      if (role.kind === "named") {
        roleData.name = role.role.name;
        if (role.role.path) roleData.path = role.role.path;
        if (role.how !== "roleName")
          note(bpath("role", "name"), "hint", `the name CloudFormation generated, from ${role.how}`);
      } else {
        roleData.name = `${UNFINISHED_MARKER} the name of the role CloudFormation generated for ${w.key} (stack ${role.stack}, output Role1: aws cloudformation describe-stacks --stack-name ${role.stack} --query "Stacks[0].Outputs[?OutputKey=='Role1'].OutputValue" --output text), or give it with --role-names`;
        note(
          bpath("role", "name"),
          "todo",
          `the config has no roleName: CloudFormation generated the role's name (<stack name, cut>-Role1-<random>), which no ClusterConfig records. Write it here, or import again with --role-names FILE (namespace/name: role name or ARN)`,
          creatorEntry.path,
        );
      }
      const boundary = creator === "irsa" ? w.irsa!.sa.permissionsBoundary : pia!.pia.permissionsBoundaryARN;
      if (boundary) roleData.permissionsBoundary = boundary;
      const tags = creator === "irsa" ? w.irsa!.sa.tags : pia!.pia.tags;
      if (tags && Object.keys(tags).length > 0) roleData.tags = sortedRecord(tags);
      binding.role = roleData;
    }

    // Permissions, of the entry eksctl made the role for.
    if (role.kind !== "elsewhere") {
      const policies = permissionsOf(
        creator === "irsa" ? { irsa: w.irsa!.sa } : { pia: pia!.pia },
        partition,
        filePolicies,
      );
      if (policies.problem) {
        skip(
          `its inline policy ${policies.problem}; podiam cannot hold it as statements, so nothing is imported for this ServiceAccount`,
          [...creatorEntry.path, creator === "irsa" ? "attachPolicy" : "permissionPolicy"],
        );
        continue;
      }
      binding.policies = policies.data;
      if (policies.inline.length > 0)
        note(
          bpath("policies"),
          "hint",
          `eksctl attached ${policies.inline.map((s) => `${"<stack>"}-${s}`).join(", ")} as inline policies of the role; podiam makes customer-managed policies instead and leaves inline ones alone: they stay on the role (granting the same) until eksctl's stack is deleted with the role retained, or you delete them`,
        );
      if (creator === "pia" && pia!.pia.permissionPolicyName)
        note(
          bpath("policies", "statements"),
          "hint",
          `permissionPolicyName "${pia!.pia.permissionPolicyName}" named eksctl's inline policy; podiam names its policy after the role`,
          [...pia!.path, "permissionPolicyName"],
        );
    }

    // The Kubernetes side: does a ServiceAccount exist because eksctl made it?
    const irsaCreated = sa !== undefined && sa.roleOnly !== true;
    const piaCreated = pia?.pia.createServiceAccount === true;
    const created = irsaCreated || piaCreated;
    const settings: Record<string, unknown> = {};
    if (!created) settings.create = false;
    if (sa) {
      const annotations = { ...(sa.metadata?.annotations ?? {}) };
      if (annotations[ROLE_ARN_ANNOTATION] !== undefined) {
        note(
          bpath("serviceAccount"),
          "hint",
          `the annotation ${ROLE_ARN_ANNOTATION}: ${annotations[ROLE_ARN_ANNOTATION]} is not carried: podiam writes it with the role's ARN`,
          [...w.irsa!.path, "metadata", "annotations", ROLE_ARN_ANNOTATION],
        );
        delete annotations[ROLE_ARN_ANNOTATION];
      }
      const labels = { ...(sa.metadata?.labels ?? {}) };
      if (labels[MANAGED_BY_LABEL] === "eksctl") {
        note(bpath("serviceAccount"), "hint", `the label ${MANAGED_BY_LABEL}: eksctl is eksctl's own; not carried`, [
          ...w.irsa!.path,
          "metadata",
          "labels",
          MANAGED_BY_LABEL,
        ]);
        delete labels[MANAGED_BY_LABEL];
      }
      if (Object.keys(annotations).length > 0) settings.annotations = sortedRecord(annotations);
      if (Object.keys(labels).length > 0) settings.labels = sortedRecord(labels);
    }
    if (Object.keys(settings).length > 0 && !isPattern) binding.serviceAccount = settings;
    if (created && !isPattern && !ALWAYS_THERE.has(w.namespace) && !namespacesCreated.has(w.namespace)) {
      namespacesCreated.add(w.namespace);
      note(
        bpath("serviceAccounts"),
        "not-carried",
        `eksctl creates the namespace ${w.namespace} when it is missing; podiam does not (on a new cluster, create it before the first apply)`,
        from,
      );
    }

    // Adoption: what eksctl made, the first apply imports.
    const adopt: Record<string, boolean> = {};
    if (role.kind !== "elsewhere") adopt.role = true;
    if (created && !isPattern) adopt.serviceAccounts = true;
    if (Object.keys(adopt).length > 0) binding.adopt = adopt;

    // Pod Identity: the association exists, the trust narrows, the session policy is not carried.
    if (pia) {
      note(
        bpath("mode"),
        "hint",
        `eksctl made the Pod Identity association of ${w.key}; podiam makes an aws_eks_pod_identity_association for it, which EKS refuses while the old one exists: import it first, in the IAM stack: terraform import 'aws_eks_pod_identity_association.${associationAddress(clusterKey, w.namespace, w.name)}' ${clusterName},<association id from aws eks list-pod-identity-associations --cluster-name ${clusterName}> (or delete it just before the apply)`,
        pia.path,
      );
      if (role.kind !== "elsewhere" && creator === "pia") {
        note(
          bpath("role"),
          "narrowed",
          "eksctl's trust lets any Pod Identity association of the account use this role (pods.eks.amazonaws.com, no condition); podiam's admits this cluster's ServiceAccount only (aws:SourceAccount and the session tags): another association that uses the role would stop working",
          pia.path,
        );
        changed = true;
      }
      if (pia.pia.tags && Object.keys(pia.pia.tags).length > 0 && role.kind === "elsewhere")
        note(
          bpath("mode"),
          "not-carried",
          `the association's tags (${Object.keys(pia.pia.tags).sort().join(", ")}) are not carried: with a role made elsewhere podiam tags nothing`,
          [...pia.path, "tags"],
        );
    }
    if (mode === "both" && role.kind !== "elsewhere") {
      note(
        bpath("role"),
        "narrowed",
        "for its Pod Identity association this role trusts pods.eks.amazonaws.com (eksctl utils migrate-to-pod-identity adds that statement without a condition); podiam's Pod Identity statement admits this cluster's ServiceAccount only (aws:SourceAccount and the session tags)",
        pia!.path,
      );
      changed = true;
    }
    if (mode === "both" && role.kind !== "elsewhere")
      note(
        bpath("mode"),
        "hint",
        `${w.key} is in iam.serviceAccounts and iam.podIdentityAssociations with the same role: one binding, mode both (IRSA trust and Pod Identity trust on the role)`,
        pia!.path,
      );

    bindings.push(binding);
    if (changed) counts.narrowed++;
    else counts.whole++;
  }

  if (workloads.size === 0)
    note(
      [],
      "hint",
      "the ClusterConfig has no iam.serviceAccounts and no iam.podIdentityAssociations: no binding to import",
      config.iam !== undefined ? ["iam"] : options.file,
    );

  // --- what the file holds besides the workloads' IAM.
  fileNotes(config, note, options, clusterName);
  for (const boolean of yaml11Booleans)
    note(
      [],
      "hint",
      `${renderPath(boolean.path)}: ${boolean.text} read as ${boolean.value}, as eksctl reads it (YAML 1.1, through sigs.k8s.io/yaml)`,
      boolean.path,
    );

  // --- the file.
  const cluster: Record<string, unknown> = { account: accountAlias, region, name: clusterName };
  const hasIrsa = bindings.some((b) => b.mode !== "pod-identity");
  if (options.issuer !== undefined) cluster.oidcIssuer = options.issuer;
  else if (hasIrsa)
    note(
      ["clusters", clusterKey],
      "hint",
      `a ClusterConfig does not hold the cluster's OIDC issuer: podiam reads it from the cluster at plan time. To make the trust policies literal (reviewable in a pull request), add oidcIssuer (aws eks describe-cluster --name ${clusterName} --query cluster.identity.oidc.issuer --output text) or import again with --issuer URL`,
    );
  if (iam.withOIDC === true) {
    cluster.oidcProvider = "existing";
    note(
      ["clusters", clusterKey, "oidcProvider"],
      "hint",
      "iam.withOIDC: eksctl made the cluster's IAM OIDC provider: podiam refers to it (existing); write adopt to take it over",
      ["iam", "withOIDC"],
    );
  }
  const accountData: Record<string, unknown> = {
    id:
      account.id ??
      `${UNFINISHED_MARKER} the 12-digit id of the account of cluster ${clusterName} (aws sts get-caller-identity --query Account --output text), or import again with --account-id`,
  };
  if (partition !== "aws") accountData.partition = partition;
  accountData.region = region;

  const file: Record<string, unknown> = {
    version: 1,
    accounts: { [accountAlias]: accountData },
    clusters: { [clusterKey]: cluster },
  };
  const metadataTags = config.metadata.tags ?? {};
  if (Object.keys(metadataTags).length > 0) {
    file.defaults = { tags: sortedRecord(metadataTags) };
    note(
      ["defaults", "tags"],
      "hint",
      "metadata.tags: eksctl put them on every stack it made, and CloudFormation on every role",
      ["metadata", "tags"],
    );
  }
  if (filePolicies.size > 0) {
    const policies: Record<string, unknown> = {};
    for (const flag of WELL_KNOWN_FLAGS) {
      const policy = filePolicies.get(flag);
      if (!policy) continue;
      const name = wellKnownPolicyName(flag);
      policies[name] = policy;
      const grant = wellKnownGrant(flag, partition);
      note(
        ["policies", name],
        "hint",
        `wellKnownPolicies.${flag}: eksctl's statements, exactly as eksctl grants them (its inline ${grant.inline.map((i) => i.suffix).join(", ")}). podiam's preset ${grant.preset.name} is narrower: ${grant.preset.difference}`,
      );
    }
    file.policies = policies;
  }
  file.bindings = bindings;
  if (bindings.some((b) => (b.adopt as Record<string, boolean> | undefined)?.role))
    note(
      ["bindings"],
      "hint",
      "eksctl's roles carry its own tags (alpha.eksctl.io/cluster-name, alpha.eksctl.io/eksctl-version, alpha.eksctl.io/iamserviceaccount-name or podidentityassociation-name, eksctl.cluster.k8s.io/v1alpha1/cluster-name): the first apply removes them from the adopted roles unless you add them to role.tags",
    );

  return {
    tool: "eksctl",
    inputs: [options.file, ...(options.roleNamesFile ? [options.roleNamesFile] : [])],
    file,
    notes,
    counts,
  };
}

/**
 * The Terraform name podiam gives the association of a ServiceAccount (constructs/addresses.ts
 * serviceAccountAddress, which src/import may not import: it loads cdktf); a test checks they agree.
 */
export function associationAddress(clusterKey: string, namespace: string, name: string): string {
  const serviceAccount = `${namespace}__${name.replace(/\./g, "_")}`;
  return `${clusterKey}__${/^[0-9]/.test(serviceAccount) ? `_${serviceAccount}` : serviceAccount}`;
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
