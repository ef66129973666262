/**
 * Terraform addresses: derived from binding names, cluster keys and ServiceAccounts only, never
 * from positions, so reordering the file changes no address. Keys and names are validated in the
 * loader to be valid Terraform identifiers already; what is joined here stays one.
 *
 * Renames: a resource is named under a root (a binding, a cluster) that knows the names it had
 * before; the stack derives its `moved` blocks from the resources it holds (`movesIn`), so a
 * resource a construct adds moves with its root on a rename, with nothing else to write.
 */
import { createHash } from "crypto";
import type { IConstruct } from "constructs";
import { parseArn } from "../iam/arns";
import type { ServiceAccountRef } from "../iam/types";
import { type TerraformElement, TerraformResource } from "./cdk";

/** Joins address parts; no part contains "__" (the loader refuses it in names), so the join is unambiguous. */
export function address(...parts: string[]): string {
  return parts.join("__");
}

/**
 * A ServiceAccount's part of an address. Kubernetes names may contain '.', which Terraform
 * identifiers may not, and may start with a digit, which a Terraform identifier may not either
 * (`1team`): '.' becomes '_', and a leading digit gets a '_' before it. Kubernetes names never
 * contain '_', so neither can meet another name's address, and the addresses of names that
 * start with a letter stay what they were.
 */
export function serviceAccountAddress(sa: ServiceAccountRef): string {
  const joined = address(sa.namespace, sa.name.replace(/\./g, "_"));
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

/** Terraform's identifiers: a letter or '_' first, then letters, digits, '_' and '-'. */
export const TERRAFORM_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** A name addresses derive from (a binding's, a cluster key), with the names it had before, oldest first. */
export interface Renamable {
  readonly name: string;
  readonly previousNames: readonly string[];
}

/** The Terraform name `root__rest...`, which was `previous__rest...` under each of the root's previous names. */
export class ResourceName {
  constructor(
    readonly root: Renamable,
    readonly rest: readonly string[] = [],
  ) {}

  get current(): string {
    return address(this.root.name, ...this.rest);
  }

  /** What this name was under the root's previous names, oldest first. */
  get previous(): string[] {
    return this.root.previousNames.map((name) => address(name, ...this.rest));
  }
}

/** The names a resource had before, recorded when it is named, for `movesIn`. */
const previousNamesOf = new WeakMap<TerraformElement, readonly string[]>();

/** Pins an element's Terraform name, instead of cdktf's path-and-hash. */
export function named<T extends TerraformElement>(element: T, name: string | ResourceName): T {
  if (typeof name === "string") {
    element.overrideLogicalId(name);
  } else {
    element.overrideLogicalId(name.current);
    if (name.root.previousNames.length > 0) previousNamesOf.set(element, name.previous);
  }
  return element;
}

/** `type.name`: how Terraform (depends_on, moved, import) refers to a resource. */
export function resourceAddress(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}

export interface Move {
  readonly from: string;
  readonly to: string;
}

/**
 * Terraform moved blocks for every renamed resource under `scope`: per resource, the chain from
 * its oldest name to its current one (oldest -> ... -> current), as Terraform expects for
 * repeated renames. In the order the resources were made.
 */
export function movesIn(scope: IConstruct): Move[] {
  const moves: Move[] = [];
  for (const element of scope.node.findAll()) {
    if (!(element instanceof TerraformResource)) continue;
    const previous = previousNamesOf.get(element);
    if (!previous) continue;
    const chain = [...previous, element.friendlyUniqueId].map((name) => `${element.terraformResourceType}.${name}`);
    for (let i = 1; i < chain.length; i++) moves.push({ from: chain[i - 1], to: chain[i] });
  }
  return moves;
}

/**
 * Addresses a construct no longer declares but an earlier podiam did: their objects stay in AWS
 * and leave the state (Terraform `removed` blocks, `destroy = false`). Recorded when the construct
 * is made, for `forgottenIn`.
 */
const forgottenBy = new WeakMap<IConstruct, readonly string[]>();

/** Records that `scope` forgets these resource addresses (`type.name`), without destroying them. */
export function forget(scope: IConstruct, addresses: readonly string[]): void {
  if (addresses.length > 0) forgottenBy.set(scope, [...(forgottenBy.get(scope) ?? []), ...addresses]);
}

/**
 * Every address forgotten under `scope`, in the order the constructs were made, once each. A
 * `removed` block for an address that is not in the state is a no-op, so they can stay for good;
 * none may name an address that is declared (Terraform refuses that).
 */
export function forgottenIn(scope: IConstruct): string[] {
  const addresses = new Set<string>();
  for (const construct of scope.node.findAll())
    for (const address of forgottenBy.get(construct) ?? []) addresses.add(address);
  return [...addresses];
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

/**
 * depends_on as literal addresses. cdktf's `dependsOn` makes two tokens per dependency, each
 * capturing a stack trace: at thousands of roles that is seconds of synth for the same JSON.
 */
export function dependsOn(resource: TerraformResource, addresses: readonly string[]): void {
  if (addresses.length > 0) resource.addOverride("depends_on", [...addresses]);
}
