/**
 * Terraform addresses: derived from binding names, cluster keys and ServiceAccounts only, never
 * from positions, so reordering the file changes no address. Keys and names are validated in the
 * loader to be valid Terraform identifiers already; what is joined here stays one.
 */
import { createHash } from "crypto";
import type { TerraformElement, TerraformResource } from "cdktf";
import type { ServiceAccountRef } from "../bindings/model";
import { parseArn } from "../iam/arns";

/** Joins address parts; no part contains "__" (the loader refuses it in names), so the join is unambiguous. */
export function address(...parts: string[]): string {
  return parts.join("__");
}

/** Kubernetes names may contain '.', which Terraform identifiers may not; they never contain '_'. */
export function serviceAccountAddress(sa: ServiceAccountRef): string {
  return address(sa.namespace, sa.name.replace(/\./g, "_"));
}

/** A managed policy's readable key: `aws_AmazonS3ReadOnlyAccess`, `111122223333_team_reader`. */
function readableKey(arn: string): string {
  const parsed = parseArn(arn);
  const resource = (parsed?.resource ?? arn).replace(/^policy\//, "");
  return `${parsed?.account ?? "arn"}_${resource}`.replace(/[^A-Za-z0-9_-]/g, "_").replace(/_{2,}/g, "_");
}

/**
 * The keys of a role's managed policies, by ARN: account, then path and name. Names that read
 * alike once punctuation is replaced (team.reader, team_reader) each get a short hash of their
 * ARN, so every key depends on its own ARN only, never on the order of the list.
 */
export function managedPolicyKeys(arns: readonly string[]): Map<string, string> {
  const readable = arns.map(readableKey);
  return new Map(
    arns.map((arn, i) => {
      const shared = readable.filter((key) => key === readable[i]).length > 1;
      return [
        arn,
        shared ? `${readable[i]}_${createHash("sha256").update(arn).digest("hex").slice(0, 8)}` : readable[i],
      ];
    }),
  );
}

/** Pins an element's Terraform name, instead of cdktf's path-and-hash. */
export function named<T extends TerraformElement>(element: T, name: string): T {
  element.overrideLogicalId(name);
  return element;
}

/** `type.name`: how Terraform (depends_on, moved, import) refers to a resource. */
export function resourceAddress(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}

/**
 * depends_on as literal addresses. cdktf's `dependsOn` makes two tokens per dependency, each
 * capturing a stack trace: at thousands of roles that is seconds of synth for the same JSON.
 */
export function dependsOn(resource: TerraformResource, addresses: readonly string[]): void {
  if (addresses.length > 0) resource.addOverride("depends_on", [...addresses]);
}
