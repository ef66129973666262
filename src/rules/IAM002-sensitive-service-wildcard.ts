/**
 * IAM002: every action of a service where "everything" includes taking over the account or its
 * data. Judged on what the patterns match, not how they are spelled: `iam:*`, `iam:**`, `IAM:?*`,
 * a pattern that happens to match all of a service's actions today, patterns of one role that
 * together match all of them, and notActions that leave the whole service granted.
 */
import { expandActionInfos } from "../catalog/iam-actions";
import { actionMatches, splitAction, wildcardRegExp } from "../iam/action-pattern";
import { listSome } from "../util/text";
import type { Finding, Rule } from "./rule";
import { fixFor, isEveryAction, statementsOf, type StatementView } from "./statements";

export const SENSITIVE_SERVICES: readonly string[] = ["iam", "sts", "kms", "s3", "secretsmanager", "ec2", "eks"];

/** Whether the pattern's service part may be the service (`iam`, `IAM`, `i?m`). */
function mayNameService(pattern: string, service: string): boolean {
  const parts = splitAction(pattern);
  return parts !== undefined && wildcardRegExp(parts.service).test(service);
}

function actionsOfService(service: string): readonly string[] {
  return expandActionInfos(`${service}:*`).map((info) => info.action);
}

export const IAM002: Rule = {
  id: "IAM002",
  severity: "error",
  title: `Every action of a sensitive service (${SENSITIVE_SERVICES.map((s) => `${s}:*`).join(", ")}), in any spelling`,
  help: "Every action of iam, sts, kms, s3, secretsmanager, ec2 or eks includes taking over the account or reading all of its data. It is judged on what the patterns match: `iam:*`, `iam:?*`, a pattern that matches all of a service's actions today, patterns that together do, or notActions that leave the service out. List the actions the workload calls.",
  check(binding) {
    const findings: Finding[] = [];
    const allows = statementsOf(binding).filter((view) => view.effect === "Allow");
    for (const service of SENSITIVE_SERVICES) {
      const all = actionsOfService(service);
      if (all.length === 0) continue;
      let reported = false;
      // Patterns that match part of the service: together they may match all of it.
      const together = new Set<string>();
      const contributors: { view: StatementView; index: number; pattern: string }[] = [];
      for (const view of allows) {
        if (view.notActions) {
          if (view.notActions.some((pattern) => all.some((action) => actionMatches(pattern, action)))) continue;
          reported = true;
          findings.push({
            path: view.at("notActions"),
            message: `${view.label}: notActions leave every ${service} action allowed, today's and future ones; fix: ${fixFor(view, `list the ${service} actions the workload calls under actions`)}`,
          });
          continue;
        }
        (view.actions ?? []).forEach((pattern, index) => {
          if (isEveryAction(pattern) || !mayNameService(pattern, service)) return;
          const matched = all.filter((action) => actionMatches(pattern, action));
          if (matched.length === 0) return;
          if (matched.length === all.length) {
            reported = true;
            const spelled =
              pattern.toLowerCase() === `${service}:*` ? "" : `, all ${all.length} of them, as ${service}:*`;
            findings.push({
              path: view.at("actions", index),
              message: `${view.label}: allows every ${service} action ("${pattern}"${spelled}); fix: ${fixFor(view, `list the ${service} actions the workload calls`)}`,
            });
            return;
          }
          matched.forEach((action) => together.add(action));
          contributors.push({ view, index, pattern });
        });
      }
      if (reported || together.size < all.length) continue;
      const [first] = contributors;
      findings.push({
        path: first.view.at("actions", first.index),
        message:
          `binding "${binding.name}": together, ${listSome(contributors.map((c) => `"${c.pattern}"`))} allow every ${service} action (all ${all.length}); ` +
          `fix: ${fixFor(first.view, `list the ${service} actions the workload calls`)}`,
      });
    }
    return findings;
  },
};
