/**
 * IAM007: every resource (`*`, `arn:*:*:*:*:*`, `arn:aws:s3:::*`, any pattern that covers every
 * resource of a type) on actions that can be scoped to a resource (the catalogue lists resource
 * types for them). List-style actions that only take `*` are fine, and so is a statement whose
 * conditions narrow the resources (tags: `aws:ResourceTag/...`, `aws:RequestTag/...`; service
 * keys). An AWS managed policy gets one finding, for all its statements.
 */
import { expandActionInfos, type ActionInfo } from "../catalog/iam-actions";
import type { Finding, Rule } from "./rule";
import { narrowsResources, partitionOf, patternCoversAction } from "./semantics";
import { fixFor, isEveryAction, statementsOf, type StatementView } from "./statements";
import { listSome } from "../util/text";

const FIX = 'list their resource ARNs, in a statement apart from the actions that only take "*"';

export const IAM007: Rule = {
  id: "IAM007",
  severity: "warning",
  title:
    "Every resource (* or a pattern that covers every resource of a type) on actions that support resource-level permissions",
  help: "Every resource (`*`, or a pattern that covers every resource of a type such as `arn:aws:s3:::*`) on actions that can be scoped to resources grants them on everything the account holds. List the resource ARNs, in a statement apart from the actions that only take `*`, or narrow them with conditions on tags.",
  check(binding, context) {
    const findings: Finding[] = [];
    const partition = partitionOf(binding, context);
    // AWS managed policies: the actions of all their statements, one finding per policy.
    const managed = new Map<number, { view: StatementView; actions: Set<string> }>();
    for (const view of statementsOf(binding)) {
      if (view.effect !== "Allow" || !view.resources || narrowsResources(view.conditions)) continue;
      const scopable = new Map<string, ActionInfo>();
      for (const pattern of view.actions ?? []) {
        if (isEveryAction(pattern)) continue;
        for (const info of expandActionInfos(pattern))
          if (info.resourceTypes.length > 0) scopable.set(info.action, info);
      }
      if (scopable.size === 0) continue;
      view.resources.forEach((resource, k) => {
        const covered = [...scopable.values()].filter((info) => patternCoversAction(resource, info, partition));
        if (covered.length === 0) return;
        const actions = covered.map((info) => info.action);
        if (view.managed) {
          const entry = managed.get(view.managed.index) ?? { view, actions: new Set<string>() };
          actions.forEach((action) => entry.actions.add(action));
          managed.set(view.managed.index, entry);
          return;
        }
        const what = resource === "*" ? '"*" as resource' : `"${resource}", every resource of their type,`;
        findings.push({
          path: view.at("resources", k),
          message: `${view.label}: ${what} for actions that can be scoped to resources (${listSome(actions.sort())}); fix: ${fixFor(view, FIX)}`,
        });
      });
    }
    for (const { view, actions } of managed.values()) {
      findings.push({
        path: view.at(),
        message:
          `binding "${binding.name}", AWS managed policy ${view.managed!.name}: every resource ("*" or every resource of their type) ` +
          `for actions that can be scoped to resources (${listSome([...actions].sort())}); fix: ${fixFor(view, FIX)}`,
      });
    }
    return findings;
  },
};
