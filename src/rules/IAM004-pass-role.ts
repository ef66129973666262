/**
 * IAM004: iam:PassRole hands a role to an AWS service. On every role of the account (`*`,
 * `arn:aws:iam::<account>:role/*`, any spelling that covers them) that is any role (error);
 * without an iam:PassedToService condition that limits the services, to any service (warning):
 * `StringLike iam:PassedToService: "*"` or `StringNotEquals` limit nothing.
 */
import { actionInfo } from "../catalog/iam-actions";
import type { Finding, Rule } from "./rule";
import { actionGrant, limitsValues, namesAny, partitionOf, reachesResources, resourceCover } from "./semantics";
import { fixFor, statementsOf } from "./statements";

const PASS_ROLES: readonly string[] = ["iam:PassRole"];
const PASS_ROLE = PASS_ROLES[0];
/** A service principal no policy names: a condition that admits it admits any service. */
const UNNAMED_SERVICE = "podiam-unnamed-service.amazonaws.com";

export const IAM004: Rule = {
  id: "IAM004",
  severity: "error",
  title:
    "iam:PassRole on every role (error), or without an iam:PassedToService condition that limits the services (warning)",
  help: "iam:PassRole hands one of the account's roles to an AWS service, which then acts with it. On every role the pod can hand over a role more privileged than its own (error); without an iam:PassedToService condition that limits the services it can hand it to any service (warning). List the role ARNs and add StringEquals iam:PassedToService.",
  check(binding, context) {
    const findings: Finding[] = [];
    const info = actionInfo(PASS_ROLE)!;
    const partition = partitionOf(binding, context);
    for (const view of statementsOf(binding)) {
      if (view.effect !== "Allow" || !namesAny(view, PASS_ROLES)) continue;
      const grant = actionGrant(view, PASS_ROLE);
      if (!grant || !reachesResources(view, info, partition)) continue;
      const cover = resourceCover(view, info, partition);
      if (cover) {
        const resource = cover.field === "resources" ? view.resources![cover.index] : undefined;
        const on =
          resource === "*"
            ? '"*",'
            : resource
              ? `"${resource}", which covers every role,`
              : "every role but its notResources, so";
        findings.push({
          path: cover.field === "resources" ? view.at("resources", cover.index) : view.at("notResources"),
          message: `${view.label}: allows iam:PassRole on ${on} any role in the account; fix: ${fixFor(view, "list the role ARNs it passes")}`,
        });
      } else if (!limitsValues(view.conditions, "iam:PassedToService", UNNAMED_SERVICE)) {
        findings.push({
          path: grant.field === "actions" ? view.at("actions", grant.index) : view.at("notActions"),
          severity: "warning",
          message:
            `${view.label}: allows iam:PassRole without an iam:PassedToService condition that limits the services, to any service; ` +
            `fix: ${fixFor(view, `add conditions: { StringEquals: { iam:PassedToService: <service>.amazonaws.com } }`)}`,
        });
      }
    }
    return findings;
  },
};
