/** Kubernetes' rules for the names podiam writes: namespaces and ServiceAccount names. */

/** A namespace is an RFC 1123 label. */
const K8S_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const K8S_LABEL_MAX = 63;
/** A ServiceAccount name is an RFC 1123 subdomain. */
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
