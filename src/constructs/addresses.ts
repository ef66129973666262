/**
 * Terraform addresses: derived from binding names, cluster keys and ServiceAccounts only, never
 * from positions, so reordering the file changes no address. Keys and names are validated in the
 * loader to be valid Terraform identifiers already; what is joined here stays one.
 */
import type { TerraformElement, TerraformResource } from "cdktf";
import type { ServiceAccountRef } from "../bindings/model";
import { parseArn } from "../iam/arns";

/** Joins address parts; no part contains "__" (names cannot), so the join is unambiguous. */
export function address(...parts: string[]): string {
  return parts.join("__");
}

/** Kubernetes names may contain '.', which Terraform identifiers may not; they never contain '_'. */
export function serviceAccountAddress(sa: ServiceAccountRef): string {
  return address(sa.namespace, sa.name.replace(/\./g, "_"));
}

/**
 * A managed policy's key under its role: `aws_AmazonS3ReadOnlyAccess`,
 * `111122223333_team_reader` (account, then path and name).
 */
export function managedPolicyKey(arn: string): string {
  const parsed = parseArn(arn);
  const resource = (parsed?.resource ?? arn).replace(/^policy\//, "");
  return `${parsed?.account ?? "arn"}_${resource}`.replace(/[^A-Za-z0-9_-]/g, "_").replace(/_{2,}/g, "_");
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
