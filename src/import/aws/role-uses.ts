/**
 * Who uses a workload role, read from its trust (IRSA `sub` values, per cluster) and from the
 * Pod Identity associations that name it, and the binding shape that admits the most of those uses
 * without admitting anything more: podiam trusts every listed ServiceAccount on every listed
 * cluster through every mechanism of the mode, so what does not fit that rectangle is narrowed
 * away, and said.
 */
import type { ImportNoteKind } from "../imported-file";
import type { AccountRole } from "./authorization-details";
import type { PodIdentityAssociation } from "./associations";
import type { TrustAnalysis } from "./trust";

/** A note about one binding, at a path inside it. */
export interface BindingNote {
  readonly at: readonly (string | number)[];
  readonly kind: ImportNoteKind;
  readonly message: string;
}

/** (cluster key -> ServiceAccounts, `ns/name` or `ns/prefix*`) through one mechanism. */
export type Uses = Map<string, Set<string>>;

export interface Candidate {
  readonly role: AccountRole;
  readonly analysis: TrustAnalysis;
  readonly irsa: Uses;
  readonly podIdentity: Uses;
  /** The associations imported with the role (not add-on owned, no target role). */
  readonly associations: PodIdentityAssociation[];
  /** What the source admits, one entry per ServiceAccount (or a stand-in such as `every ServiceAccount of prod-eu-1`). */
  readonly sourceUnits: Set<string>;
  readonly notes: BindingNote[];
}

export interface BindingShape {
  readonly mode: "irsa" | "pod-identity" | "both";
  readonly clusters: readonly string[];
  readonly serviceAccounts: readonly string[];
  readonly notes: readonly BindingNote[];
}

function addUse(uses: Uses, cluster: string, serviceAccount: string): void {
  const set = uses.get(cluster) ?? new Set<string>();
  set.add(serviceAccount);
  uses.set(cluster, set);
}

