/** IAM006: Allow with notActions/notResources grants everything else, including what AWS adds later. */
import type { Finding, Rule } from "./rule";
import { fixFor, statementsOf } from "./statements";

export const IAM006: Rule = {
  id: "IAM006",
  severity: "error",
  title: "Allow with notActions or notResources",
  check(binding) {
    const findings: Finding[] = [];
    for (const view of statementsOf(binding)) {
      if (view.effect !== "Allow") continue;
      if (view.notActions) {
        findings.push({
          path: view.at("notActions"),
          message: `${view.label}: Allow with notActions grants every other action, today's and future ones; fix: ${fixFor(view, "list the actions under actions (notActions belongs in Deny)")}`,
        });
      }
      if (view.notResources) {
        findings.push({
          path: view.at("notResources"),
          message: `${view.label}: Allow with notResources grants on every other resource; fix: ${fixFor(view, "list the resources under resources (notResources belongs in Deny)")}`,
        });
      }
    }
    return findings;
  },
};
