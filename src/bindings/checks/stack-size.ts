/** A warning per account whose IAM stack holds so many roles that planning it gets slow. */
import { bindingsInAccount } from "../model";
import type { CheckContext } from "./check";

/**
 * Roles in one IAM stack beyond which `terraform plan` gets slow, and the offline plan time
 * measured per stack and per role (BENCHMARKS.md): a real plan also refreshes every resource.
 */
const SLOW_PLAN_ROLES_PER_STACK = 500;
const PLAN_SECONDS_BASE = 4.9;
const PLAN_SECONDS_PER_ROLE = 0.025;

export function checkStackSizes(context: CheckContext): void {
  for (const alias of context.model.accounts.keys()) {
    const count = bindingsInAccount(context.model, alias).filter((b) => !b.role.external).length;
    if (count <= SLOW_PLAN_ROLES_PER_STACK) continue;
    const seconds = Math.round(PLAN_SECONDS_BASE + PLAN_SECONDS_PER_ROLE * count);
    context.warn(
      ["accounts", alias],
      `the stack iam-${alias} holds ${count} roles: past ${SLOW_PLAN_ROLES_PER_STACK}, terraform plan gets slow (measured offline: about ${seconds} s for ${count} roles, and a real plan refreshes each role and attachment against IAM); expect slow plans, and plan with -refresh=false where a review needs only the diff`,
      "key",
    );
  }
}
