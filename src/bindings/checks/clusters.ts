/**
 * Clusters: one real cluster is one entry. A cluster is identified by its account, region and EKS
 * name, and by its issuer when one is given; two keys for one cluster would give two roles trust
 * in one pod, two Pod Identity associations for one ServiceAccount (EKS refuses the second) and
 * two k8s stacks writing one ServiceAccount.
 */
import { issuerProblem } from "../../iam/arns";
import type { BindingsModel, Cluster } from "../model";
import type { CheckContext } from "./check";

/** What names one EKS cluster: the id of its account, its region and its EKS name. */
export function clusterIdentity(model: BindingsModel, cluster: Cluster): string {
  return `${model.accounts.get(cluster.account)!.id}/${cluster.region}/${cluster.name}`;
}

export function checkClusters(context: CheckContext): void {
  const { model } = context;
  const byIdentity = new Map<string, Cluster>();
  const byIssuer = new Map<string, string>();
  for (const cluster of model.clusters.values()) {
    const identity = clusterIdentity(model, cluster);
    const same = byIdentity.get(identity);
    if (same) {
      const account = model.accounts.get(cluster.account)!;
      context.report(
        ["clusters", cluster.key],
        `is the same EKS cluster as "${same.key}" (${cluster.name} in ${cluster.region}, account ${account.alias} ${account.id}): one key per cluster; use "${same.key}" everywhere, or if this key is its new name, list "${same.key}" under this key's previousNames`,
        "key",
      );
    } else {
      byIdentity.set(identity, cluster);
    }

    // A malformed issuer is the schema's problem. A valid one is in the one form EKS reports, so
    // two spellings of one issuer cannot pass as two.
    if (cluster.oidcIssuer === undefined || issuerProblem(cluster.oidcIssuer)) continue;
    const other = byIssuer.get(cluster.oidcIssuer);
    if (other) {
      context.report(
        ["clusters", cluster.key, "oidcIssuer"],
        `is already the issuer of cluster "${other}"; two clusters cannot share one OIDC issuer`,
      );
    }
    byIssuer.set(cluster.oidcIssuer, cluster.key);
  }
}
