/**
 * Team stacks (`stack`, `previousStacks`): every IAM stack's name once (an account's team stack
 * `iam-<alias>-<stack>` may read like another account's `iam-<alias>` or team stack), and a
 * binding's previous stacks never its current one. The format of a stack's name is the schema's.
 */
import { ACCOUNT_STACK } from "../schema";
import { bindingPath, CheckContext } from "./check";

export function checkStacks(context: CheckContext): void {
  const { model, source } = context;
  // Every IAM stack name, with who makes it: the account (its own stack), or the first binding naming it.
  const owners = new Map<string, { account: string; stack?: string }>();
  for (const alias of model.accounts.keys()) owners.set(`iam-${alias}`, { account: alias });
  for (const binding of model.bindings) {
    if (binding.stack === undefined) continue;
    const name = `iam-${binding.account}-${binding.stack}`;
    const owner = owners.get(name);
    if (!owner) owners.set(name, { account: binding.account, stack: binding.stack });
    else if (owner.account !== binding.account) {
      const path = source.has(bindingPath(binding, "stack")) ? bindingPath(binding, "stack") : ["defaults", "stack"];
      context.report(
        path,
        `the stack ${name} of account ${binding.account} has the name of ${owner.stack === undefined ? `account ${owner.account}'s own stack` : `account ${owner.account}'s stack "${owner.stack}"`}: two stacks would share one directory; pick another stack name`,
      );
    }
  }
  for (const binding of model.bindings) {
    binding.previousStacks.forEach((previous, i) => {
      if (previous !== binding.stack) return;
      context.report(
        bindingPath(binding, "previousStacks", i),
        previous === undefined
          ? `"${ACCOUNT_STACK}" is the binding's current stack (it has no stack); previousStacks lists the stacks it left`
          : `"${previous}" is the binding's current stack; previousStacks lists the stacks it left`,
      );
    });
  }
}
