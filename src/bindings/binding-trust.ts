/**
 * The trust policy of one binding's role, from the model: the adapter from the model's clusters
 * and ServiceAccounts to the pure trust documents of src/iam.
 */
import { eksClusterArn, issuerHost } from "../iam/arns";
import type { PolicyDocument } from "../iam/policy-document";
import { trustPolicy } from "../iam/trust-policy";
import { Binding, BindingsModel, Cluster, usesIrsa, usesPodIdentity } from "./model";

export interface BindingTrustOptions {
  /**
   * The issuer host of a cluster whose issuer is not in the file: a Terraform expression that
   * reads it at plan time. Required when such a cluster is trusted, unless estimating.
   */
  readonly unknownIssuerHost?: (cluster: Cluster) => string;
  /** Size checks: stand in for an unknown issuer with one of the length EKS issuers have. */
  readonly estimateUnknownIssuers?: boolean;
}

function clusterIssuerHost(cluster: Cluster, options: BindingTrustOptions = {}): string {
  if (cluster.oidcIssuer !== undefined) return issuerHost(cluster.oidcIssuer);
  if (options.unknownIssuerHost) return options.unknownIssuerHost(cluster);
  if (options.estimateUnknownIssuers) {
    const suffix = cluster.region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    return `oidc.eks.${cluster.region}.${suffix}/id/${"X".repeat(32)}`;
  }
  throw new Error(`cluster ${cluster.key} has no oidcIssuer and no expression to read it`);
}

export function clusterArn(model: BindingsModel, cluster: Cluster): string {
  const account = model.accounts.get(cluster.account)!;
  return eksClusterArn(account.partition, cluster.region, account.id, cluster.name);
}

export function bindingTrustPolicy(
  model: BindingsModel,
  binding: Binding,
  options: BindingTrustOptions = {},
): PolicyDocument {
  const account = model.accounts.get(binding.account)!;
  const clusters = binding.clusters.map((key) => model.clusters.get(key)!);
  return trustPolicy({
    partition: account.partition,
    roleAccountId: account.id,
    irsa: usesIrsa(binding.mode)
      ? clusters.map((cluster) => ({
          issuerHost: clusterIssuerHost(cluster, options),
          serviceAccounts: binding.serviceAccounts,
          serviceAccountPatterns: binding.serviceAccountPatterns,
        }))
      : [],
    podIdentity: usesPodIdentity(binding.mode)
      ? clusters.map((cluster) => ({
          clusterArn: clusterArn(model, cluster),
          clusterAccountId: model.accounts.get(cluster.account)!.id,
          serviceAccounts: binding.serviceAccounts,
        }))
      : [],
    roles: binding.trust.roles.map((role) => role.arn),
    ...(binding.trust.conditions ? { conditions: binding.trust.conditions } : {}),
  });
}
