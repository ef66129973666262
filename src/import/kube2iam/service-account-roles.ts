/**
 * From pod templates to what IRSA can express: one role per ServiceAccount. Copies are collapsed
 * (Pods of a known controller, Jobs of a known CronJob), a copy that asks for another role than its
 * controller's current template is stale (the template wins), roles a namespace's restriction
 * refuses are dropped (the pods do not have them today), and a ServiceAccount is only importable
 * when every workload on it has the same role: IRSA gives a role to the ServiceAccount, so every
 * pod that runs as it would get it.
 */
import type { Problem } from "../../bindings/problems";
import type { ImportNote } from "../imported-file";
import { restrictionVerdict, type RestrictionSettings } from "./restrictions";
import { resolveRole, roleArn, type BaseArn, type RoleReference } from "./role-reference";
import { ROLE_ANNOTATION, type ClusterWorkloads, type Workload } from "./workloads";

/** A workload that counts: a controller, a bare Pod, or a Pod whose controller is not in the input. */
export interface RoleWorkload {
  readonly workload: Workload;
  readonly role: RoleReference;
  readonly arn: string;
}

/** A ServiceAccount IRSA can give its pods' role to. */
export interface ServiceAccountRole {
  readonly namespace: string;
  readonly name: string;
  readonly arn: string;
  readonly role: RoleReference;
  /** The workloads on it, sorted. */
  readonly workloads: readonly RoleWorkload[];
}

export interface ServiceAccountRoles {
  readonly importable: readonly ServiceAccountRole[];
  /** ServiceAccounts (namespace/name) with a role that are not imported, each with its reason in notes. */
  readonly notImported: readonly string[];
  readonly notes: readonly ImportNote[];
  readonly problems: readonly Problem[];
}

export interface RoleSettings {
  readonly base: BaseArn | undefined;
  /** The cluster's account, for role names when no base ARN is known. */
  readonly clusterAccount: string;
  readonly restrictions: RestrictionSettings;
  /** kube2iam --default-role, if the input shows it. */
  readonly defaultRole?: string;
  /** kube2iam's args show --namespace-restrictions. */
  readonly namespaceRestrictionsOn?: boolean;
}

const label = (w: Workload) => `${w.kind} ${w.namespace}/${w.name}`;
const byLabel = (a: { workload: Workload }, b: { workload: Workload }) => compare(label(a.workload), label(b.workload));

