/** Clusters: two clusters cannot share one OIDC issuer. */
import { issuerProblem } from "../../iam/arns";
import type { CheckContext } from "./check";

export function checkClusters(context: CheckContext): void {
  const byIssuer = new Map<string, string>();
  for (const cluster of context.model.clusters.values()) {
    // A malformed issuer is the schema's problem.
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
