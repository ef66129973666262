/**
 * Notes on what a ClusterConfig holds besides the workloads' IAM: EKS add-ons (their roles and
 * associations are the add-on's), the implicit aws-node role, the cluster's and Fargate's roles,
 * and the sections podiam does not read. Each is said, none is imported.
 */
import type { FilePath } from "../../bindings/problems";
import type { ImportNote } from "../imported-file";
import type { ClusterConfig } from "./cluster-config-schema";
import { UNREAD_SECTIONS } from "./cluster-config-schema";
import type { EksctlImportOptions } from "./to-bindings";

/** Notes on the parts of the file that are not workloads' IAM: add-ons, cluster roles, other sections. */
export function fileNotes(
  config: ClusterConfig,
  note: (path: FilePath, kind: ImportNote["kind"], message: string, from?: FilePath | string) => void,
  options: EksctlImportOptions,
  clusterName: string,
): void {
  (config.addons ?? []).forEach((addon, i) => {
    const iamParts = [
      addon.serviceAccountRoleARN ? `serviceAccountRoleARN ${addon.serviceAccountRoleARN}` : "",
      addon.attachPolicyARNs?.length ? "attachPolicyARNs" : "",
      addon.attachPolicy ? "attachPolicy" : "",
      addon.wellKnownPolicies ? "wellKnownPolicies" : "",
      addon.podIdentityAssociations?.length ? `${addon.podIdentityAssociations.length} podIdentityAssociations` : "",
      addon.useDefaultPodIdentityAssociations ? "useDefaultPodIdentityAssociations" : "",
    ].filter(Boolean);
    note(
      [],
      "skipped",
      `addon ${addon.name}${iamParts.length > 0 ? ` (${iamParts.join(", ")})` : ""}: not imported: the EKS add-on owns its ServiceAccount${iamParts.length > 0 ? ` and its role or association (eksctl's stack eksctl-${clusterName}-addon-${addon.name}); podiam would fight the add-on` : ""}`,
      ["addons", i],
    );
  });
  if (config.addonsConfig !== undefined)
    note([], "skipped", "addonsConfig: about EKS add-ons, not imported", ["addonsConfig"]);
  const iam = config.iam ?? {};
  const declaresVpcCni = (config.addons ?? []).some((a) => a.name === "vpc-cni");
  if (iam.withOIDC === true && !declaresVpcCni && config.addonsConfig?.disableDefaultAddons !== true)
    note(
      [],
      "hint",
      "with iam.withOIDC and no vpc-cni addon, eksctl also made an IRSA role for kube-system/aws-node (AmazonEKS_CNI_Policy) that is not in the file: it is not imported",
      ["iam", "withOIDC"],
    );
  const clusterRoles = (
    [
      "serviceRoleARN",
      "serviceRolePermissionsBoundary",
      "fargatePodExecutionRoleARN",
      "fargatePodExecutionRolePermissionsBoundary",
      "vpcResourceControllerPolicy",
    ] as const
  ).filter((key) => iam[key] !== undefined);
  if (clusterRoles.length > 0)
    note(
      [],
      "skipped",
      `iam.${clusterRoles.join(", iam.")}: the cluster's and Fargate's roles, not workloads': not imported`,
      ["iam", clusterRoles[0]],
    );
  const record = config as Record<string, unknown>;
  const unread = UNREAD_SECTIONS.filter((key) => record[key] !== undefined);
  const meta = (["version", "annotations", "forceUpdateVersion", "rollbackConfig"] as const)
    .filter((key) => config.metadata[key] !== undefined)
    .map((key) => `metadata.${key}`);
  if (unread.length + meta.length > 0)
    note(
      [],
      "skipped",
      `${[...meta, ...unread].join(", ")}: not about workloads' IAM, not read${unread.some((k) => /nodeGroups|NodeGroups/.test(k)) ? " (pods that use the nodes' instance role are not bound by any of this)" : ""}`,
      options.file,
    );
}
