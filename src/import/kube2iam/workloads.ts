/**
 * The kube2iam/kiam view of a set of Kubernetes objects: every pod template (of a controller or a
 * Pod) with the role its annotation asks for and the ServiceAccount it runs as; every Namespace
 * with its restriction annotation; the flags of kube2iam's or kiam's own containers where they are
 * in the input. Checked here, with positions; nothing downstream reads the raw objects.
 */
import type { Problem } from "../../bindings/problems";
import { isPlainObject, type ManifestObject } from "./read-manifests";
import { goRegExp } from "./restrictions";

export const ROLE_ANNOTATION = "iam.amazonaws.com/role";
export const EXTERNAL_ID_ANNOTATION = "iam.amazonaws.com/external-id";
export const SESSION_NAME_ANNOTATION = "iam.amazonaws.com/session-name";
/** kube2iam's namespace restriction: a JSON list of role names or ARNs (globs by default). */
export const ALLOWED_ROLES_ANNOTATION = "iam.amazonaws.com/allowed-roles";
/** kiam's namespace restriction: one regular expression. */
export const PERMITTED_ANNOTATION = "iam.amazonaws.com/permitted";

/** Where each kind keeps its pod template (kube2iam.md §4). */
const TEMPLATE_PATH: Readonly<Record<string, readonly string[]>> = {
  Deployment: ["spec", "template"],
  StatefulSet: ["spec", "template"],
  DaemonSet: ["spec", "template"],
  ReplicaSet: ["spec", "template"],
  ReplicationController: ["spec", "template"],
  Job: ["spec", "template"],
  CronJob: ["spec", "jobTemplate", "spec", "template"],
  Pod: [],
};

export interface Owner {
  readonly kind: string;
  readonly name: string;
}

/** One pod template (a controller's, or a Pod's own) and what kube2iam/kiam reads from it. */
export interface Workload {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** `FILE:LINE:COLUMN` of the object. */
  readonly where: string;
  /** The annotation's value as written (trimmed), if any. */
  readonly role?: string;
  /** `FILE:LINE:COLUMN` of the annotation. */
  readonly roleWhere?: string;
  readonly externalId?: string;
  readonly sessionName?: string;
  /** The ServiceAccount its pods run as: serviceAccountName, else serviceAccount, else default. */
  readonly serviceAccount: string;
  readonly serviceAccountFrom: "serviceAccountName" | "serviceAccount" | "absent";
  /** The controller that owns it (ownerReferences with controller: true). */
  readonly owner?: Owner;
  /** A Pod's `pod-template-hash` label (its ReplicaSet's name is `<deployment>-<hash>`). */
  readonly podTemplateHash?: string;
  /** Managed by Helm (labels or annotations say so): its ServiceAccount likely is too. */
  readonly helmRelease?: string;
}

export interface NamespaceRestriction {
  readonly namespace: string;
  readonly where: string;
  /** kube2iam: the entries of allowed-roles. */
  readonly allowedRoles?: readonly string[];
  /** kiam: the expression of permitted. */
  readonly permitted?: string;
}

/** kube2iam's or kiam's own flags, read from their containers' args where they are in the input. */
export interface DaemonSettings {
  readonly tool: "kube2iam" | "kiam";
  readonly where: string;
  readonly baseRoleArn?: string;
  readonly defaultRole?: string;
  /** kube2iam --namespace-restrictions. */
  readonly namespaceRestrictions?: boolean;
  /** kube2iam --namespace-restriction-format: glob (default) or regexp. */
  readonly restrictionFormat?: "glob" | "regexp";
  /** kiam --assume-role-arn: the role the server assumes, which the application roles trust. */
  readonly assumeRoleArn?: string;
  /** kiam --disable-strict-namespace-regexp. */
  readonly unanchoredPermitted?: boolean;
}

export interface ServiceAccountObject {
  readonly namespace: string;
  readonly name: string;
  readonly helmRelease?: string;
}

