/** IAM002: `service:*` on a service where "everything" includes taking over the account or its data. */
import type { Finding, Rule } from "./rule";
import { fixFor, statementsOf } from "./statements";

export const SENSITIVE_SERVICES: readonly string[] = ["iam", "sts", "kms", "s3", "secretsmanager", "ec2", "eks"];
const SERVICE_WILDCARD = new RegExp(`^(${SENSITIVE_SERVICES.join("|")}):\\*$`, "i");

export const IAM002: Rule = {
  id: "IAM002",
  severity: "error",
  title: `Service-wide wildcard on a sensitive service (${SENSITIVE_SERVICES.map((s) => `${s}:*`).join(", ")})`,
  check(binding) {
    const findings: Finding[] = [];
    for (const view of statementsOf(binding)) {
      if (view.effect !== "Allow") continue;
      (view.actions ?? []).forEach((action, j) => {
        const match = SERVICE_WILDCARD.exec(action);
        if (!match) return;
        const service = match[1].toLowerCase();
        findings.push({
          path: view.at("actions", j),
          message: `${view.label}: allows every ${service} action ("${action}"); fix: ${fixFor(view, `list the ${service} actions the workload calls`)}`,
        });
      });
    }
    return findings;
  },
};
