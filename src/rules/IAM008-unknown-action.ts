/**
 * IAM008: an action IAM does not know (`s3:GetObjects`), an unknown service, or a wildcard that
 * matches nothing. IAM accepts them silently and they grant (or deny) nothing: in a Deny that is
 * a hole. Checked on Allow and Deny, actions and notActions.
 */
import { expandActionInfos, serviceExists, suggestAction } from "../catalog/iam-actions";
import { isWildcard, splitAction } from "../iam/action-pattern";
import type { Finding, Rule } from "./rule";
import { isEveryAction, statementsOf } from "./statements";

/** Why an action pattern is not in the catalogue, or undefined when it is. */
function unknownActionReason(pattern: string): string | undefined {
  if (isEveryAction(pattern)) return undefined;
  const parts = splitAction(pattern);
  if (!parts || parts.name === "") return `"${pattern}" is not service:Action`;
  if (expandActionInfos(pattern).length > 0) return undefined;
  const hint = suggestAction(pattern);
  const didYouMean = hint ? ` (did you mean "${hint}"?)` : "";
  if (!isWildcard(parts.service) && !serviceExists(parts.service))
    return `"${pattern}": unknown service "${parts.service}"${didYouMean}`;
  if (isWildcard(pattern)) return `"${pattern}" matches no action`;
  return `"${pattern}" is not an action of ${parts.service}${didYouMean}`;
}

export const IAM008: Rule = {
  id: "IAM008",
  severity: "error",
  title: "Unknown service or action, or a wildcard that matches no action",
  help: "An action IAM does not know (a typo, an unknown service, a wildcard that matches nothing) grants nothing, and in a Deny denies nothing. Spell it as in the AWS Service Authorization Reference; the message suggests the closest action.",
  check(binding) {
    const findings: Finding[] = [];
    for (const view of statementsOf(binding)) {
      // AWS's own documents may name actions the catalogue does not have yet; the user cannot fix those.
      if (view.managed) continue;
      for (const field of ["actions", "notActions"] as const) {
        (view[field] ?? []).forEach((pattern, j) => {
          const reason = unknownActionReason(pattern);
          if (!reason) return;
          findings.push({
            path: view.at(field, j),
            message: `${view.label}: ${reason}; it grants nothing as written; fix: spell it as in the AWS Service Authorization Reference`,
          });
        });
      }
    }
    return findings;
  },
};
