/** IAM001: an Allow of every action (`*`, `*:*`) makes the pod an administrator. */
import type { Finding, Rule } from "./rule";
import { fixFor, isEveryAction, statementsOf } from "./statements";

export const IAM001: Rule = {
  id: "IAM001",
  severity: "error",
  title: "Allow of every action (* or *:*)",
  help: "A statement that allows every action makes the pod an administrator of the account, now and for every service AWS adds. List the actions the workload calls. `*` and `*:*` are both every action.",
  check(binding) {
    const findings: Finding[] = [];
    for (const view of statementsOf(binding)) {
      if (view.effect !== "Allow") continue;
      (view.actions ?? []).forEach((action, j) => {
        if (!isEveryAction(action)) return;
        findings.push({
          path: view.at("actions", j),
          message: `${view.label}: allows every action ("${action}"); fix: ${fixFor(view, "list the actions the workload calls")}`,
        });
      });
    }
    return findings;
  },
};