export interface ClusterWorkloads {
  readonly workloads: readonly Workload[];
  readonly namespaces: ReadonlyMap<string, NamespaceRestriction>;
  readonly daemons: readonly DaemonSettings[];
  readonly serviceAccounts: readonly ServiceAccountObject[];
  /** Objects of kinds that hold no pod template, by kind: ignored. */
  readonly otherKinds: ReadonlyMap<string, number>;
  readonly problems: readonly Problem[];
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

export function clusterWorkloads(objects: readonly ManifestObject[]): ClusterWorkloads {
  const problems: Problem[] = [];
  const workloads: Workload[] = [];
  const namespaces = new Map<string, NamespaceRestriction>();
  const daemons: DaemonSettings[] = [];
  const serviceAccounts: ServiceAccountObject[] = [];
  const otherKinds = new Map<string, number>();

  for (const object of objects) {
    const metadata = object.data.metadata;
    if (!isPlainObject(metadata) || typeof metadata.name !== "string" || metadata.name === "") {
      problems.push(object.problem(["metadata"], `a ${object.kind} without metadata.name; kubectl always prints it`));
      continue;
    }
    const name = metadata.name;
    const namespace =
      typeof metadata.namespace === "string" && metadata.namespace !== "" ? metadata.namespace : "default";
    if (object.kind === "Namespace") {
      const restriction = namespaceRestriction(object, name, metadata, problems);
      namespaces.set(name, restriction);
      continue;
    }
    if (object.kind === "ServiceAccount") {
      serviceAccounts.push({ namespace, name, ...helm(metadata) });
      continue;
    }
    const templatePath = TEMPLATE_PATH[object.kind];
    if (templatePath === undefined) {
      otherKinds.set(object.kind, (otherKinds.get(object.kind) ?? 0) + 1);
      continue;
    }
    if (!DNS_SUBDOMAIN.test(name) || !DNS_LABEL.test(namespace)) {
      problems.push(
        object.problem(["metadata"], `"${namespace}/${name}" is not a Kubernetes namespace/name (lowercase RFC 1123)`),
      );
      continue;
    }
    const template = templatePath.length === 0 ? object.data : valueAt(object.data, templatePath);
    if (!isPlainObject(template)) {
      problems.push(
        object.problem(templatePath, `a ${object.kind} without its pod template (${templatePath.join(".")})`),
      );
      continue;
    }
    const spec = template.spec;
    const specPath = [...templatePath, "spec"];
    if (!isPlainObject(spec)) {
      problems.push(
        object.problem(
          specPath,
          `a ${object.kind === "Pod" ? "Pod" : "pod template"} without spec: no ServiceAccount to read`,
        ),
      );
      continue;
    }
    const templateMetadata = templatePath.length === 0 ? metadata : template.metadata;
    const metadataPath = [...templatePath, "metadata"];
    const annotationsPath = [...metadataPath, "annotations"];
    const annotations = isPlainObject(templateMetadata) ? templateMetadata.annotations : undefined;
    if (annotations !== undefined && annotations !== null && !isPlainObject(annotations)) {
      problems.push(object.problem(annotationsPath, "annotations must be a mapping"));
      continue;
    }
    const annotation = (key: string): string | undefined | null => {
      const value = isPlainObject(annotations) ? annotations[key] : undefined;
      if (value === undefined) return undefined;
      if (typeof value !== "string") {
        problems.push(
          object.problem([...annotationsPath, key], `${key} must be a string (annotation values are strings)`),
        );
        return null;
      }
      return value.trim();
    };
    const role = annotation(ROLE_ANNOTATION);
    if (role === null) continue;
    if (role === "") {
      problems.push(
        object.problem(
          [...annotationsPath, ROLE_ANNOTATION],
          `${ROLE_ANNOTATION} is empty: kube2iam and kiam read that as no role (the default role, if any); remove the annotation or write the role's name or ARN`,
        ),
      );
      continue;
    }
    const externalId = annotation(EXTERNAL_ID_ANNOTATION);
    const sessionName = annotation(SESSION_NAME_ANNOTATION);
    if (externalId === null || sessionName === null) continue;

    const account = serviceAccountOf(spec);
    if ("key" in account) {
      problems.push(object.problem([...specPath, account.key], `${account.key} must be a ServiceAccount name`));
      continue;
    }
    const owner = controllerOf(metadata);
    const labels = isPlainObject(metadata.labels) ? metadata.labels : {};
    const hash = object.kind === "Pod" ? labels["pod-template-hash"] : undefined;
    daemons.push(...daemonSettings(object, spec, specPath));
    workloads.push({
      kind: object.kind,
      namespace,
      name,
      where: object.where(),
      ...(role !== undefined ? { role, roleWhere: object.where([...annotationsPath, ROLE_ANNOTATION]) } : {}),
      ...(externalId ? { externalId } : {}),
      ...(sessionName ? { sessionName } : {}),
      serviceAccount: account.name,
      serviceAccountFrom: account.from,
      ...(owner ? { owner } : {}),
      ...(typeof hash === "string" ? { podTemplateHash: hash } : {}),
      ...helm(metadata),
    });
  }
  return { workloads, namespaces, daemons, serviceAccounts, otherKinds, problems };
}

function namespaceRestriction(
  object: ManifestObject,
  name: string,
  metadata: Record<string, unknown>,
  problems: Problem[],
): NamespaceRestriction {
  const annotations = isPlainObject(metadata.annotations) ? metadata.annotations : {};
  const path = ["metadata", "annotations"];
  let allowedRoles: string[] | undefined;
  let permitted: string | undefined;
  const allowed = annotations[ALLOWED_ROLES_ANNOTATION];
  if (allowed !== undefined) {
    let parsed: unknown;
    try {
      parsed = typeof allowed === "string" ? JSON.parse(allowed) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!Array.isArray(parsed) || !parsed.every((entry) => typeof entry === "string")) {
      problems.push(
        object.problem(
          [...path, ALLOWED_ROLES_ANNOTATION],
          `${ALLOWED_ROLES_ANNOTATION} must be a JSON list of role names or ARNs, such as ["orders-*"] (kube2iam allows no role where it is not)`,
        ),
      );
    } else allowedRoles = parsed.map((entry: string) => entry.trim());
  }
  const expression = annotations[PERMITTED_ANNOTATION];
  if (expression !== undefined) {
    if (typeof expression !== "string") {
      problems.push(
        object.problem(
          [...path, PERMITTED_ANNOTATION],
          `${PERMITTED_ANNOTATION} must be a regular expression (a string)`,
        ),
      );
    } else {
      if (goRegExp(expression) !== undefined) permitted = expression;
      else {
        problems.push(
          object.problem(
            [...path, PERMITTED_ANNOTATION],
            `${PERMITTED_ANNOTATION} is not a regular expression (${regExpError(expression)}); kiam permits no role where it does not compile`,
          ),
        );
      }
    }
  }
  return {
    namespace: name,
    where: object.where(),
    ...(allowedRoles !== undefined ? { allowedRoles } : {}),
    ...(permitted !== undefined ? { permitted } : {}),
  };
}

/** serviceAccountName, else the deprecated serviceAccount, else the namespace's default. */
function serviceAccountOf(
  spec: Record<string, unknown>,
): { name: string; from: Workload["serviceAccountFrom"] } | { key: string } {
  for (const key of ["serviceAccountName", "serviceAccount"] as const) {
    const value = spec[key];
    if (value === undefined || value === null || value === "") continue;
    if (typeof value !== "string" || !DNS_SUBDOMAIN.test(value)) return { key };
    return { name: value, from: key };
  }
  return { name: "default", from: "absent" };
}

function controllerOf(metadata: Record<string, unknown>): Owner | undefined {
  const owners = Array.isArray(metadata.ownerReferences) ? metadata.ownerReferences : [];
  const controller = owners.find((owner) => isPlainObject(owner) && owner.controller === true);
  if (!isPlainObject(controller) || typeof controller.kind !== "string" || typeof controller.name !== "string")
    return undefined;
  return { kind: controller.kind, name: controller.name };
}

function helm(metadata: Record<string, unknown>): { helmRelease?: string } {
  const annotations = isPlainObject(metadata.annotations) ? metadata.annotations : {};
  const labels = isPlainObject(metadata.labels) ? metadata.labels : {};
  const release = annotations["meta.helm.sh/release-name"];
  if (typeof release === "string") return { helmRelease: release };
  if (labels["app.kubernetes.io/managed-by"] === "Helm") {
    const instance = labels["app.kubernetes.io/instance"];
    return { helmRelease: typeof instance === "string" ? instance : "(unnamed)" };
  }
  return {};
}

/** kube2iam's or kiam server's flags, from the args of a container whose image or name says it is one. */
function daemonSettings(
  object: ManifestObject,
  spec: Record<string, unknown>,
  specPath: readonly (string | number)[],
): DaemonSettings[] {
  if (object.kind === "Pod") return []; // Its controller's template says the same.
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  const found: DaemonSettings[] = [];
  containers.forEach((container, index) => {
    if (!isPlainObject(container)) return;
    const image = typeof container.image === "string" ? container.image : "";
    const name = typeof container.name === "string" ? container.name : "";
    const args = [
      ...(Array.isArray(container.command) ? container.command : []),
      ...(Array.isArray(container.args) ? container.args : []),
    ].filter((arg): arg is string => typeof arg === "string");
    const tool =
      /kube2iam/.test(image) || /kube2iam/.test(name)
        ? "kube2iam"
        : /kiam/.test(image) && args.includes("server")
          ? "kiam"
          : undefined;
    if (!tool) return;
    const flag = (...names: string[]): string | true | undefined => {
      for (let i = 0; i < args.length; i++) {
        for (const flagName of names) {
          if (args[i] === `--${flagName}` || args[i] === `-${flagName}`) {
            const next = args[i + 1];
            return next !== undefined && !next.startsWith("-") ? next : true;
          }
          const prefix = `--${flagName}=`;
          if (args[i].startsWith(prefix)) return args[i].slice(prefix.length);
        }
      }
      return undefined;
    };
    const text = (...names: string[]) => {
      const value = flag(...names);
      return typeof value === "string" && value !== "" ? value : undefined;
    };
    const on = (...names: string[]) => {
      const value = flag(...names);
      return value === undefined ? undefined : value === true || value === "true";
    };
    const baseRoleArn = text(tool === "kube2iam" ? "base-role-arn" : "role-base-arn");
    const defaultRole = tool === "kube2iam" ? text("default-role") : undefined;
    const namespaceRestrictions = tool === "kube2iam" ? on("namespace-restrictions") : undefined;
    const format = tool === "kube2iam" ? text("namespace-restriction-format") : undefined;
    const assumeRoleArn = tool === "kiam" ? text("assume-role-arn") : undefined;
    const unanchored = tool === "kiam" ? on("disable-strict-namespace-regexp") : undefined;
    found.push({
      tool,
      where: object.where([...specPath, "containers", index]),
      ...(baseRoleArn ? { baseRoleArn } : {}),
      ...(defaultRole ? { defaultRole } : {}),
      ...(namespaceRestrictions !== undefined ? { namespaceRestrictions } : {}),
      ...(format === "regexp" || format === "glob" ? { restrictionFormat: format } : {}),
      ...(assumeRoleArn ? { assumeRoleArn } : {}),
      ...(unanchored !== undefined ? { unanchoredPermitted: unanchored } : {}),
    });
  });
  return found;
}

function valueAt(data: unknown, path: readonly string[]): unknown {
  let current = data;
  for (const key of path) {
    if (!isPlainObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

function regExpError(source: string): string {
  try {
    new RegExp(source.replace(/^\(\?[ims]+\)/, ""));
    return "unsupported syntax";
  } catch (error) {
    return (error as Error).message;
  }
}
