/**
 * IAM006: Allow with notActions/notResources grants everything else, including what AWS adds later.
 * In an AWS managed policy that is AWS's own choice, which the user cannot edit: a warning naming
 * the policy (what it grants is judged by the other rules all the same).
 */
import type { Finding, Rule } from "./rule";
import { fixFor, statementsOf } from "./statements";

export const IAM006: Rule = {
  id: "IAM006",
  severity: "error",
  title: "Allow with notActions or notResources (a warning in an AWS managed policy)",
  help: "An Allow with notActions or notResources grants everything it does not name, including actions and resources AWS adds later. List what is allowed under actions and resources; notActions and notResources belong in Deny statements. In an AWS managed policy it is AWS's choice: a warning.",
  check(binding) {
    const findings: Finding[] = [];
    for (const view of statementsOf(binding)) {
      if (view.effect !== "Allow") continue;
      const severity = view.managed ? { severity: "warning" as const } : {};
      const note = view.managed ? ` (AWS's choice in ${view.managed.name})` : "";
      if (view.notActions) {
        findings.push({
          path: view.at("notActions"),
          ...severity,
          message: `${view.label}: Allow with notActions grants every other action, today's and future ones${note}; fix: ${fixFor(view, "list the actions under actions (notActions belongs in Deny)")}`,
        });
      }
      if (view.notResources) {
        findings.push({
          path: view.at("notResources"),
          ...severity,
          message: `${view.label}: Allow with notResources grants on every other resource${note}; fix: ${fixFor(view, "list the resources under resources (notResources belongs in Deny)")}`,
        });
      }
    }
    return findings;
  },
};
