/**
 * IAM004: iam:PassRole hands a role to an AWS service. On `*` that is any role in the account
 * (error); without iam:PassedToService, to any service (warning).
 */
import type { Finding, Rule } from "./rule";
import { conditionKeysOf, fixFor, matching, PASS_ROLE, statementsOf } from "./statements";

export const IAM004: Rule = {
  id: "IAM004",
  severity: "error",
  title: "iam:PassRole on * (error) or without an iam:PassedToService condition (warning)",
  check(binding) {
    const findings: Finding[] = [];
    for (const view of statementsOf(binding)) {
      if (view.effect !== "Allow") continue;
      const j = (view.actions ?? []).findIndex((a) => matching(PASS_ROLE, a).length > 0);
      if (j < 0) continue;
      const star = (view.resources ?? []).indexOf("*");
      if (star >= 0) {
        findings.push({
          path: view.at("resources", star),
          message: `${view.label}: allows iam:PassRole on "*", any role in the account; fix: ${fixFor(view, "list the role ARNs it passes")}`,
        });
      } else if (!conditionKeysOf(view).has("iam:passedtoservice")) {
        findings.push({
          path: view.at("actions", j),
          severity: "warning",
          message:
            `${view.label}: allows iam:PassRole without an iam:PassedToService condition, to any service; ` +
            `fix: ${fixFor(view, `add conditions: { StringEquals: { iam:PassedToService: <service>.amazonaws.com } }`)}`,
        });
      }
    }
    return findings;
  },
};
