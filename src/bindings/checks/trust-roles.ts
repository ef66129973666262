/**
 * trust.roles admits the listed roles through their accounts (with aws:PrincipalArn), so IAM also
 * asks the listed role's own policy to allow sts:AssumeRole on this role. For a binding of this
 * file whose every policy is here, a warning when none of them does: the trust alone would not let
 * its pods in, and the first AccessDenied would come at run time.
 */
import { actionMatches, wildcardRegExp } from "../../iam/action-pattern";
import type { Binding } from "../model";
import { bindingPath, CheckContext } from "./check";

export function checkTrustedRolesMayAssume(context: CheckContext, bindings: readonly Binding[]): void {
  const byName = new Map(bindings.map((binding) => [binding.name, binding]));
  for (const binding of bindings) {
    binding.trust.roles.forEach((role, i) => {
      const caller = role.binding !== undefined ? byName.get(role.binding) : undefined;
      if (!caller || caller.role.external || !everyPolicyKnown(caller)) return;
      if (mayAssume(caller, binding.role.arn)) return;
      context.warn(
        bindingPath(binding, "trust", "roles", i),
        `binding "${caller.name}" may assume this role only if its own policy allows it (the trust names its account, with aws:PrincipalArn), and none of its statements allows sts:AssumeRole on ${binding.role.arn}: add one to "${caller.name}"`,
      );
    });
  }
}

/** Whether every policy of the binding is in the file: no AWS managed or other customer-managed one. */
function everyPolicyKnown(binding: Binding): boolean {
  return binding.managedPolicies.length === binding.filePolicies.length;
}

/** Whether an Allow of the binding's may cover sts:AssumeRole on `roleArn` (NotAction or NotResource: perhaps). */
function mayAssume(binding: Binding, roleArn: string): boolean {
  const statements = [
    ...binding.statements,
    ...binding.presets.flatMap((preset) => preset.statements),
    ...binding.filePolicies.flatMap((attached) => attached.policy.statements),
  ];
  return statements.some(
    (s) =>
      s.effect === "Allow" &&
      (s.notActions !== undefined || (s.actions ?? []).some((a) => actionMatches(a, "sts:AssumeRole"))) &&
      (s.notResources !== undefined || (s.resources ?? []).some((r) => wildcardRegExp(r).test(roleArn))),
  );
}
