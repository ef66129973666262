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

const servicesByPattern = new Map<string, readonly string[]>();
/** The sensitive services a pattern's service part may be (`iam`, `IAM`, `i?m`), memoised. */
function servicesNamed(pattern: string): readonly string[] {
  let services = servicesByPattern.get(pattern);
  if (!services) {
    const parts = splitAction(pattern);
    services = parts ? SENSITIVE_SERVICES.filter((service) => wildcardRegExp(parts.service).test(service)) : [];
    servicesByPattern.set(pattern, services);
  }
  return services;
}

const matches = new Map<string, readonly string[]>();
/** The service's actions a pattern matches, memoised: the same patterns recur across bindings. */
function matchedOf(service: string, all: readonly string[], pattern: string): readonly string[] {
  const key = `${service} ${pattern}`;
  let matched = matches.get(key);
  if (!matched) {
    matched = all.filter((action) => actionMatches(pattern, action));
    matches.set(key, matched);
  }
  return matched;
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
    // notActions that match nothing of a service leave all of it allowed: one finding per statement.
    const leftWhole = new Map<StatementView, string[]>();
    // Only services some statement may name need a look (and their catalogue file).
    const named = new Set<string>();
    for (const view of allows) {
      if (view.notActions) SENSITIVE_SERVICES.forEach((service) => named.add(service));
      else for (const pattern of view.actions ?? []) servicesNamed(pattern).forEach((service) => named.add(service));
    }
    for (const service of SENSITIVE_SERVICES) {
      if (!named.has(service)) continue;
      const naming = allows.filter((view) =>
        view.notActions ? true : (view.actions ?? []).some((pattern) => servicesNamed(pattern).includes(service)),
      );
      if (naming.length === 0) continue;
      const all = actionsOfService(service);
      if (all.length === 0) continue;
      let reported = false;
      // Patterns that match part of the service: together they may match all of it.
      const partial: { view: StatementView; index: number; pattern: string; matched: readonly string[] }[] = [];
      for (const view of naming) {
        if (view.notActions) {
          const excludes = view.notActions.some(
            (pattern) => servicesNamed(pattern).includes(service) && matchedOf(service, all, pattern).length > 0,
          );
          if (excludes) continue;
          reported = true;
          leftWhole.set(view, [...(leftWhole.get(view) ?? []), service]);
          continue;
        }
        (view.actions ?? []).forEach((pattern, index) => {
          if (isEveryAction(pattern) || !servicesNamed(pattern).includes(service)) return;
          const matched = matchedOf(service, all, pattern);
          if (matched.length === 0) return;
          if (matched.length < all.length) {
            partial.push({ view, index, pattern, matched });
            return;
          }
          reported = true;
          const spelled =
            pattern.toLowerCase() === `${service}:*` ? "" : `, all ${all.length} of them, as ${service}:*`;
          findings.push({
            path: view.at("actions", index),
            message: `${view.label}: allows every ${service} action ("${pattern}"${spelled}); fix: ${fixFor(view, `list the ${service} actions the workload calls`)}`,
          });
        });
      }
      if (reported || partial.reduce((n, p) => n + p.matched.length, 0) < all.length) continue;
      if (new Set(partial.flatMap((p) => p.matched)).size < all.length) continue;
      const [first] = partial;
      findings.push({
        path: first.view.at("actions", first.index),
        message:
          `binding "${binding.name}": together, ${listSome(partial.map((c) => `"${c.pattern}"`))} allow every ${service} action (all ${all.length}); ` +
          `fix: ${fixFor(first.view, `list the ${service} actions the workload calls`)}`,
      });
    }
    for (const [view, services] of leftWhole) {
      findings.push({
        path: view.at("notActions"),
        message: `${view.label}: notActions leave every action of ${services.join(", ")} allowed, today's and future ones; fix: ${fixFor(view, "list the actions the workload calls under actions")}`,
      });
    }
    return findings;
  },
};
