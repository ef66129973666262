/**
 * IAM009: a condition IAM cannot evaluate as meant: an unknown operator, an unknown condition key,
 * or a service key that none of the statement's actions supports. A condition that never matches
 * silently denies in an Allow, and silently never applies in a Deny.
 */
import {
  actionSupportsConditionKey,
  conditionKeyStatus,
  expandActionInfos,
  isGlobalConditionKey,
  type ActionInfo,
} from "../catalog/iam-actions";
import { splitAction } from "../iam/action-pattern";
import { listSome, suggest } from "../util/text";
import type { Finding, Rule } from "./rule";
import { isEveryAction, statementsOf } from "./statements";

const BASE_OPERATORS = [
  "StringEquals",
  "StringNotEquals",
  "StringEqualsIgnoreCase",
  "StringNotEqualsIgnoreCase",
  "StringLike",
  "StringNotLike",
  "NumericEquals",
  "NumericNotEquals",
  "NumericLessThan",
  "NumericLessThanEquals",
  "NumericGreaterThan",
  "NumericGreaterThanEquals",
  "DateEquals",
  "DateNotEquals",
  "DateLessThan",
  "DateLessThanEquals",
  "DateGreaterThan",
  "DateGreaterThanEquals",
  "Bool",
  "BinaryEquals",
  "IpAddress",
  "NotIpAddress",
  "ArnEquals",
  "ArnLike",
  "ArnNotEquals",
  "ArnNotLike",
];

/** Every operator IAM accepts: the base ones, `...IfExists`, `Null`, and the set prefixes. */
export const CONDITION_OPERATORS: ReadonlySet<string> = (() => {
  const single = [...BASE_OPERATORS, ...BASE_OPERATORS.map((o) => `${o}IfExists`), "Null"];
  return new Set([...single, ...single.flatMap((o) => [`ForAllValues:${o}`, `ForAnyValue:${o}`])]);
})();

export const IAM009: Rule = {
  id: "IAM009",
  severity: "error",
  title: "Unknown condition operator, or condition key unknown for the statement's actions",
  help: "A condition with an unknown operator, an unknown key, or a key that none of the statement's actions supports never matches: an Allow silently grants nothing, a Deny silently never applies. Use an operator and keys from the AWS Service Authorization Reference, on the actions that support them.",
  check(binding) {
    const findings: Finding[] = [];
    for (const view of statementsOf(binding)) {
      if (!view.conditions || view.managed) continue;
      let actions: readonly ActionInfo[] | undefined;
      const actionsOf = (): readonly ActionInfo[] => {
        // notActions or `*`: any action may be concerned, so no key is out of place.
        if (!view.actions || view.actions.some(isEveryAction)) return [];
        actions ??= [...new Set(view.actions.flatMap((a) => expandActionInfos(a)))];
        return actions;
      };
      for (const [operator, block] of Object.entries(view.conditions)) {
        if (!CONDITION_OPERATORS.has(operator)) {
          // An unquoted Null (YAML's null) never gets here: the loader rejects it with a hint.
          const hint = suggest(operator, [...CONDITION_OPERATORS]);
          findings.push({
            path: view.at("conditions", operator),
            message: `${view.label}: unknown condition operator "${operator}"${hint ? ` (did you mean "${hint}"?)` : ""}; IAM rejects the policy; fix: use an IAM operator such as StringEquals, ArnLike or Bool`,
          });
          continue;
        }
        for (const key of Object.keys(block)) {
          const path = view.at("conditions", operator, key);
          const status = conditionKeyStatus(key);
          if (!status.known) {
            const what =
              status.reason === "service" ? `"${key}" names no AWS service` : `unknown condition key "${key}"`;
            findings.push({
              path,
              message: `${view.label}: ${what}${status.suggestion ? ` (did you mean "${status.suggestion}"?)` : ""}; the condition never matches; fix: use a key from the AWS Service Authorization Reference`,
            });
            continue;
          }
          if (isGlobalConditionKey(key) || splitAction(key)?.service === "aws") continue;
          const candidates = actionsOf();
          if (candidates.length === 0 || candidates.some((a) => actionSupportsConditionKey(a, key))) continue;
          findings.push({
            path,
            message:
              `${view.label}: condition key "${key}" is not available on ${listSome(candidates.map((a) => a.action))}, so the condition never matches; ` +
              `fix: move it to a statement with the actions that support it, or drop it`,
          });
        }
      }
    }
    return findings;
  },
};