export function candidateOf(
  role: AccountRole,
  analysis: TrustAnalysis,
  associations: readonly PodIdentityAssociation[],
  clusterKeys: ReadonlyMap<string, string>,
): Candidate {
  const notes: BindingNote[] = [];
  const irsa: Uses = new Map();
  const podIdentity: Uses = new Map();
  const sourceUnits = new Set<string>();
  const kept: PodIdentityAssociation[] = [];
  if (analysis.denies.length > 0) {
    // podiam's trust has no Deny: the role without it would admit what the Deny refuses today.
    const units = [...analysis.irsa.flatMap((st) => [...st.serviceAccounts, ...st.patterns])];
    for (const association of associations) units.push(`${association.namespace}/${association.serviceAccount}`);
    for (const unit of units.length > 0 ? units : ["the role's ServiceAccounts"]) sourceUnits.add(unit);
    notes.push({
      at: [],
      kind: "skipped",
      message: `trust Statement[${analysis.denies.join("], Statement[")}] ${analysis.denies.length === 1 ? "is a Deny (or has no Effect Allow)" : "are Deny statements"}: podiam's trust has none, so the imported role would admit what they refuse; not imported`,
    });
    return { role, analysis, irsa, podIdentity, associations: kept, sourceUnits, notes };
  }
  const unreadable = analysis.irsa.flatMap((st) => st.unreadableConditions.map((c) => `Statement[${st.index}] ${c}`));
  if (unreadable.length > 0) {
    // Without the condition the role would admit more than it does today.
    for (const unit of analysis.irsa.flatMap((st) => [...st.serviceAccounts, ...st.patterns])) sourceUnits.add(unit);
    if (sourceUnits.size === 0) sourceUnits.add("the role's ServiceAccounts");
    notes.push({
      at: [],
      kind: "skipped",
      message: `trust ${unreadable.join("; ")}: a condition value IAM does not take and podiam cannot carry; dropping the condition would widen the trust, so the role is not imported`,
    });
    return { role, analysis, irsa, podIdentity, associations: kept, sourceUnits, notes };
  }
  const addon = role.tags["alpha.eksctl.io/addon-name"];
  if (addon !== undefined)
    notes.push({
      at: [],
      kind: "hint",
      message: `an eksctl role of the EKS add-on ${addon}: the add-on owns the ServiceAccount and its annotation (serviceAccount.create stays false); podiam manages only the role`,
    });
  for (const statement of analysis.irsa) {
    const key = statement.cluster ? clusterKeys.get(statement.cluster.name) : undefined;
    const where = `trust Statement[${statement.index}]`;
    const subjects = [...statement.serviceAccounts, ...statement.patterns];
    if (!key) {
      for (const sa of subjects) sourceUnits.add(sa);
      if (!statement.hasSubject) sourceUnits.add(`every ServiceAccount of ${statement.issuerHost}`);
      notes.push({
        at: [],
        kind: "skipped",
        message: `${where} trusts the issuer https://${statement.issuerHost}, which matches no given cluster (pass its aws eks describe-cluster output with --cluster): ${subjects.join(", ") || "its ServiceAccounts"} not imported through it`,
      });
      continue;
    }
    if (statement.providerAccountId !== role.accountId)
      notes.push({
        at: [],
        kind: "hint",
        message: `${where} names the OIDC provider of account ${statement.providerAccountId}, not the role's: IAM only honours a provider of the role's own account`,
      });
    if (!statement.hasSubject) {
      sourceUnits.add(`every ServiceAccount of ${key}`);
      notes.push({
        at: [],
        kind: "skipped",
        message: `${where} has no ${statement.issuerHost}:sub condition: any ServiceAccount of ${key} may assume the role. podiam never guesses which one uses it: not imported through it; find the ServiceAccount (kubectl get sa -A -o yaml | grep ${role.name}) and add a binding for it`,
      });
    }
    for (const sa of subjects) {
      sourceUnits.add(sa);
      addUse(irsa, key, sa);
    }
    for (const value of statement.unexpressible) {
      sourceUnits.add(value);
      notes.push({
        at: ["serviceAccounts"],
        kind: "narrowed",
        message: `${where}: the subject ${value} cannot be written as a podiam ServiceAccount (a wildcard only at the end of the name, never in the namespace; no ?): not imported`,
      });
    }
    if (statement.hasSubject && statement.audiences.length === 0)
      notes.push({
        at: ["mode"],
        kind: "narrowed",
        message: `${where} has no ${statement.issuerHost}:aud condition; podiam adds aud = sts.amazonaws.com (what EKS tokens carry: nothing that works today stops working)`,
      });
    else if (statement.audiences.some((aud) => aud !== "sts.amazonaws.com"))
      notes.push({
        at: ["mode"],
        kind: "narrowed",
        message: `${where} admits the audiences ${statement.audiences.join(", ")}; podiam admits sts.amazonaws.com only`,
      });
    if (Object.keys(statement.otherConditions).length > 0)
      notes.push({
        at: ["trust"],
        kind: "hint",
        message: `${where} has the conditions ${JSON.stringify(statement.otherConditions)} besides sub and aud: carried in trust.conditions where podiam accepts them`,
      });
    if (statement.exactWithStringLike)
      notes.push({
        at: ["mode"],
        kind: "hint",
        message: `${where} matches exact values with StringLike; podiam writes them with StringEquals (the same match; StringLike only for its wildcards): the first plan shows the trust policy rewritten`,
      });
    if (statement.otherPrincipals.length > 0)
      notes.push({
        at: ["mode"],
        kind: "narrowed",
        message: `${where} also admits ${statement.otherPrincipals.join(", ")}: dropped`,
      });
  }
  for (const association of [...associations].sort((a, b) => a.source.localeCompare(b.source))) {
    const sa = `${association.namespace}/${association.serviceAccount}`;
    const key = clusterKeys.get(association.clusterName);
    const what = `the Pod Identity association ${association.clusterName} ${sa}${association.associationId ? ` (${association.associationId})` : ""}`;
    sourceUnits.add(sa);
    if (association.ownerArn) {
      notes.push({
        at: [],
        kind: "skipped",
        message: `${what} is owned by the EKS add-on ${association.ownerArn}: the add-on manages it, not podiam; not imported`,
      });
      continue;
    }
    if (association.targetRoleArn) {
      notes.push({
        at: [],
        kind: "skipped",
        message: `${what} chains to the target role ${association.targetRoleArn}${association.externalId !== undefined ? " (with an external id)" : ""}${association.disableSessionTags ? " and disables session tags" : ""}: podiam has no target roles${association.disableSessionTags ? ", and its trust conditions need the session tags" : ""}; not imported (the pods use the target role's credentials)`,
      });
      continue;
    }
    if (association.policy !== undefined) {
      notes.push({
        at: [],
        kind: "skipped",
        message: `${what} has a session policy ${association.policy}, which podiam cannot express: managed by podiam, its pods would get everything the role allows, more than they have today, and an import never widens; not imported (to move it, narrow the role's policies to what the session policy allows, then write the binding)`,
      });
      continue;
    }
    if (association.disableSessionTags) {
      notes.push({
        at: [],
        kind: "skipped",
        message: `${what} disables session tags: podiam's Pod Identity trust is scoped by them and would refuse its pods; not imported`,
      });
      continue;
    }
    if (!key) {
      notes.push({
        at: [],
        kind: "skipped",
        message: `${what} is on a cluster without a describe-cluster file (--cluster): not imported`,
      });
      continue;
    }
    if (analysis.podIdentity.length === 0) {
      notes.push({
        at: [],
        kind: "skipped",
        message: `${what} names this role, whose trust does not admit pods.eks.amazonaws.com: it cannot work as it is; not imported`,
      });
      continue;
    }
    addUse(podIdentity, key, sa);
    kept.push(association);
    const tags = Object.entries(association.tags).sort(([a], [b]) => a.localeCompare(b));
    if (
      JSON.stringify(Object.fromEntries(tags)) !==
      JSON.stringify(Object.fromEntries(Object.entries(role.tags).sort(([a], [b]) => a.localeCompare(b))))
    )
      notes.push({
        at: ["role", "tags"],
        kind: "hint",
        message: `${what} has the tags ${JSON.stringify(Object.fromEntries(tags))}; podiam tags associations with the role's tags: the first plan updates them`,
      });
    notes.push({
      at: ["mode"],
      kind: "hint",
      message: `podiam does not adopt associations: import ${what} into the aws_eks_pod_identity_association the first plan wants to create (terraform import ADDRESS ${association.clusterName},${association.associationId ?? "ID"}), or the apply fails on the existing one`,
    });
  }
  for (const statement of analysis.podIdentity) {
    if (podIdentity.size === 0 && associations.length === 0) {
      sourceUnits.add(`any association in account ${role.accountId}`);
      notes.push({
        at: [],
        kind: "skipped",
        message: `trust Statement[${statement.index}] admits EKS Pod Identity, and no given association names the role: any association anyone creates in the account may use it. Not imported (pass the describe-pod-identity-association outputs of the clusters with --pod-identity-associations)`,
      });
    } else if (podIdentity.size > 0) {
      notes.push({
        at: ["mode"],
        kind: "narrowed",
        message: `trust Statement[${statement.index}] admits EKS Pod Identity ${statement.conditions ? `with the conditions ${JSON.stringify(statement.conditions)}` : "without conditions (any association in the account)"}; podiam scopes it to the account, the cluster and each associated ServiceAccount`,
      });
    }
    if (statement.otherPrincipals.length > 0)
      notes.push({
        at: ["mode"],
        kind: "narrowed",
        message: `trust Statement[${statement.index}] also admits ${statement.otherPrincipals.join(", ")}: dropped`,
      });
  }
  for (const other of analysis.others) {
    if (other.trustRoles) continue;
    notes.push({
      at: ["trust"],
      kind: "narrowed",
      message: `trust Statement[${other.index}] admits ${other.description}: podiam's trust has no such statement (trust.roles takes exact role ARNs, allowed sts:AssumeRole and sts:TagSession, without conditions); dropped`,
    });
  }
  return { role, analysis, irsa, podIdentity, associations: kept, sourceUnits, notes };
}

