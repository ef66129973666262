/**
 * IAM010: reading secrets (objects, parameters, secret values, decryption) on every resource: `*`
 * or any pattern that covers every bucket, parameter, secret or key (`arn:aws:s3:::*`,
 * `arn:aws:secretsmanager:*:*:secret:*`, notResources), unless the statement's conditions narrow
 * the resources (`s3:ExistingObjectTag/...`, `aws:ResourceTag/...`, `kms:ViaService`).
 *
 * secretsmanager:BatchGetSecretValue takes only `*` and returns only the secrets
 * secretsmanager:GetSecretValue allows one by one (AWS API reference, BatchGetSecretValue,
 * "Required permissions"), so the read is judged by GetSecretValue's resources, and the fix never
 * asks to scope it.
 */
import { actionInfo } from "../catalog/iam-actions";
import type { Finding, Rule } from "./rule";
import {
  actionGrant,
  coveringResources,
  namedAmong,
  namesAny,
  narrowsResources,
  partitionOf,
  resourceCover,
} from "./semantics";
import { fixFor, statementsOf } from "./statements";
import { listSome } from "../util/text";

export const SECRET_READ_ACTIONS: readonly string[] = [
  "s3:GetObject",
  "s3:GetObjectVersion",
  "ssm:GetParameter",
  "ssm:GetParameters",
  "ssm:GetParametersByPath",
  "ssm:GetParameterHistory",
  "secretsmanager:GetSecretValue",
  "kms:Decrypt",
];

/** Reads that take only `*` and read what the ones above allow. */
const WILDCARD_ONLY_READS: readonly string[] = ["secretsmanager:BatchGetSecretValue"];

export const IAM010: Rule = {
  id: "IAM010",
  severity: "warning",
  title: "Secret reads (s3:GetObject, ssm:GetParameter*, secretsmanager:GetSecretValue, kms:Decrypt) on every resource",
  help: "Reading objects, parameters, secret values or decrypting with keys on every resource gives the pod every secret the account holds. List the ARNs it reads, or narrow the statement with conditions on tags. secretsmanager:BatchGetSecretValue only takes `*` and reads what secretsmanager:GetSecretValue allows.",
  check(binding, context) {
    const findings: Finding[] = [];
    const partition = partitionOf(binding, context);
    for (const view of statementsOf(binding)) {
      if (view.effect !== "Allow") continue;
      if (!namesAny(view, SECRET_READ_ACTIONS) || narrowsResources(view.conditions)) continue;
      const named = namedAmong(view, SECRET_READ_ACTIONS);
      const reads = SECRET_READ_ACTIONS.filter((action) => named.has(action));
      const alsoWildcardOnly = WILDCARD_ONLY_READS.filter((action) => actionGrant(view, action));
      const keep =
        alsoWildcardOnly.length > 0
          ? ` (keep ${alsoWildcardOnly.join(", ")}, which only takes "*", in a statement of its own)`
          : "";
      const fix = fixFor(view, `list the ARNs it reads${keep}`);
      // Where each resource pattern (or notResources) covers every resource of some of the reads.
      const byPlace = new Map<number | "notResources", string[]>();
      for (const action of reads) {
        const info = actionInfo(action)!;
        const places = view.notResources
          ? resourceCover(view, info, partition)
            ? (["notResources"] as const)
            : []
          : coveringResources(view, info, partition);
        for (const place of places) byPlace.set(place, [...(byPlace.get(place) ?? []), action]);
      }
      for (const [place, actions] of byPlace) {
        const on = place === "notResources" ? "every resource but its notResources" : `"${view.resources![place]}"`;
        findings.push({
          path: place === "notResources" ? view.at("notResources") : view.at("resources", place),
          message: `${view.label}: reads secrets on ${on} (${listSome(actions)}): every bucket, parameter, secret or key the account holds; fix: ${fix}`,
        });
      }
    }
    return findings;
  },
};
