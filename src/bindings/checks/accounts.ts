/** Accounts: one alias per account id; a provider role in the account's partition. */
import { parseArn, roleArnProblem } from "../../iam/arns";
import type { CheckContext } from "./check";

export function checkAccounts(context: CheckContext): void {
  const byId = new Map<string, string>();
  for (const account of context.model.accounts.values()) {
    const other = byId.get(account.id);
    if (other) {
      context.report(
        ["accounts", account.alias, "id"],
        `account ${account.id} is already declared as "${other}"; one alias per account`,
      );
    }
    byId.set(account.id, account.alias);
    // A malformed ARN is the schema's problem.
    if (account.providerRoleArn === undefined || roleArnProblem(account.providerRoleArn)) continue;
    const partition = parseArn(account.providerRoleArn)!.partition;
    if (partition !== account.partition) {
      context.report(
        ["accounts", account.alias, "providerRoleArn"],
        `is in partition ${partition}, the account in ${account.partition}`,
      );
    }
  }
}
