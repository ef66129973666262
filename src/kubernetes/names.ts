/**
 * Kubernetes' rules for what podiam writes into a cluster: namespaces, ServiceAccount names,
 * label and annotation keys, label values. Checked before Terraform sends them, so that no file
 * `validate` accepts is refused by the API server.
 */

/** A namespace is an RFC 1123 label (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-label-names). */
const K8S_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const K8S_LABEL_MAX = 63;
/** A ServiceAccount name is an RFC 1123 subdomain (…/names/#dns-subdomain-names). */
const K8S_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const K8S_SUBDOMAIN_MAX = 253;

/** Why namespace/name is not a ServiceAccount Kubernetes accepts, or undefined when it is one. */
export function serviceAccountRefProblem(namespace: string, name: string): string | undefined {
  if (namespace.length > K8S_LABEL_MAX || !K8S_LABEL.test(namespace)) {
    return "the namespace must be lowercase RFC 1123 (a-z, 0-9, '-', at most 63)";
  }
  if (name.length > K8S_SUBDOMAIN_MAX || !K8S_SUBDOMAIN.test(name)) {
    return "the name must be lowercase RFC 1123 (a-z, 0-9, '-', '.', at most 253)";
  }
  return undefined;
}

/** Whether a ServiceAccount name is a pattern (`*`, `prefix*`) rather than one name. */
export function isServiceAccountPattern(name: string): boolean {
  return name.endsWith("*");
}

/**
 * Why `namespace/name` is neither a ServiceAccount nor a pattern of them, or undefined. A pattern
 * ends its name with `*` (`ns/*`, `ns/prefix*`) and has no other wildcard: `*` anywhere else, or
 * `?`, would match in IAM what no Kubernetes name holds. The prefix is the start of a name.
 */
export function serviceAccountEntryProblem(namespace: string, name: string): string | undefined {
  if (/[*?]/.test(namespace))
    return "a wildcard may end the name (namespace/* or namespace/prefix*), never stand in the namespace";
  if (/[*?]/.test(name.slice(0, -1)) || name.endsWith("?"))
    return "'*' may only end the name (namespace/* for the whole namespace, namespace/prefix* for names that start with prefix); '?' is not allowed";
  if (!isServiceAccountPattern(name)) return serviceAccountRefProblem(namespace, name);
  const prefix = name.slice(0, -1);
  if (namespace.length > K8S_LABEL_MAX || !K8S_LABEL.test(namespace)) {
    return "the namespace must be lowercase RFC 1123 (a-z, 0-9, '-', at most 63)";
  }
  if (prefix !== "" && (prefix.length >= K8S_SUBDOMAIN_MAX || !/^[a-z0-9][-a-z0-9.]*$/.test(prefix))) {
    return "the prefix before '*' must start a lowercase RFC 1123 name (a-z, 0-9, then also '-' and '.', shorter than 253)";
  }
  return undefined;
}

/**
 * The name part of a label or annotation key, and a label's value: at most 63 characters,
 * alphanumerics at both ends, `-`, `_`, `.` and alphanumerics between
 * (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set).
 */
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const QUALIFIED_NAME_MAX = 63;

/**
 * Why `key` is not a label or annotation key: an optional prefix (a DNS subdomain of at most 253
 * characters) and `/`, then a name (https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/#syntax-and-character-set
 * for annotations, the same syntax as labels). Undefined when it is one.
 */
export function metadataKeyProblem(key: string, what: "label" | "annotation"): string | undefined {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const form = `${article(what)} key is [prefix/]name: a lowercase DNS prefix (at most 253), then a name of letters, digits, '-', '_' and '.' (at most 63, a letter or digit at both ends)`;
  if (
    prefix !== undefined &&
    (prefix.length === 0 || prefix.length > K8S_SUBDOMAIN_MAX || !K8S_SUBDOMAIN.test(prefix))
  ) {
    return `${JSON.stringify(key)} is not ${article(what)} key Kubernetes accepts: its prefix is not a lowercase DNS subdomain; ${form}`;
  }
  if (name.length === 0 || name.length > QUALIFIED_NAME_MAX || !QUALIFIED_NAME.test(name)) {
    return `${JSON.stringify(key)} is not ${article(what)} key Kubernetes accepts; ${form}`;
  }
  return undefined;
}

/** Why `value` is not a label value (empty, or a name of at most 63 as above), or undefined. */
export function labelValueProblem(key: string, value: string): string | undefined {
  if (value === "" || (value.length <= QUALIFIED_NAME_MAX && QUALIFIED_NAME.test(value))) return undefined;
  return `label "${key}" has a value Kubernetes refuses: at most 63 letters, digits, '-', '_' and '.', a letter or digit at both ends (or empty)`;
}

/** The most bytes all of an object's annotations may take, keys and values together (256 KiB). */
export const ANNOTATIONS_MAX_BYTES = 256 * 1024;

function article(what: "label" | "annotation"): string {
  return what === "label" ? "a label" : "an annotation";
}