export function serviceAccountRoles(input: ClusterWorkloads, settings: RoleSettings): ServiceAccountRoles {
  const notes: ImportNote[] = [];
  const problems: Problem[] = [];
  const note = (kind: ImportNote["kind"], message: string, source?: string) =>
    notes.push({ at: [], kind, message, ...(source ? { source } : {}) });

  // Controllers by kind/namespace/name, to find the template a copy repeats.
  const controllers = new Map<string, Workload>();
  for (const w of input.workloads) if (w.kind !== "Pod") controllers.set(`${w.kind}/${w.namespace}/${w.name}`, w);
  const ownerOf = (w: Workload): Workload | undefined => {
    if (!w.owner) return undefined;
    const direct = controllers.get(`${w.owner.kind}/${w.namespace}/${w.owner.name}`);
    if (direct) return direct;
    // A ReplicaSet is rarely in the input; its name is `<deployment>-<pod-template-hash>`.
    if (w.owner.kind === "ReplicaSet") {
      const hash = w.podTemplateHash;
      const deployment =
        hash && w.owner.name.endsWith(`-${hash}`)
          ? w.owner.name.slice(0, -hash.length - 1)
          : w.owner.name.replace(/-[a-z0-9]+$/, "");
      return controllers.get(`Deployment/${w.namespace}/${deployment}`);
    }
    return undefined;
  };
  /** The topmost controller in the input (a Pod's Job's CronJob), if any. */
  const templateOf = (w: Workload): Workload | undefined => {
    let current = ownerOf(w);
    for (let hops = 0; current && hops < 8; hops++) {
      const next = ownerOf(current);
      if (!next) break;
      current = next;
    }
    return current;
  };

  const resolved = new Map<Workload, RoleReference | undefined>();
  const resolve = (w: Workload): RoleReference | undefined => {
    if (resolved.has(w)) return resolved.get(w);
    let role: RoleReference | undefined;
    if (w.role !== undefined) {
      const result = resolveRole(w.role, settings.base);
      if ("problem" in result) {
        const [file, line, column] = splitWhere(w.roleWhere ?? w.where);
        problems.push({
          file,
          line,
          column,
          path: `${label(w)}: ${ROLE_ANNOTATION}`,
          severity: "error",
          message: result.problem,
        });
      } else role = result;
    }
    resolved.set(w, role);
    return role;
  };
  const arnOf = (role: RoleReference) => roleArn(role, settings.clusterAccount);

  // The workloads that count, and the copies that disagree with their template.
  const counted: Workload[] = [];
  let copies = 0;
  for (const w of [...input.workloads].sort((a, b) => compare(label(a), label(b)))) {
    const template = templateOf(w);
    if (!template) {
      if (w.owner) {
        note(
          "hint",
          `${label(w)} is owned by ${w.owner.kind} ${w.owner.name}, which is not in the input: counted on its own`,
          w.where,
        );
      }
      counted.push(w);
      continue;
    }
    copies++;
    const mine = resolve(w);
    const theirs = resolve(template);
    const same =
      (mine === undefined && theirs === undefined) ||
      (mine !== undefined && theirs !== undefined && arnOf(mine) === arnOf(theirs));
    if (!same || w.serviceAccount !== template.serviceAccount) {
      note(
        "skipped",
        `${label(w)} runs as ${w.namespace}/${w.serviceAccount} with ${mine ? `role ${arnOf(mine)}` : "no role"}, but its ${label(template)}'s current template says ${template.namespace}/${template.serviceAccount} with ${theirs ? `role ${arnOf(theirs)}` : "no role"}: a stale copy (a rollout in progress or an old ReplicaSet); the template wins and this Pod is not imported`,
        w.where,
      );
    }
  }
  if (copies > 0) {
    note(
      "hint",
      `${copies} Pod(s) and Job(s) repeat the template of a controller in the input: each counted once, with its controller`,
    );
  }

  // Per ServiceAccount, the workloads that count on it.
  const perAccount = new Map<string, Workload[]>();
  const withoutRole: Workload[] = [];
  for (const w of counted) {
    const key = `${w.namespace}/${w.serviceAccount}`;
    perAccount.set(key, [...(perAccount.get(key) ?? []), w]);
  }
  const checkedNamespaces = new Set<string>();
  const importable: ServiceAccountRole[] = [];
  const notImported: string[] = [];
  for (const key of [...perAccount.keys()].sort(compare)) {
    const workloads = perAccount.get(key)!;
    const [namespace, name] = key.split("/");
    const withRole: RoleWorkload[] = [];
    const refused: RoleWorkload[] = [];
    const roleless: Workload[] = [];
    for (const w of workloads) {
      const role = resolve(w);
      if (!role) {
        roleless.push(w);
        continue;
      }
      const entry = { workload: w, role, arn: arnOf(role) };
      const restriction = input.namespaces.get(namespace);
      if (!restriction) {
        if (!checkedNamespaces.has(namespace)) {
          note(
            "hint",
            `the Namespace ${namespace} is not in the input, so its restriction (iam.amazonaws.com/allowed-roles or permitted) was not checked: add ns to the kubectl get to check it`,
          );
        }
        checkedNamespaces.add(namespace);
        withRole.push(entry);
        continue;
      }
      const verdict = restrictionVerdict(restriction, entry.arn, settings.restrictions);
      if (verdict === undefined) {
        if (!checkedNamespaces.has(namespace)) {
          note(
            "hint",
            `the Namespace ${namespace} has neither iam.amazonaws.com/allowed-roles nor iam.amazonaws.com/permitted: read as unrestricted${settings.namespaceRestrictionsOn ? ", although kube2iam's args show --namespace-restrictions, under which its pods have no role today" : ""}; where kube2iam runs with --namespace-restrictions, or kiam serves this namespace, its pods have no role today and its bindings grant new access: check, and delete those bindings if so`,
            restriction.where,
          );
        }
        checkedNamespaces.add(namespace);
        withRole.push(entry);
      } else if (!verdict.allowed) {
        refused.push(entry);
        note(
          "skipped",
          `${label(w)} asks for ${entry.arn}, which its namespace's ${verdict.by} does not allow: kube2iam/kiam refuse it today, so importing it would grant new access; not imported`,
          w.roleWhere ?? w.where,
        );
      } else withRole.push(entry);
    }
    if (withRole.length === 0) {
      if (refused.length > 0) notImported.push(key);
      else withoutRole.push(...roleless);
      continue;
    }
    withRole.sort(byLabel);
    const arns = [...new Set(withRole.map((entry) => entry.arn))].sort(compare);
    const fix = `give each workload a ServiceAccount of its own (serviceAccountName), one per role, and import again`;
    if (name === "default") {
      notImported.push(key);
      note(
        "skipped",
        `${withRole.map((e) => `${label(e.workload)} (role ${e.arn})`).join(", ")} run(s) as the namespace's default ServiceAccount (${key}${withRole.some((e) => e.workload.serviceAccountFrom === "absent") ? ", no serviceAccountName in the template" : ""}): with IRSA the role would go to every pod of ${namespace} that names no ServiceAccount; not imported. Fix: ${fix}`,
        withRole[0].workload.where,
      );
      continue;
    }
    if (arns.length > 1) {
      notImported.push(key);
      note(
        "skipped",
        `${key} is used with ${arns.length} different roles (${withRole.map((e) => `${label(e.workload)}: ${e.arn}`).join("; ")}): IRSA gives one role per ServiceAccount; not imported. Fix: ${fix}`,
        withRole[0].workload.where,
      );
      continue;
    }
    const others = [
      ...roleless.map((w) => `${label(w)} (no role)`),
      ...refused.map((e) => `${label(e.workload)} (role ${e.arn}, refused by its namespace)`),
    ];
    if (others.length > 0) {
      notImported.push(key);
      note(
        "skipped",
        `${key} is used with role ${arns[0]} by ${withRole.map((e) => label(e.workload)).join(", ")}, and also by ${others.join(", ")}, which do not have that role today: with IRSA they would get it; not imported. Fix: ${fix}`,
        withRole[0].workload.where,
      );
      continue;
    }
    importable.push({ namespace, name, arn: arns[0], role: withRole[0].role, workloads: withRole });
  }
  if (withoutRole.length > 0) {
    const daemons = withoutRole.filter((w) => /kube2iam|kiam/.test(w.name));
    note(
      "hint",
      `${withoutRole.length} workload(s) have no ${ROLE_ANNOTATION} annotation and are not kube2iam/kiam users: ignored${daemons.length > 0 ? ` (among them ${daemons.map(label).join(", ")}: remove it at the end of the migration)` : ""}${settings.defaultRole ? `; kube2iam runs with --default-role ${settings.defaultRole}, which those pods get today: bind their ServiceAccounts to it by hand if they need it` : ""}`,
    );
  }
  return { importable, notImported, notes, problems };
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `FILE:LINE:COLUMN` into its parts (the file name may itself hold colons). */
function splitWhere(where: string): [string, number, number] {
  const match = /^(.*):(\d+):(\d+)$/.exec(where);
  return match ? [match[1], Number(match[2]), Number(match[3])] : [where, 1, 1];
}
