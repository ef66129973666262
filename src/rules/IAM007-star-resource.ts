/**
 * IAM007: Resource `*` on actions that can be scoped to a resource (the catalogue lists resource
 * types for them). List-style actions that only take `*` are fine.
 */
import { expandActionInfos } from "../catalog/iam-actions";
import type { Finding, Rule } from "./rule";
import { fixFor, isEveryAction, statementsOf } from "./statements";
import { listSome } from "../util/text";

export const IAM007: Rule = {
  id: "IAM007",
  severity: "warning",
  title: "Resource * on actions that support resource-level permissions",
  check(binding) {
    const findings: Finding[] = [];
    for (const view of statementsOf(binding)) {
      if (view.effect !== "Allow") continue;
      const star = (view.resources ?? []).indexOf("*");
      if (star < 0) continue;
      const scopable = new Set<string>();
      for (const pattern of view.actions ?? []) {
        if (isEveryAction(pattern)) continue;
        for (const info of expandActionInfos(pattern)) if (info.resourceTypes.length > 0) scopable.add(info.action);
      }
      if (scopable.size === 0) continue;
      const actions = [...scopable].sort();
      findings.push({
        path: view.at("resources", star),
        message:
          `${view.label}: "*" as resource for actions that can be scoped to resources (${listSome(actions)}); ` +
          `fix: ${fixFor(view, 'list their resource ARNs, in a statement apart from the actions that only take "*"')}`,
      });
    }
    return findings;
  },
};
