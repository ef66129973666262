/** A warning per IAM stack (an account's, or a team stack) that holds so many roles that planning it gets slow. */
import { compare } from "../../util/order";
import { bindingsInAccount } from "../model";
import type { FilePath } from "../problems";
import { bindingPath, type CheckContext } from "./check";

/**
 * Roles in one IAM stack beyond which `terraform plan` gets slow, and the offline plan time
 * measured per stack and per role (BENCHMARKS.md): a real plan also refreshes every resource.
 */
const SLOW_PLAN_ROLES_PER_STACK = 500;
const PLAN_SECONDS_BASE = 4.9;
const PLAN_SECONDS_PER_ROLE = 0.025;

export function checkStackSizes(context: CheckContext): void {
  for (const alias of context.model.accounts.keys()) {
    const counts = new Map<string, number>();
    // Where a team stack is named: the first binding's stack (or defaults.stack).
    const namedAt = new Map<string, FilePath>();
    for (const binding of bindingsInAccount(context.model, alias)) {
      if (binding.role.external) continue;
      const stack = binding.stack ?? "";
      counts.set(stack, (counts.get(stack) ?? 0) + 1);
      if (stack !== "" && !namedAt.has(stack)) {
        const own = bindingPath(binding, "stack");
        namedAt.set(stack, context.source.has(own) ? own : ["defaults", "stack"]);
      }
    }
    for (const [stack, count] of [...counts].sort(([a], [b]) => compare(a, b))) {
      if (count <= SLOW_PLAN_ROLES_PER_STACK) continue;
      const seconds = Math.round(PLAN_SECONDS_BASE + PLAN_SECONDS_PER_ROLE * count);
      const name = stack === "" ? `iam-${alias}` : `iam-${alias}-${stack}`;
      context.warn(
        namedAt.get(stack) ?? ["accounts", alias],
        `the stack ${name} holds ${count} roles: past ${SLOW_PLAN_ROLES_PER_STACK}, terraform plan gets slow (measured offline: about ${seconds} s for ${count} roles, and a real plan refreshes each role and attachment against IAM); ${stack === "" ? "share the roles out into team stacks (stack:, see README, Stacks per team), or expect slow plans and plan with -refresh=false where a review needs only the diff" : "split the stack (stack: on some of its bindings, with previousStacks), or expect slow plans"}`,
        "key",
      );
    }
  }
}