/** Whether pattern-or-name `a` and `b` can name the same ServiceAccount. */
function overlaps(a: string, b: string): boolean {
  if (a === b) return true;
  const covers = (pattern: string, other: string) =>
    pattern.endsWith("*") && other.replace(/\*$/, "").startsWith(pattern.slice(0, -1));
  return covers(a, b) || covers(b, a);
}

/**
 * podiam binds a ServiceAccount once per cluster. Where two roles are used by the same one, the
 * role used last keeps it (RoleLastUsed; never used loses; then by name), and the other is
 * narrowed, with the reason.
 */
export function resolveConflicts(candidates: readonly Candidate[]): void {
  const rank = (c: Candidate) => c.role.lastUsedDate ?? "";
  const ordered = [...candidates].sort(
    (a, b) => rank(b).localeCompare(rank(a)) || a.role.arn.localeCompare(b.role.arn),
  );
  const claimed: { cluster: string; sa: string; by: Candidate }[] = [];
  for (const candidate of ordered) {
    const uses = new Map<string, Set<string>>();
    for (const source of [candidate.irsa, candidate.podIdentity])
      for (const [cluster, set] of source) for (const sa of set) addUse(uses, cluster, sa);
    for (const [cluster, set] of uses) {
      for (const sa of [...set].sort()) {
        const winner = claimed.find((c) => c.cluster === cluster && overlaps(c.sa, sa));
        if (winner) {
          candidate.irsa.get(cluster)?.delete(sa);
          candidate.podIdentity.get(cluster)?.delete(sa);
          candidate.notes.push({
            at: ["serviceAccounts"],
            kind: "narrowed",
            message: `${sa} on ${cluster} is also admitted by the role ${winner.by.role.path}${winner.by.role.name}, which keeps it (last used ${winner.by.role.lastUsedDate ?? "never"}, this role ${candidate.role.lastUsedDate ?? "never"}): podiam binds a ServiceAccount once per cluster; not imported here`,
          });
        } else claimed.push({ cluster, sa, by: candidate });
      }
    }
  }
}

