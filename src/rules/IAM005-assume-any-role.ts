/** IAM005: sts:AssumeRole on `*` (or any account): the pod can chain into any role that trusts it. */
import type { Finding, Rule } from "./rule";
import { fixFor, matching, statementsOf } from "./statements";

const ASSUME_ROLE: readonly string[] = ["sts:AssumeRole"];

/** `*`, or a role ARN whose account is a wildcard. */
function anyRole(resource: string): boolean {
  if (resource === "*") return true;
  const parts = resource.split(":");
  return parts.length >= 6 && parts[2] === "iam" && parts[4].includes("*");
}

export const IAM005: Rule = {
  id: "IAM005",
  severity: "error",
  title: "sts:AssumeRole on * (role chaining anywhere)",
  check(binding) {
    const findings: Finding[] = [];
    for (const view of statementsOf(binding)) {
      if (view.effect !== "Allow") continue;
      if (!(view.actions ?? []).some((a) => matching(ASSUME_ROLE, a).length > 0)) continue;
      (view.resources ?? []).forEach((resource, k) => {
        if (!anyRole(resource)) return;
        findings.push({
          path: view.at("resources", k),
          message: `${view.label}: allows sts:AssumeRole on "${resource}": the pod can chain into any role that trusts it; fix: ${fixFor(view, "list the role ARNs it assumes")}`,
        });
      });
    }
    return findings;
  },
};
