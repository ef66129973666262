/**
 * Keys of other tools (eksctl's ClusterConfig, terraform-aws-modules' IRSA and Pod Identity
 * modules, the AWS APIs) that people write into a bindings file when they translate a
 * configuration: an unknown key that names one of their concepts says what podiam offers instead,
 * or why it has none, rather than only that the key is unknown.
 */

/** By the key in lowercase (tools spell them targetRoleARN, targetRoleArn, target_role_arn...). */
const FOREIGN_KEYS: Readonly<Record<string, string>> = {
  targetrolearn:
    "EKS Pod Identity target roles (role chaining into another account) need the AWS provider 6.x (target_role_arn), which podiam does not target yet; for a role in another account, use mode: irsa with account: <alias>",
  disablesessiontags:
    "podiam's Pod Identity trust matches the session tags EKS sets (eks-cluster-arn, kubernetes-namespace, kubernetes-service-account), so they must stay on (turning them off would also need the AWS provider 6.x, which podiam does not target yet); remove it",
  subjectpattern:
    "write the pattern in serviceAccounts, as namespace/prefix* (or namespace/* for the whole namespace); IRSA only",
  attachrolearn: "for a role made elsewhere, write role: { arn: <the role's ARN> }",
  rolearn: "for a role made elsewhere, write role: { arn: <the role's ARN> }",
  wellknownpolicies:
    "use policies.presets (external-dns, aws-load-balancer-controller, aws-ebs-csi-driver, aws-efs-csi-driver, cert-manager, cluster-autoscaler, ...): each a well-known add-on's policy, scoped by its inputs",
  roleonly:
    "for the role alone, with the ServiceAccount made elsewhere (Helm), write serviceAccount: { create: false }; podiam export helm-values prints the chart's values",
  createserviceaccount: "write serviceAccount: { create: true } or { create: false }",
  attachpolicyarns: "list managed policy ARNs in policies.managed",
  permissionpolicyarns: "list managed policy ARNs in policies.managed",
  attachpolicy:
    "write the statements in policies.statements, or define the document once in the file's top-level policies (statements or a JSON document) and attach it by name in policies.managed",
  permissionpolicy:
    "write the statements in policies.statements, or define the document once in the file's top-level policies (statements or a JSON document) and attach it by name in policies.managed",
  rolename: "write role: { name: <the role's name> }",
  permissionsboundaryarn: "write role: { permissionsBoundary: <the policy's ARN> }",
};

/** What podiam offers instead of `key`, a concept of another tool; undefined for any other key. */
export function foreignKeyHint(key: string): string | undefined {
  const lower = key.toLowerCase().replace(/[_-]/g, "");
  return Object.hasOwn(FOREIGN_KEYS, lower) ? FOREIGN_KEYS[lower] : undefined;
}