/** The clusters x ServiceAccounts rectangle of the most uses: the ServiceAccounts every chosen cluster has. */
function rectangle(uses: Uses): { clusters: string[]; serviceAccounts: string[] } {
  const entries = [...uses.entries()].filter(([, set]) => set.size > 0).sort(([a], [b]) => a.localeCompare(b));
  let best = { clusters: [] as string[], serviceAccounts: [] as string[] };
  // Try each cluster's set as the rectangle's ServiceAccounts: every cluster that has them all joins.
  for (const [, set] of entries) {
    const serviceAccounts = [...set].sort();
    const clusters = entries.filter(([, other]) => serviceAccounts.every((sa) => other.has(sa))).map(([key]) => key);
    if (clusters.length * serviceAccounts.length > best.clusters.length * best.serviceAccounts.length)
      best = { clusters, serviceAccounts };
  }
  // And the ServiceAccounts all clusters share.
  if (entries.length > 1) {
    const shared = [...entries[0][1]].filter((sa) => entries.every(([, set]) => set.has(sa))).sort();
    if (entries.length * shared.length > best.clusters.length * best.serviceAccounts.length)
      best = { clusters: entries.map(([key]) => key), serviceAccounts: shared };
  }
  return best;
}

function size(uses: Uses): number {
  return [...uses.values()].reduce((n, set) => n + set.size, 0);
}

function intersect(a: Uses, b: Uses): Uses {
  const out: Uses = new Map();
  for (const [cluster, set] of a)
    for (const sa of set) if (b.get(cluster)?.has(sa) && !sa.endsWith("*")) addUse(out, cluster, sa);
  return out;
}

