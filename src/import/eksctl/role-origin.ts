/**
 * Where the role of one ClusterConfig entry comes from (made elsewhere, made by eksctl with a known
 * name, made by eksctl with a name CloudFormation generated), and whether an IRSA entry and a Pod
 * Identity association of the same ServiceAccount name one role, as podiam's mode both needs.
 */
import type { KnownRole } from "./role-names";

/** Where a role comes from, for one entry of the ClusterConfig. */
export type RoleOrigin =
  /** attachRoleARN / roleARN: eksctl made no role. */
  | { readonly kind: "elsewhere"; readonly arn: string; readonly role: KnownRole }
  /** eksctl made it, and its name is known (roleName, --role-names, status.roleARN). */
  | { readonly kind: "named"; readonly role: KnownRole; readonly how: string }
  /** eksctl made it and CloudFormation named it: the name is not in the file. */
  | { readonly kind: "generated"; readonly stack: string };

/** Whether two origins are one role: true, or why not (a sentence ending in a space). */
export function sameRole(a: RoleOrigin, b: RoleOrigin): true | string {
  if (a.kind === "generated" || b.kind === "generated")
    return "without both roles' names (roleName, or --role-names) they cannot be the same role;";
  if (a.kind === "named" && b.kind === "named")
    return a.role.name === b.role.name
      ? "eksctl cannot have made one role for both (the second stack would fail);"
      : "two different roles;";
  if (a.role.name !== b.role.name) return "two different roles;";
  if (a.role.accountId && b.role.accountId && a.role.accountId !== b.role.accountId) return "roles in two accounts;";
  if (a.kind === "elsewhere" && b.kind === "elsewhere" && a.arn !== b.arn) return "two different role ARNs;";
  return true;
}

export function describeOrigin(origin: RoleOrigin): string {
  switch (origin.kind) {
    case "elsewhere":
      return `the role ${origin.arn}`;
    case "named":
      return `the role ${origin.role.name}`;
    case "generated":
      return `a role CloudFormation named (stack ${origin.stack})`;
  }
}
