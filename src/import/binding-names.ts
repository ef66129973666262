/**
 * Binding names from names of other tools (role names, ServiceAccounts): lowercase, only what a
 * binding name allows, unique in the file. The role keeps its exact name in role.name, so a
 * sanitised binding name never renames anything in AWS.
 */
import { IDENTIFIER } from "../bindings/schema";

const MAX_BINDING_NAME = 64;

/** A valid binding name close to `raw`, not in `taken` (which it is added to). */
export function uniqueBindingName(raw: string, taken: Set<string>): string {
  const base = sanitisedName(raw);
  let name = base;
  for (let n = 2; taken.has(name); n++) {
    const suffix = `-${n}`;
    name = `${base.slice(0, MAX_BINDING_NAME - suffix.length).replace(/[-_]+$/, "")}${suffix}`;
  }
  taken.add(name);
  return name;
}

export function sanitisedName(raw: string): string {
  let name = raw
    // CamelCase words apart: AmazonEKSLoadBalancerControllerRole -> amazon-eks-load-balancer-controller-role.
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/_{2,}/g, "_")
    .replace(/-{2,}/g, "-")
    .replace(/^[^a-z]+/, "")
    .slice(0, MAX_BINDING_NAME)
    .replace(/[-_]+$/, "");
  if (name === "") name = "imported";
  if (!IDENTIFIER.test(name)) throw new Error(`internal: "${name}" from "${raw}" is not a binding name`);
  return name;
}
