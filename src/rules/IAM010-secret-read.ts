/** IAM010: reading secrets (objects, parameters, secret values, decryption) on every resource. */
import type { Finding, Rule } from "./rule";
import { fixFor, matching, statementsOf } from "./statements";
import { listSome } from "../util/text";

export const SECRET_READ_ACTIONS: readonly string[] = [
  "s3:GetObject",
  "s3:GetObjectVersion",
  "ssm:GetParameter",
  "ssm:GetParameters",
  "ssm:GetParametersByPath",
  "ssm:GetParameterHistory",
  "secretsmanager:GetSecretValue",
  "secretsmanager:BatchGetSecretValue",
  "kms:Decrypt",
];

export const IAM010: Rule = {
  id: "IAM010",
  severity: "warning",
  title: "Secret reads (s3:GetObject, ssm:GetParameter*, secretsmanager:GetSecretValue, kms:Decrypt) on *",
  check(binding) {
    const findings: Finding[] = [];
    for (const view of statementsOf(binding)) {
      if (view.effect !== "Allow") continue;
      const star = (view.resources ?? []).indexOf("*");
      if (star < 0) continue;
      const matched = new Set((view.actions ?? []).flatMap((p) => matching(SECRET_READ_ACTIONS, p)));
      const reads = SECRET_READ_ACTIONS.filter((action) => matched.has(action));
      if (reads.length === 0) continue;
      findings.push({
        path: view.at("resources", star),
        message: `${view.label}: reads secrets on "*" (${listSome(reads)}): every bucket, parameter, secret or key the account holds; fix: ${fixFor(view, "list the ARNs it reads")}`,
      });
    }
    return findings;
  },
};