/** The binding's mode, clusters and ServiceAccounts; undefined when nothing of the role can be imported. */
export function shapeOf(candidate: Candidate): BindingShape | undefined {
  const options: { mode: BindingShape["mode"]; clusters: string[]; serviceAccounts: string[]; covered: number }[] = [];
  const both = rectangle(intersect(candidate.irsa, candidate.podIdentity));
  if (both.serviceAccounts.length > 0)
    options.push({ mode: "both", ...both, covered: 2 * both.clusters.length * both.serviceAccounts.length });
  const irsa = rectangle(candidate.irsa);
  if (irsa.serviceAccounts.length > 0)
    options.push({ mode: "irsa", ...irsa, covered: irsa.clusters.length * irsa.serviceAccounts.length });
  const exactPodIdentity: Uses = new Map(
    [...candidate.podIdentity].map(([k, set]) => [k, new Set([...set].filter((sa) => !sa.endsWith("*")))]),
  );
  const pod = rectangle(exactPodIdentity);
  if (pod.serviceAccounts.length > 0)
    options.push({ mode: "pod-identity", ...pod, covered: pod.clusters.length * pod.serviceAccounts.length });
  if (options.length === 0) return undefined;
  const chosen = options.reduce((a, b) => (b.covered > a.covered ? b : a));
  // Patterns are IRSA only: "both" keeps the exact ServiceAccounts (intersect drops patterns).
  const notes: BindingNote[] = [];
  const dropped = (uses: Uses, mechanism: string, kept: boolean) => {
    for (const [cluster, set] of [...uses.entries()].sort(([a], [b]) => a.localeCompare(b)))
      for (const sa of [...set].sort())
        if (!(kept && chosen.clusters.includes(cluster) && chosen.serviceAccounts.includes(sa)))
          notes.push({
            at: ["serviceAccounts"],
            kind: "narrowed",
            message: `${sa} on ${cluster} through ${mechanism}: not imported (podiam trusts every ServiceAccount of a binding on each of its clusters, in its mode, and this role's uses do not fit one binding: ${chosen.mode} on ${chosen.clusters.join(", ")} for ${chosen.serviceAccounts.join(", ")} keeps the most)`,
          });
  };
  dropped(candidate.irsa, "IRSA", chosen.mode !== "pod-identity");
  dropped(candidate.podIdentity, "Pod Identity", chosen.mode !== "irsa");
  if (size(candidate.irsa) + size(candidate.podIdentity) === 0) return undefined;
  return { mode: chosen.mode, clusters: chosen.clusters, serviceAccounts: chosen.serviceAccounts, notes };
}

/** `trust` of the binding: exact role principals (trust.roles) and the extra conditions podiam accepts. */
export function trustData(candidate: Candidate, notes: BindingNote[]): Record<string, unknown> | undefined {
  const roles = [...new Set(candidate.analysis.others.flatMap((o) => o.trustRoles ?? []))].sort();
  const conditions: Record<string, Record<string, unknown>> = {};
  const refused =
    /(:sub|:aud)$|^aws:SourceAccount$|^aws:RequestTag\/(eks-cluster-arn|kubernetes-namespace|kubernetes-service-account)$/;
  const statements = candidate.analysis.irsa.filter((s) => Object.keys(s.otherConditions).length > 0);
  for (const statement of statements)
    for (const [operator, block] of Object.entries(statement.otherConditions))
      for (const [key, value] of Object.entries(block)) {
        if (refused.test(key)) {
          notes.push({
            at: ["trust"],
            kind: "narrowed",
            message: `the condition ${operator} ${key} of trust Statement[${statement.index}] is one podiam sets itself: replaced by podiam's`,
          });
          continue;
        }
        conditions[operator] = { ...(conditions[operator] ?? {}), [key]: value };
      }
  const total = candidate.analysis.irsa.length + candidate.analysis.podIdentity.length + roles.length;
  if (Object.keys(conditions).length > 0 && statements.length < total)
    notes.push({
      at: ["trust", "conditions"],
      kind: "narrowed",
      message: "trust.conditions apply to every statement of the role's trust, also to those that did not have them",
    });
  if (roles.length === 0 && Object.keys(conditions).length === 0) return undefined;
  return { ...(Object.keys(conditions).length > 0 ? { conditions } : {}), ...(roles.length > 0 ? { roles } : {}) };
}
