/**
 * Renames without destroy: Terraform moved blocks from the addresses a binding or a cluster had
 * under its previous names to the ones it has now. previousNames are listed oldest first; the
 * moves form a chain (oldest -> ... -> current), as Terraform expects for repeated renames.
 */
import { Account, BindingsModel, usesIrsa, usesPodIdentity } from "../bindings/model";
import { address, managedPolicyKeys, serviceAccountAddress } from "../constructs/addresses";

export interface Move {
  readonly from: string;
  readonly to: string;
}

/** Consecutive pairs of [...previousNames, current]. */
function renameSteps(previousNames: readonly string[], current: string): [string, string][] {
  const chain = [...previousNames, current];
  return chain.slice(1).map((to, i) => [chain[i], to]);
}

/** The moves of one account's IAM stack. */
export function iamMoves(model: BindingsModel, account: Account): Move[] {
  const moves: Move[] = [];
  const bindings = model.bindings.filter((binding) => binding.account === account.alias);

  for (const binding of bindings) {
    for (const [from, to] of renameSteps(binding.previousNames, binding.name)) {
      const move = (type: string, suffix: string[] = []) =>
        moves.push({ from: `${type}.${address(from, ...suffix)}`, to: `${type}.${address(to, ...suffix)}` });
      move("aws_iam_role");
      if (binding.statements.length > 0) {
        move("aws_iam_policy");
        move("aws_iam_role_policy_attachment");
      }
      for (const key of managedPolicyKeys(binding.managedPolicies).values())
        move("aws_iam_role_policy_attachment", [key]);
      if (binding.role.exclusivePolicyAttachments) move("aws_iam_role_policy_attachments_exclusive");
    }
  }

  const trusted = new Set(bindings.filter((b) => usesIrsa(b.mode)).flatMap((b) => b.clusters));
  for (const cluster of model.clusters.values()) {
    const steps = renameSteps(cluster.previousNames, cluster.key);
    if (steps.length === 0) continue;
    for (const [from, to] of steps) {
      if (trusted.has(cluster.key) && cluster.oidcProvider !== "existing") {
        moves.push({ from: `aws_iam_openid_connect_provider.${from}`, to: `aws_iam_openid_connect_provider.${to}` });
      }
      for (const binding of bindings.filter((b) => usesPodIdentity(b.mode) && b.clusters.includes(cluster.key))) {
        for (const sa of binding.serviceAccounts) {
          const type = "aws_eks_pod_identity_association";
          moves.push({
            from: `${type}.${address(from, serviceAccountAddress(sa))}`,
            to: `${type}.${address(to, serviceAccountAddress(sa))}`,
          });
        }
      }
    }
  }
  return moves;
}
