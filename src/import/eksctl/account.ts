/**
 * The cluster's account id, which no ClusterConfig holds: `--account-id`, else the one account the
 * file's ARNs are in (roles, boundaries, customer-managed policies, --role-names ARNs; never a
 * targetRoleARN, which is another account's by design), else left to fill in. The note says which.
 */
import { FilePath, renderPath } from "../../bindings/problems";
import type { ImportNote } from "../imported-file";
import type { ClusterConfig } from "./cluster-config-schema";
import type { EksctlImportOptions } from "./to-bindings";

const ARN_ACCOUNT = /^arn:[a-z-]+:[a-z0-9-]*:[a-z0-9-]*:(\d{12}):/;

export function accountOf(
  config: ClusterConfig,
  options: EksctlImportOptions,
  at: (path: FilePath) => string,
): { id?: string; note?: { kind: ImportNote["kind"]; message: string } } {
  const found: { id: string; where: string }[] = [];
  const look = (value: string | undefined, path: FilePath) => {
    const match = value ? ARN_ACCOUNT.exec(value) : null;
    if (match) found.push({ id: match[1], where: `${renderPath(path)} (${at(path)})` });
  };
  (config.iam?.serviceAccounts ?? []).forEach((sa, i) => {
    const p = ["iam", "serviceAccounts", i];
    look(sa.attachRoleARN, [...p, "attachRoleARN"]);
    look(sa.permissionsBoundary, [...p, "permissionsBoundary"]);
    look(sa.status?.roleARN, [...p, "status", "roleARN"]);
    (sa.attachPolicyARNs ?? []).forEach((arn, j) => look(arn, [...p, "attachPolicyARNs", j]));
  });
  (config.iam?.podIdentityAssociations ?? []).forEach((pia, i) => {
    const p = ["iam", "podIdentityAssociations", i];
    // targetRoleARN is another account's by design: it says nothing of the cluster's.
    look(pia.roleARN, [...p, "roleARN"]);
    look(pia.permissionsBoundaryARN, [...p, "permissionsBoundaryARN"]);
    (pia.permissionPolicyARNs ?? []).forEach((arn, j) => look(arn, [...p, "permissionPolicyARNs", j]));
  });
  for (const given of options.roleNames?.values() ?? [])
    if (given.accountId) found.push({ id: given.accountId, where: given.where });
  const ids = [...new Set(found.map((f) => f.id))].sort();
  if (options.accountId !== undefined) {
    const others = found.filter((f) => f.id !== options.accountId);
    return {
      id: options.accountId,
      note: {
        kind: "hint",
        message: `from --account-id${
          others.length > 0
            ? `; ARNs of the file in other accounts: ${others
                .map((o) => `${o.id} at ${o.where}`)
                .slice(0, 5)
                .join(", ")}`
            : ""
        }`,
      },
    };
  }
  if (ids.length === 1)
    return {
      id: ids[0],
      note: {
        kind: "hint",
        message: `a ClusterConfig does not hold the account id: inferred from the ${found.length} ARN(s) of the file in account ${ids[0]} (the first at ${found[0].where}); pass --account-id if that is not the cluster's account`,
      },
    };
  return {
    note: {
      kind: "todo",
      message:
        ids.length === 0
          ? "a ClusterConfig does not hold the account id, and no ARN of the file names one: write it here, or import again with --account-id"
          : `a ClusterConfig does not hold the account id, and the file's ARNs name several (${ids.join(", ")}): write the cluster's here, or import again with --account-id`,
    },
  };
}
