/**
 * IAM005: sts:AssumeRole on every role (`*`, `arn:aws:iam::*:role/*`, every role of one account,
 * any spelling that covers them), or on a role of every account (`arn:aws:iam::*:role/deployer`,
 * `????????????` as the account): the pod can chain into any role that trusts it.
 */
import { actionInfo } from "../catalog/iam-actions";
import type { Finding, Rule } from "./rule";
import { arnSegments } from "../iam/resource-pattern";
import { coveringResources, namesAny, partitionOf, patternReachesAction, resourceCover } from "./semantics";
import { fixFor, statementsOf } from "./statements";

const ASSUME_ROLES: readonly string[] = ["sts:AssumeRole"];
const ASSUME_ROLE = ASSUME_ROLES[0];

/** Whether the pattern's account segment matches every account id (twelve digits). */
function everyAccount(resource: string): boolean {
  const account = arnSegments(resource, { completeShort: true })?.[4];
  return (
    account !== undefined &&
    (/^[*?]*\*[*?]*$/.test(account) ? (account.match(/\?/g) ?? []).length <= 12 : /^\?{12}$/.test(account))
  );
}

export const IAM005: Rule = {
  id: "IAM005",
  severity: "error",
  title: "sts:AssumeRole on every role (* or role/* of an account: role chaining anywhere)",
  help: "sts:AssumeRole on every role, or on a role of every account, lets the pod chain into any role whose trust policy admits it. List the role ARNs it assumes.",
  check(binding, context) {
    const findings: Finding[] = [];
    const info = actionInfo(ASSUME_ROLE)!;
    const partition = partitionOf(binding, context);
    for (const view of statementsOf(binding)) {
      if (view.effect !== "Allow" || !namesAny(view, ASSUME_ROLES)) continue;
      const fix = fixFor(view, "list the role ARNs it assumes");
      if (view.notResources) {
        if (!resourceCover(view, info, partition)) continue;
        findings.push({
          path: view.at("notResources"),
          message: `${view.label}: allows sts:AssumeRole on every role but its notResources: the pod can chain into any role that trusts it; fix: ${fix}`,
        });
        continue;
      }
      const anyAccount = (view.resources ?? []).flatMap((resource, k) =>
        everyAccount(resource) && patternReachesAction(resource, info, partition) ? [k] : [],
      );
      for (const k of [...new Set([...coveringResources(view, info, partition), ...anyAccount])].sort(
        (a, b) => a - b,
      )) {
        findings.push({
          path: view.at("resources", k),
          message: `${view.label}: allows sts:AssumeRole on "${view.resources![k]}": the pod can chain into any role that trusts it; fix: ${fix}`,
        });
      }
    }
    return findings;
  },
};
